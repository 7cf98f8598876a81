import { Readable, pipeline } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { CsvError, parse, type Options, type Parser } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { UnparseableSourceError, UserError } from "@/lib/errors";
import { resolveCsvColumns, type CsvColumnMapping, type CsvColumns } from "./csv-mapping";
import { splitCsvRecords, withoutLineEnd, type CsvRecordText, type CsvTexts } from "./csv-records";
import { isBlankRow, rowReader, type RowReader } from "./csv-row";
import { dateTimeReader } from "./csv-time";
import type { Connector, ConnectorContext, SourceRecord } from "./types";

export { defaultCsvMapping, type CsvColumnMapping } from "./csv-mapping";

export type CsvByteStream = NodeJS.ReadableStream | ReadableStream<Uint8Array>;

/** A CSV source: `open` is called once per `records()` run; `label` (file name or URL) prefixes every position. */
export type CsvInput = { label: string; open(): CsvByteStream | Promise<CsvByteStream> };

/**
 * Reads a room-booking export (Teem, Robin, Condeco…) as a stream: memory stays flat however many
 * rows the file has. Positions read "<label> row N" with the header as row 1, so N is the row a
 * spreadsheet shows (a quoted cell with line breaks is still one row; blank lines count).
 * Rows without an id are keyed by their content: room, start, end, and booked-at where present.
 */
export function csvConnector(input: CsvInput, mapping: Partial<CsvColumnMapping> = {}, options: { rereadable?: boolean } = {}): Connector {
  const records = (context: ConnectorContext, keep?: (row: number) => boolean) => readCsv(input, mapping, context, keep);
  if (!options.rereadable) return { records };
  return { records, rereadable: { texts: () => readRecordTexts(input, mapping), records } };
}

/**
 * The file's header is read as readCsv reads it (same separator, same mapping check); the rows are
 * only cut, not parsed. Throws IrregularCsv (csv-records.ts) where they cannot be cut without parsing;
 * read failures are described as readCsv describes them.
 */
async function readRecordTexts(input: CsvInput, mapping: Partial<CsvColumnMapping>): Promise<CsvTexts> {
  const { label } = input;
  let source: Readable | undefined;
  try {
    const opened = await openCsvBytes(input);
    source = opened.source;
    const { delimiter } = opened;
    const records = splitCsvRecords(opened.bytes, delimiter);
    const first = await records.next();
    if (first.done === true) {
      throw new UnparseableSourceError(label, "the file is empty: expected a header row naming room, start and end columns");
    }
    const [header] = parseSync(first.value.text, { ...PARSE_OPTIONS, raw: false, delimiter }) as string[][];
    resolveHeader(label, header ?? [], mapping);
    const openSource = source;
    async function* rows(): AsyncGenerator<CsvRecordText> {
      try {
        yield* records;
      } catch (error) {
        throw describeReadError(label, error);
      } finally {
        openSource.destroy();
      }
    }
    return { layout: layoutOf(first.value.text, delimiter, mapping), records: rows() };
  } catch (error) {
    source?.destroy();
    throw describeReadError(label, error);
  }
}

/** What a row's text means besides itself: the header, the separator and the column mapping. */
function layoutOf(header: string, delimiter: string, mapping: Partial<CsvColumnMapping>): string {
  return JSON.stringify({ header, delimiter, mapping });
}

// A booking row is a few hundred bytes; one this long is a quote that never closes, or not CSV.
const MAX_ROW_BYTES = 64 * 1024;
// A source that hands over the whole file as one chunk is still parsed (and its rows held) a slice at a time.
const MAX_CHUNK_BYTES = 64 * 1024;

const PARSE_OPTIONS = {
  // UTF-8 and UTF-16LE byte-order marks are dropped; UTF-16LE ("Unicode text" from Excel) is then decoded as such.
  bom: true,
  // A quote inside an unquoted cell is text (`5" screen`), as spreadsheets read it. A bad closing
  // quote (`"09:00"x`) stays inside its own row too, quotes kept in the cell, which then fails as a
  // value. Strict mode with skip_records_with_error would instead read on to the next quote in the
  // file and drop every row in between as one skipped record.
  relax_quotes: true,
  // Rows with too few or too many cells arrive as they are and are rejected with the counts.
  relax_column_count: true,
  // Blank lines arrive as [""] so that they keep their row number; the row reader passes over them.
  skip_empty_lines: false,
  max_record_size: MAX_ROW_BYTES,
  // Each record's text as it stands in the file, for its digest (lib/ingest/line-digest.ts). columns,
  // cast and info stay off: each row arrives as a plain string array.
  raw: true,
} satisfies Options;

async function* readCsv(
  input: CsvInput,
  mapping: Partial<CsvColumnMapping>,
  context: ConnectorContext,
  keep?: (row: number) => boolean,
): AsyncGenerator<SourceRecord> {
  const { label } = input;
  const toInstant = dateTimeReader(context.timeZone);
  let source: Readable | undefined;
  let parser: Parser | undefined;
  let readRow: RowReader | undefined;
  let layout = "";
  let row = 0;
  try {
    const opened = await openCsvBytes(input);
    source = opened.source;
    const { delimiter } = opened;
    parser = parse({ ...PARSE_OPTIONS, delimiter });
    // Errors of the source or of csv-parse end the loop below: pipeline destroys the parser with them.
    const rows: AsyncIterable<{ record: string[]; raw: string }> = pipeline(opened.bytes, parser, () => {});
    for await (const { record: fields, raw } of rows) {
      row += 1;
      if (readRow !== undefined) {
        if (keep !== undefined && !keep(row)) continue;
        const record = readRow(fields, row);
        if (record?.kind === "booking") {
          record.row = { number: row, digest: context.digestRow ? context.digestRow(layout, withoutLineEnd(raw)) : null };
        }
        if (record !== undefined) yield record;
      } else if (!isBlankRow(fields)) {
        if (row !== 1) throw new UnparseableSourceError(`${label} row 1`, "the header row is empty; it must name the columns");
        readRow = rowReader(label, resolveHeader(label, fields, mapping), toInstant);
        layout = layoutOf(withoutLineEnd(raw), delimiter, mapping);
      }
    }
  } catch (error) {
    throw describeReadError(label, error);
  } finally {
    parser?.destroy();
    source?.destroy();
  }
  if (readRow === undefined) {
    throw new UnparseableSourceError(label, "the file is empty: expected a header row naming room, start and end columns");
  }
}

/**
 * Opens the input and reads up to the end of its header line to choose the separator (both readings
 * of a file go through here, so they cut it alike); `bytes` then gives the file from its first byte.
 */
async function openCsvBytes(input: CsvInput): Promise<{ source: Readable; bytes: AsyncGenerator<Buffer>; delimiter: string }> {
  const source = toNodeReadable(await input.open());
  try {
    const chunks = byteChunks(source);
    const head = await readHead(chunks);
    return { source, bytes: replay(head, chunks), delimiter: chooseDelimiter(input.label, head) };
  } catch (error) {
    source.destroy();
    throw error;
  }
}

function toNodeReadable(stream: CsvByteStream): Readable {
  if (stream instanceof Readable) return stream;
  if ("getReader" in stream) return Readable.fromWeb(stream as NodeWebReadableStream<Uint8Array>);
  return new Readable().wrap(stream);
}

/** The source's bytes, cut into chunks of at most MAX_CHUNK_BYTES. */
async function* byteChunks(source: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const bytes = asBuffer(chunk as string | Uint8Array);
    for (let from = 0; from < bytes.length; from += MAX_CHUNK_BYTES) yield bytes.subarray(from, from + MAX_CHUNK_BYTES);
  }
}

/** File streams give Buffers, web streams Uint8Arrays, `Readable.from(["…"])` strings. */
function asBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk);
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Reads chunks until the header line is complete (or MAX_ROW_BYTES have arrived), to choose the separator. */
async function readHead(chunks: AsyncIterator<Buffer>): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < MAX_ROW_BYTES) {
    const next = await chunks.next();
    if (next.done === true) break;
    head.push(next.value);
    size += next.value.length;
    if (next.value.includes(0x0a)) break;
  }
  return head;
}

async function* replay(head: Buffer[], rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  yield* rest;
}

/**
 * Exports use commas; spreadsheets in many locales save with ';', and "Unicode text" uses tabs:
 * the separator is the one the header line holds most of. (csv-parse 7.0.3's `delimiter_auto` does
 * not serve: it picks '0' for a ';' file full of dates, throws on a quoted header, fails on UTF-16.)
 */
function chooseDelimiter(label: string, head: Buffer[]): string {
  const start = Buffer.concat(head);
  if (start[0] === 0xfe && start[1] === 0xff) {
    throw new UnparseableSourceError(label, "the file is UTF-16 big-endian; save it as UTF-8 CSV");
  }
  const text = start.toString(start[0] === 0xff && start[1] === 0xfe ? "utf16le" : "utf8");
  const headerLine = text.slice(0, text.includes("\n") ? text.indexOf("\n") : text.length);
  let best = ",";
  let most = 0;
  for (const candidate of [",", ";", "\t"]) {
    const count = headerLine.split(candidate).length - 1;
    if (count > most) [best, most] = [candidate, count];
  }
  return best;
}

function resolveHeader(label: string, header: string[], mapping: Partial<CsvColumnMapping>): CsvColumns {
  // Binary input decodes to NULs and U+FFFD replacement characters; say so rather than list garbage columns.
  if (header.some((name) => /[\u0000\ufffd]/.test(name))) {
    throw new UnparseableSourceError(`${label} row 1`, "this is not a text file; expected CSV with a header row");
  }
  return resolveCsvColumns(`${label} row 1`, header, mapping);
}

/**
 * With PARSE_OPTIONS csv-parse fails in two ways only, both about the file rather than one row: a
 * quote that never closes (by the end of the file or within MAX_ROW_BYTES), or a line too long to be
 * CSV. csv-parse cannot resume after either, and reading on would leave the later rows out while the
 * pipeline cancels bookings a snapshot no longer lists; so the file is refused, naming the row.
 * Read failures of the source itself (missing file, dropped connection) become user errors naming it.
 */
function describeReadError(label: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  if (error instanceof CsvError && (error.code === "CSV_QUOTE_NOT_CLOSED" || error.code === "CSV_MAX_RECORD_SIZE")) {
    // `records` counts the rows csv-parse had read, the header and blank lines included.
    const at = typeof error.records === "number" ? `${label} row ${error.records + 1}` : label;
    return new UnparseableSourceError(
      at,
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted cell that starts in this row is never closed"
        : `this row is longer than ${MAX_ROW_BYTES / 1024} KiB: a quoted cell that is never closed, or not a CSV text file`,
    );
  }
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
  if (code !== undefined && /^E[A-Z_]+$/.test(code)) return new UserError(`${label}: cannot read the file (${code})`);
  return error;
}

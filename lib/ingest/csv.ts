import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { StringDecoder } from "node:string_decoder";
import { UnparseableSourceError, UserError } from "@/lib/errors";
import {
  badTime,
  dateTimeReader,
  isDateOnly,
  quoteCell,
  readCount,
  readEmail,
  readPrivateFlag,
  readRecurringFlag,
  readStatus,
  readYesNo,
  resolveCsvColumns,
  type CsvColumnMapping,
  type CsvColumns,
} from "./csv-mapping";
import type { Connector, ConnectorContext, RawBooking, Rejected, RoomHint, SourceRecord } from "./types";

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
export function csvConnector(input: CsvInput, mapping: Partial<CsvColumnMapping> = {}): Connector {
  return { records: (context) => readCsv(input, mapping, context) };
}

async function* readCsv(
  input: CsvInput,
  mapping: Partial<CsvColumnMapping>,
  context: ConnectorContext,
): AsyncGenerator<SourceRecord> {
  const { label } = input;
  const toInstant = dateTimeReader(context.timeZone);
  // One chunk's records are converted synchronously and handed out from here: memory stays at one chunk.
  const ready: SourceRecord[] = [];
  let readRow: RowReader | undefined;
  const splitter = new CsvRowSplitter(label, {
    row(fields, row) {
      if (readRow !== undefined) {
        const record = readRow(fields, row);
        if (record !== undefined) ready.push(record);
      } else if (!isBlankRow(fields)) {
        if (row !== 1) throw new UnparseableSourceError(`${label} row 1`, "the header row is empty; it must name the columns");
        readRow = rowReader(label, resolveHeader(label, fields, mapping), toInstant);
      }
    },
    bad(row, reason) {
      if (readRow === undefined) throw new UnparseableSourceError(`${label} row ${row}`, `cannot read the header row: ${reason}`);
      ready.push({ kind: "rejected", at: `${label} row ${row}`, reason });
    },
  });

  let source: Readable | undefined;
  let decoder: StringDecoder | undefined;
  try {
    source = toNodeReadable(await input.open());
    for await (const chunk of source) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array);
      decoder ??= decoderFor(label, bytes);
      const text = decoder.write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
      // A source that hands over the whole file as one chunk still gets converted a slice at a time.
      for (let from = 0; from < text.length; from += MAX_SLICE_CHARS) {
        splitter.push(text.length <= MAX_SLICE_CHARS ? text : text.slice(from, from + MAX_SLICE_CHARS), false);
        for (const record of ready) yield record;
        ready.length = 0;
      }
    }
    splitter.push(decoder?.end() ?? "", true);
    for (const record of ready) yield record;
  } catch (error) {
    throw describeReadError(label, error);
  } finally {
    source?.destroy();
  }
  if (readRow === undefined) {
    throw new UnparseableSourceError(label, "the file is empty: expected a header row naming room, start and end columns");
  }
}

function toNodeReadable(stream: CsvByteStream): Readable {
  if (stream instanceof Readable) return stream;
  if ("getReader" in stream) return Readable.fromWeb(stream as NodeWebReadableStream<Uint8Array>);
  return new Readable().wrap(stream);
}

/** Excel's "Unicode text" is UTF-16LE with a byte-order mark; everything else is read as UTF-8. */
function decoderFor(label: string, first: Uint8Array): StringDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new StringDecoder("utf16le");
  if (first[0] === 0xfe && first[1] === 0xff) {
    throw new UnparseableSourceError(label, "the file is UTF-16 big-endian; save it as UTF-8 CSV");
  }
  return new StringDecoder("utf8");
}

function resolveHeader(label: string, header: string[], mapping: Partial<CsvColumnMapping>): CsvColumns {
  // Binary input decodes to NULs and U+FFFD replacement characters; say so rather than list garbage columns.
  if (header.some((name) => /[\u0000\ufffd]/.test(name))) {
    throw new UnparseableSourceError(`${label} row 1`, "this is not a text file; expected CSV with a header row");
  }
  return resolveCsvColumns(`${label} row 1`, header, mapping);
}

/** Read failures of the source itself (missing file, dropped connection) become user errors naming it. */
function describeReadError(label: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
  if (code !== undefined && /^E[A-Z_]+$/.test(code)) return new UserError(`${label}: cannot read the file (${code})`);
  return error;
}

function isBlankRow(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== "") return false;
  return true;
}

type RowReader = (fields: string[], row: number) => SourceRecord | undefined;

function cellAt(fields: string[], index: number): string {
  return (fields[index] ?? "").trim();
}

function rejected(at: string, reason: string): Rejected {
  return { kind: "rejected", at, reason };
}

/** Builds the per-row converter once the header is known. Returns undefined for a blank row. */
function rowReader(label: string, columns: CsvColumns, toInstant: (cell: string) => number): RowReader {
  const { width, room, start, end, organizer, attendees, status, checkedIn, bookedAt, id } = columns;
  const privateColumn = columns.private;
  const recurringColumn = columns.recurring;

  return (fields, row) => {
    const at = `${label} row ${row}`;
    if (fields.length !== width) {
      if (isBlankRow(fields)) return undefined;
      return rejected(at, `has ${fields.length} cells where the header has ${width}`);
    }
    const roomCell = cellAt(fields, room.index);
    const startCell = cellAt(fields, start.index);
    const endCell = cellAt(fields, end.index);
    if (roomCell === "" && startCell === "" && endCell === "" && isBlankRow(fields)) return undefined;

    const startMs = toInstant(startCell);
    const endMs = toInstant(endCell);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
      if (isDateOnly(startCell) && isDateOnly(endCell)) return { kind: "all-day", at };
      return rejected(at, Number.isNaN(startMs) ? badTime(start.header, startCell) : badTime(end.header, endCell));
    }
    if (endMs <= startMs) {
      return rejected(at, `ends before it starts (${new Date(startMs).toISOString()} → ${new Date(endMs).toISOString()})`);
    }

    let bookingStatus: RawBooking["status"] = "confirmed";
    if (status !== null) {
      const value = cellAt(fields, status.index);
      const known = readStatus(value);
      if (known === undefined) {
        return rejected(at, `${status.header}: unknown value ${quoteCell(value)} (expected confirmed, cancelled or no-show)`);
      }
      bookingStatus = known;
    }

    let attendeeCount: number | null = null;
    if (attendees !== null) {
      const value = cellAt(fields, attendees.index);
      const count = readCount(value);
      if (count === undefined) return rejected(at, `${attendees.header}: cannot read ${quoteCell(value)} as a number of attendees`);
      attendeeCount = count;
    }

    let organizerEmail: string | null = null;
    if (organizer !== null) {
      const email = readEmail(cellAt(fields, organizer.index));
      // Never quoted: the cell may hold a person's name, and reasons are stored.
      if (email === undefined) return rejected(at, `${organizer.header}: not an e-mail address`);
      organizerEmail = email;
    }

    let checkedInAt: Date | null = null;
    if (checkedIn !== null) {
      const value = cellAt(fields, checkedIn.index);
      // Some tools export "Checked In" as yes/no: the check-in happened at an unknown time, so the start stands in.
      const flag = value === "" ? false : readYesNo(value);
      if (flag === true) checkedInAt = new Date(startMs);
      else if (flag === undefined) {
        const ms = toInstant(value);
        if (Number.isNaN(ms)) return rejected(at, badTime(checkedIn.header, value));
        checkedInAt = new Date(ms);
      }
    }

    let bookedAtDate: Date | null = null;
    if (bookedAt !== null) {
      const value = cellAt(fields, bookedAt.index);
      if (value !== "") {
        const ms = toInstant(value);
        if (Number.isNaN(ms)) return rejected(at, badTime(bookedAt.header, value));
        bookedAtDate = new Date(ms);
      }
    }

    let isPrivate = false;
    if (privateColumn !== null) {
      const value = cellAt(fields, privateColumn.index);
      const flag = readPrivateFlag(value);
      if (flag === undefined) return rejected(at, `${privateColumn.header}: cannot read ${quoteCell(value)} as yes or no`);
      isPrivate = flag;
    }

    let recurring = false;
    if (recurringColumn !== null) {
      const value = cellAt(fields, recurringColumn.index);
      const flag = readRecurringFlag(value);
      if (flag === undefined) return rejected(at, `${recurringColumn.header}: cannot read ${quoteCell(value)} as yes or no`);
      recurring = flag;
    }

    // An empty room cell leaves the choice to the room directory: the feed's own room, or a rejection.
    let rooms: RoomHint[] = [];
    if (roomCell !== "") {
      const email = roomCell.includes("@") ? readEmail(roomCell) : undefined;
      rooms = email ? [{ kind: "resource", email }] : [{ kind: "name", name: roomCell }];
    }
    const idCell = id === null ? "" : cellAt(fields, id.index);
    return {
      kind: "booking",
      at,
      sourceKey: idCell !== "" ? idCell : contentKey(roomCell, startMs, endMs, bookedAtDate),
      rooms,
      start: new Date(startMs),
      end: new Date(endMs),
      status: bookingStatus,
      organizerEmail,
      attendeeEmails: null,
      attendeeCount,
      bookedAt: bookedAtDate,
      checkedInAt,
      recurring,
      private: isPrivate,
    };
  };
}

/**
 * The key of a row without an id. The organizer is deliberately left out: the store keeps a plain
 * SHA-256 of this key next to the room and times, so an e-mail inside it could be recovered by
 * hashing guessed addresses. Booked-at (stored in the clear anyway) tells most double bookings apart.
 */
function contentKey(room: string, startMs: number, endMs: number, bookedAt: Date | null): string {
  const key = `csv|${room}|${new Date(startMs).toISOString()}|${new Date(endMs).toISOString()}`;
  return bookedAt === null ? key : `${key}|${bookedAt.toISOString()}`;
}

// ---------------------------------------------------------------------------------------------
// Splitting text into rows. csv-parse tops out near 250 k rows/s on a booking export before any
// field is read, which would make the connector the slowest stage of an import; rows without a
// quote (nearly all of them) are split with indexOf/split here at several times that, and quoted
// rows go through a small RFC 4180 scanner. The unit tests check it against csv-parse.
// ---------------------------------------------------------------------------------------------

// A booking row is a few hundred characters; one this long is a quote that never closes.
const MAX_ROW_CHARS = 64 * 1024;
const MAX_SLICE_CHARS = 256 * 1024;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

type RowSink = {
  row(fields: string[], row: number): void;
  bad(row: number, reason: string): void;
};

const STRAY_QUOTE = "a quoted cell must end at the separator (write a quote inside a quoted cell as \"\")";
const UNCLOSED_QUOTE = "a quoted cell that starts in this row is never closed";

/** Outcome of scanning one quoted row: its cells and where the next row starts, or a problem. */
type Scan = { fields: string[]; next: number } | { problem: string } | "more";

/**
 * Splits streamed CSV text into rows of cells, numbering rows as a spreadsheet does. A malformed
 * row is reported through `bad` and skipped as one line, so one stray quote costs one row, not the
 * rest of the file.
 */
export class CsvRowSplitter {
  private pending = "";
  private row = 0;
  private delimiter = ",";
  private delimiterCode = 0x2c;
  private delimiterChosen = false;
  private started = false;

  constructor(
    private readonly label: string,
    private readonly sink: RowSink,
  ) {}

  push(chunk: string, final: boolean): void {
    let text = this.pending === "" ? chunk : this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const length = text.length;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    while (pos < length) {
      const newline = text.indexOf("\n", pos);
      if (newline === -1 && !final) break;
      const lineEnd = newline === -1 ? length : newline;
      if (!this.delimiterChosen) this.chooseDelimiter(text.slice(pos, lineEnd));
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);

      if (nextQuote === -1 || nextQuote > lineEnd) {
        const end = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        this.sink.row(text.slice(pos, end).split(this.delimiter), ++this.row);
        pos = lineEnd + 1;
        continue;
      }

      const scan = this.scanQuotedRow(text, pos, final);
      if (scan === "more") {
        if (length - pos <= MAX_ROW_CHARS) break;
        this.skipLine(UNCLOSED_QUOTE);
      } else if ("problem" in scan) {
        this.skipLine(scan.problem);
      } else {
        this.sink.row(scan.fields, ++this.row);
        pos = scan.next;
        continue;
      }
      // A malformed row is dropped as one physical line; reading resumes on the next.
      pos = lineEnd + 1;
    }
    this.pending = pos >= length ? "" : text.slice(pos);
    if (this.pending.length > MAX_ROW_CHARS && this.pending.indexOf("\n") === -1) {
      throw new UnparseableSourceError(
        `${this.label} row ${this.row + 1}`,
        `more than ${MAX_ROW_CHARS} characters without a line break; expected a CSV text file`,
      );
    }
  }

  private skipLine(reason: string): void {
    this.sink.bad(++this.row, reason);
  }

  /** Exports use commas; spreadsheets in many locales save with ';', and "Unicode text" uses tabs. */
  private chooseDelimiter(headerLine: string): void {
    const count = (c: string) => headerLine.split(c).length - 1;
    const candidates: [string, number][] = [[",", count(",")], [";", count(";")], ["\t", count("\t")]];
    const [best] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
    this.delimiter = best;
    this.delimiterCode = best.charCodeAt(0);
    this.delimiterChosen = true;
  }

  /** RFC 4180: a cell that starts with a quote runs to the next lone quote, "" standing for one quote. */
  private scanQuotedRow(text: string, start: number, final: boolean): Scan {
    const length = text.length;
    const delimiter = this.delimiterCode;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      if (i < length && text.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) return final ? { problem: UNCLOSED_QUOTE } : "more";
          if (quote + 1 === length && !final) return "more";
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += text.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += text.slice(from, quote);
          i = quote + 1;
          break;
        }
        fields.push(value);
        if (i === length) return final ? { fields, next: length } : "more";
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i++;
          continue;
        }
        if (c === LF) return { fields, next: i + 1 };
        if (c === CR) {
          if (i + 1 === length) return final ? { fields, next: length } : "more";
          if (text.charCodeAt(i + 1) === LF) return { fields, next: i + 2 };
        }
        return { problem: STRAY_QUOTE };
      }
      // An unquoted cell: a quote inside it is kept as text, as spreadsheets do.
      let j = i;
      let c = -1;
      while (j < length) {
        c = text.charCodeAt(j);
        if (c === delimiter || c === LF) break;
        j++;
      }
      if (j === length) {
        if (!final) return "more";
        fields.push(text.slice(i, j));
        return { fields, next: length };
      }
      if (c === LF) {
        fields.push(text.slice(i, j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j));
        return { fields, next: j + 1 };
      }
      fields.push(text.slice(i, j));
      i = j + 1;
    }
  }
}

import { StringDecoder } from "node:string_decoder";

/** One record of a CSV file as it stands in the file: its row number (the header is row 1) and its text without the line end. */
export type CsvRecordText = { row: number; text: string };

/** A CSV file's records as text, after its header; `layout` as the CSV reader hands it to `digestRow` (types.ts). */
export type CsvTexts = { layout: string; records: AsyncGenerator<CsvRecordText> };

/** Why a file's records could not be cut without parsing: the caller then parses the whole file. */
export class IrregularCsv extends Error {}

/**
 * A record's text from csv-parse's `raw`, which ends with the line end, or with only its "\r" for
 * "\r\n" (csv-parse 6): the text without it, as splitCsvRecords gives it.
 */
export function withoutLineEnd(raw: string): string {
  return raw.replace(/(?:\r\n|\n|\r)$/, "");
}

// Longer than this is a quote that never closes, or not CSV (as csv.ts's MAX_ROW_BYTES).
const MAX_RECORD_CHARS = 64 * 1024;
const QUOTE = 0x22;

/**
 * Cuts UTF-8 CSV bytes into records without reading their cells, for recognising unchanged rows
 * (lib/ingest/unchanged-rows.ts): a row that was imported before is known by its text alone.
 *
 * It follows RFC 4180's quoting only, where every reading agrees on where a record ends: a quote
 * opens a cell only at the start of the cell, `""` inside is one quote, and the closing quote is
 * followed by the separator or the line end. Anything else — a quote inside an unquoted cell, text
 * after a closing quote, a carriage return that is not part of the file's line ends, a quote that
 * never closes, UTF-16 — throws IrregularCsv, and the file is then read by csv-parse alone; for
 * regular files the records and their texts are exactly csv-parse's (`raw`, less the line end),
 * which tests/unit/ingest/csv-records.test.ts checks on random files. Blank lines are records, as
 * they are for csv-parse with `skip_empty_lines: false`.
 */
export async function* splitCsvRecords(bytes: AsyncIterable<Buffer>, delimiter: string): AsyncGenerator<CsvRecordText> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let first = true;
  let crlf: boolean | undefined;
  let pending: string | null = null;
  let row = 0;

  // Takes one physical line (without its "\n"); returns the record it completes, or null while a quoted
  // cell is open. The file's line end ("\n" or "\r\n") is the first record's, as csv-parse detects it.
  const take = (line: string): string | null => {
    const joined: string = pending === null ? line : `${pending}\n${line}`;
    const endsWithCr = joined.endsWith("\r");
    const candidate = endsWithCr && crlf !== false ? joined.slice(0, -1) : joined;
    const quoted = joined.includes('"');
    const state = quoted ? scanQuoted(candidate, delimiter) : "complete";
    if (state === "open") {
      if (joined.length > MAX_RECORD_CHARS) throw new IrregularCsv("a quoted cell runs past 64 KiB");
      pending = joined;
      return null;
    }
    if (state === "irregular") throw new IrregularCsv("quotes that RFC 4180 does not allow");
    crlf ??= endsWithCr;
    if (crlf !== endsWithCr) throw new IrregularCsv("a line end that is not the file's");
    if (!quoted && candidate.includes("\r")) throw new IrregularCsv("a carriage return inside a line");
    pending = null;
    return candidate;
  };

  for await (const chunk of bytes) {
    if (first) {
      if (chunk[0] === 0xff && chunk[1] === 0xfe) throw new IrregularCsv("UTF-16");
      first = false;
    }
    let text = rest + decoder.write(chunk);
    if (row === 0 && pending === null && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      const record = take(text.slice(start, end));
      start = end + 1;
      if (record !== null) {
        row += 1;
        yield { row, text: record };
      }
    }
    rest = text.slice(start);
    if (rest.length > MAX_RECORD_CHARS) throw new IrregularCsv("a line runs past 64 KiB");
  }
  rest += decoder.end();
  if (rest !== "" || pending !== null) {
    // The last line has no line end: it is the record as it stands.
    const joined = pending === null ? rest : `${pending}\n${rest}`;
    if (joined.includes('"') && scanQuoted(joined, delimiter) !== "complete") throw new IrregularCsv("a quote that never closes");
    if (!joined.includes('"') && joined.includes("\r")) throw new IrregularCsv("a carriage return inside a line");
    row += 1;
    yield { row, text: joined };
  }
}

/**
 * Whether `record` (one or more physical lines, without the last line end) is a complete record with
 * RFC 4180 quoting, one whose quoted cell is still open, or not RFC 4180. A carriage return outside
 * quotes is irregular: csv-parse's reading of it depends on the line ends it detected.
 */
function scanQuoted(record: string, delimiter: string): "complete" | "open" | "irregular" {
  const n = record.length;
  let i = 0;
  while (i <= n) {
    if (i < n && record.charCodeAt(i) === QUOTE) {
      // A quoted cell: up to the quote that is not doubled.
      i += 1;
      for (;;) {
        const quote = record.indexOf('"', i);
        if (quote === -1) return "open";
        if (record.charCodeAt(quote + 1) === QUOTE) {
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      if (i === n) return "complete";
      if (record.startsWith(delimiter, i)) {
        i += delimiter.length;
        continue;
      }
      return "irregular";
    }
    // An unquoted cell: up to the next separator, with no quote or carriage return inside.
    const next = record.indexOf(delimiter, i);
    const end = next === -1 ? n : next;
    const quote = record.indexOf('"', i);
    if (quote !== -1 && quote < end) return "irregular";
    const cr = record.indexOf("\r", i);
    if (cr !== -1 && cr < end) return "irregular";
    if (next === -1) return "complete";
    i = next + delimiter.length;
  }
  return "complete";
}

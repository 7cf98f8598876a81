import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { UnparseableSourceError, UserError } from "@/lib/errors";
import { csvConnector } from "@/lib/ingest/csv";
import { resolveCsvColumns, type CsvColumnMapping, type CsvField } from "@/lib/ingest/csv-mapping";
import type { Window } from "@/lib/ingest/types";
import { displayFeedUrl } from "./config";
import type { FetchPolicy } from "./fetch-guard";
import { guardedGet } from "./guarded-fetch";

/** How much of a file the preview reads: a few rows need a few kilobytes, and the rest is never held. */
export const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 5;

/** The fields a preview shows, in this order; titles and other unmapped columns are never shown. */
const SHOWN: readonly CsvField[] = ["room", "start", "end", "organizer", "attendees", "status", "checkedIn", "id"];

export type CsvPreviewRow = {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  cells: string[];
  /** What the import would make of the row: a booking, or why it would be rejected (masked). */
  outcome: { kind: "booking" | "all-day" | "cancel" } | { kind: "rejected"; reason: string };
};

export type CsvPreview =
  | {
      ok: true;
      /** The mapped columns shown: the field and the header as the file spells it. */
      columns: { field: CsvField; header: string }[];
      /** Headers of columns the import never reads (shown by name only, never their values). */
      ignored: string[];
      rows: CsvPreviewRow[];
    }
  | { ok: false; problem: string };

const EMAIL = /[^\s@"'<>,;:()[\]]+@([^\s@"'<>,;:()[\]]+\.[^\s@"'<>,;:()[\]]+)/g;

/**
 * Replaces every e-mail address with "•••@domain": the preview proves the organizer column holds
 * addresses without showing whose. Applied to every cell and every reason shown.
 */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (_match, domain: string) => `•••@${domain}`);
}

/** The first complete lines of `text` (a cut-off last line is dropped unless the text is whole). */
function firstLines(text: string, complete: boolean): string {
  if (complete) return text;
  const end = text.lastIndexOf("\n");
  return end < 0 ? text : text.slice(0, end + 1);
}

/**
 * A preview of the first rows of a CSV export under a column mapping: the mapped columns with e-mails
 * masked, and for each row what the import would do with it (the real CSV connector decides, so the
 * preview and the import never disagree). `complete`: whether `text` is the whole file (otherwise it is
 * its first PREVIEW_BYTES and the cut-off last line is dropped). Nothing is stored.
 */
export async function previewCsv(
  text: string,
  mapping: Partial<CsvColumnMapping>,
  context: { window: Window; timeZone: string; defaultRoom: string | null; complete?: boolean },
): Promise<CsvPreview> {
  const head = firstLines(text, context.complete ?? text.length < PREVIEW_BYTES);
  let records: string[][];
  try {
    records = parse(head, { bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, to_line: PREVIEW_ROWS + 20 });
  } catch (error) {
    return { ok: false, problem: maskEmails(error instanceof Error ? error.message : String(error)) };
  }
  const header = records[0];
  if (!header) return { ok: false, problem: "the file is empty" };
  let resolved: ReturnType<typeof resolveCsvColumns>;
  try {
    resolved = resolveCsvColumns("file", header, mapping);
  } catch (error) {
    if (error instanceof UnparseableSourceError) return { ok: false, problem: maskEmails(error.message) };
    throw error;
  }
  const columns = SHOWN.flatMap((field) => {
    const column = resolved[field];
    return column ? [{ field, header: column.header, index: column.index }] : [];
  });
  const used = new Set(columns.map((column) => column.index));
  const ignored = header.map((name, index) => ({ name: name.trim(), index })).filter((h) => !used.has(h.index) && h.name !== "").map((h) => h.name.slice(0, 40));

  const outcomes = new Map<number, CsvPreviewRow["outcome"]>();
  const connector = csvConnector({ label: "file", open: () => Readable.from([head]) }, mapping);
  for await (const record of connector.records({ window: context.window, timeZone: context.timeZone, defaultRoom: context.defaultRoom })) {
    const row = Number(/row (\d+)$/.exec(record.at)?.[1]);
    outcomes.set(row, record.kind === "rejected" ? { kind: "rejected", reason: maskEmails(record.reason) } : { kind: record.kind });
    if (outcomes.size >= PREVIEW_ROWS) break;
  }
  // The connector counts blank lines as rows, the parse above skips them: the n-th outcome is the n-th record.
  const dataRecords = records.slice(1);
  const rows = [...outcomes.entries()].map(([row, outcome], i) => ({
    row,
    cells: columns.map((column) => maskEmails((dataRecords[i]?.[column.index] ?? "").trim().slice(0, 80))),
    outcome,
  }));
  return { ok: true, columns: columns.map(({ field, header: name }) => ({ field, header: name })), ignored, rows };
}

/** The first PREVIEW_BYTES of a CSV export at a URL, through the fetch guard; the rest is never downloaded. */
export async function readCsvHead(url: string, policy?: FetchPolicy): Promise<{ text: string; complete: boolean }> {
  const label = displayFeedUrl(url);
  const response = await guardedGet(url, { label, policy });
  if (response.status !== 200) {
    response.body.destroy();
    throw new UserError(`${label}: the server answered ${response.status}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = true;
  for await (const chunk of response.body) {
    const bytes = chunk as Buffer;
    chunks.push(bytes);
    size += bytes.length;
    if (size >= PREVIEW_BYTES) {
      complete = false;
      break;
    }
  }
  response.body.destroy();
  return { text: Buffer.concat(chunks).subarray(0, PREVIEW_BYTES).toString("utf8"), complete };
}

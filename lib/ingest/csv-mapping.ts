import { UnparseableSourceError } from "@/lib/errors";
import { quoteCell } from "./csv-values";

/** Which header names hold which booking field. Only room, start and end are required. */
export type CsvColumnMapping = {
  room: string;
  start: string;
  end: string;
  organizer?: string;
  attendees?: string;
  status?: string;
  checkedIn?: string;
  bookedAt?: string;
  private?: string;
  recurring?: string;
  id?: string;
};

export type CsvField = keyof CsvColumnMapping;

export const defaultCsvMapping: CsvColumnMapping = {
  room: "room",
  start: "start",
  end: "end",
  organizer: "organizer_email",
  attendees: "attendee_count",
  status: "status",
  checkedIn: "checked_in_at",
  bookedAt: "booked_at",
  private: "private",
  recurring: "recurring",
  id: "id",
};

/** A mapped column: where it sits in each row, and its header as the file spells it (for reasons). */
export type CsvColumn = { index: number; header: string };

/** Every mapped field resolved against the header row; `null` where the file has no such column. */
export type CsvColumns = { width: number } & { [F in CsvField]: F extends "room" | "start" | "end" ? CsvColumn : CsvColumn | null };

/**
 * Resolves the mapping against the header row (case-insensitive, trimmed).
 * Missing required columns are an error. So is a missing optional column the caller named
 * explicitly — a typo there would otherwise silently null a field (e.g. attendee counts, which
 * seat fill depends on) — whereas the default names of optional columns may simply be absent.
 */
export function resolveCsvColumns(
  where: string,
  header: readonly string[],
  custom: Partial<CsvColumnMapping> = {},
): CsvColumns {
  const mapping: CsvColumnMapping = { ...defaultCsvMapping, ...withoutUndefined(custom) };
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    // A duplicated header name resolves to its first occurrence, as spreadsheet lookups do.
    if (!positions.has(key)) positions.set(key, index);
  });

  const find = (field: CsvField, mustExist: boolean): CsvColumn | null => {
    const name = mapping[field];
    if (name === undefined || name.trim() === "") return null;
    const index = positions.get(name.trim().toLowerCase());
    if (index !== undefined) return { index, header: (header[index] ?? name).trim().slice(0, 40) };
    if (mustExist) throw new UnparseableSourceError(where, missingColumnReason(name, header));
    return null;
  };

  const required = (field: "room" | "start" | "end"): CsvColumn => {
    const column = find(field, true);
    if (column === null) throw new UnparseableSourceError(where, `no column is mapped for ${field}`);
    return column;
  };
  const optional = (field: CsvField): CsvColumn | null => find(field, custom[field] !== undefined);

  return {
    width: header.length,
    room: required("room"),
    start: required("start"),
    end: required("end"),
    organizer: optional("organizer"),
    attendees: optional("attendees"),
    status: optional("status"),
    checkedIn: optional("checkedIn"),
    bookedAt: optional("bookedAt"),
    private: optional("private"),
    recurring: optional("recurring"),
    id: optional("id"),
  };
}

function withoutUndefined(mapping: Partial<CsvColumnMapping>): Partial<CsvColumnMapping> {
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined));
}

function missingColumnReason(name: string, header: readonly string[]): string {
  const found = header.slice(0, 30).map((h) => quoteCell(h.trim()));
  const more = header.length > 30 ? `, … ${header.length - 30} more` : "";
  // A one-column header holding ';' or tabs is almost always a file with another separator.
  const hint =
    header.length === 1 && /[;\t|]/.test(header[0] ?? "")
      ? "; the header has a single column — is the file separated by ';', '|' or tabs instead of commas?"
      : "";
  return `missing column '${name}' (found: ${found.join(", ") || "nothing"}${more})${hint}`;
}

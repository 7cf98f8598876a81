import { DateTime, IANAZone } from "luxon";
import type { BookingStatus } from "@/db/schema";
import { UnparseableSourceError, UserError } from "@/lib/errors";

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

/**
 * Shows a cell in a rejection reason: quoted and shortened. Reasons are stored in `sync_runs`, so
 * a value that contains an e-mail address (an organizer, an attendee list in the wrong column) is
 * never echoed: privacy invariant 1.
 */
export function quoteCell(value: string, max = 40): string {
  if (value.includes("@")) return "a value containing an e-mail address (not shown)";
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return `'${printable.length > max ? `${printable.slice(0, max - 1)}…` : printable}'`;
}

const STATUS: ReadonlyMap<string, BookingStatus> = new Map([
  ["", "confirmed"],
  ["confirmed", "confirmed"],
  ["booked", "confirmed"],
  ["accepted", "confirmed"],
  ["cancelled", "cancelled"],
  ["canceled", "cancelled"],
  ["declined", "cancelled"],
  ["no_show", "no_show"],
  ["no-show", "no_show"],
  ["noshow", "no_show"],
  ["no show", "no_show"],
  ["auto_released", "no_show"],
  ["auto-released", "no_show"],
  ["auto released", "no_show"],
  ["released", "no_show"],
]);

/** The status vocabulary of Teem, Robin, Condeco and friends; `undefined` for anything else. */
export function readStatus(cell: string): BookingStatus | undefined {
  return STATUS.get(cell.trim().toLowerCase());
}

// Outlook's sensitivity values (normal / personal / private / confidential) are accepted too;
// "personal" counts as private because keeping too little is the safe side of a privacy flag.
const PRIVATE_FLAG: ReadonlyMap<string, boolean> = flags(
  ["true", "yes", "y", "1", "private", "confidential", "personal"],
  ["false", "no", "n", "0", "", "public", "normal"],
);
const RECURRING_FLAG: ReadonlyMap<string, boolean> = flags(
  ["true", "yes", "y", "1", "recurring", "recurrence", "series"],
  ["false", "no", "n", "0", "", "single", "once", "one-off"],
);

const YES_NO: ReadonlyMap<string, boolean> = flags(["true", "yes", "y", "1", "x"], ["false", "no", "n", "0"]);

function flags(yes: string[], no: string[]): ReadonlyMap<string, boolean> {
  return new Map([...yes.map((v): [string, boolean] => [v, true]), ...no.map((v): [string, boolean] => [v, false])]);
}

/** `undefined` for a value that is neither yes nor no: better rejected than guessed. */
export function readPrivateFlag(cell: string): boolean | undefined {
  return PRIVATE_FLAG.get(cell.trim().toLowerCase());
}

/** A plain yes/no cell (e.g. a "Checked In" column that holds no time). */
export function readYesNo(cell: string): boolean | undefined {
  return YES_NO.get(cell.trim().toLowerCase());
}

export function readRecurringFlag(cell: string): boolean | undefined {
  return RECURRING_FLAG.get(cell.trim().toLowerCase());
}

/** Non-negative whole number, `null` for an empty cell, `undefined` for anything else. */
export function readCount(cell: string): number | null | undefined {
  const value = cell.trim();
  if (value === "") return null;
  if (!/^\d{1,6}$/.test(value)) return undefined;
  return Number(value);
}

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;

/** An e-mail cell, without a "mailto:" prefix; `null` when empty, `undefined` when not an e-mail. */
export function readEmail(cell: string): string | null | undefined {
  let value = cell.trim();
  if (value === "") return null;
  if (value.length > 7 && value.slice(0, 7).toLowerCase() === "mailto:") value = value.slice(7);
  return EMAIL.test(value) ? value : undefined;
}

export function badTime(header: string, value: string): string {
  return value === "" ? `${header}: empty` : `${header}: cannot read ${quoteCell(value)} as a date-time`;
}

export function isDateOnly(value: string): boolean {
  return value.length === 10 && /^\d{4}-\d\d-\d\d$/.test(value);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Bounded so memory stays flat on a file spanning many years; booking times repeat, so hits dominate.
const MAX_CACHED_MINUTES = 100_000;
const MINUTE_MS = 60_000;
/** Marks a time without offset inside `readWallClock`'s result. */
const LOCAL = 1e6;

/**
 * Returns a cell → epoch-ms reader (NaN when unreadable) for ISO 8601 as exports write it:
 * "2026-03-04T09:00:00Z", "2026-03-04 09:00", "2026-03-04T09:00:00.000+01:00", "2026-03-04 09:00 UTC".
 * Times with an offset are arithmetic. Times without one are placed in `timeZone` by luxon, whose
 * answer is cached per local minute (luxon costs ~15 µs a call, a Map hit well under 0.1 µs).
 * Across DST luxon moves a time inside the spring-forward gap forward by the gap (02:30 → 03:30)
 * and reads an ambiguous fall-back time in the later, standard offset (01:30 → 01:30 EST).
 */
export function dateTimeReader(timeZone: string): (cell: string) => number {
  if (!IANAZone.isValidZone(timeZone)) throw new UserError(`unknown time zone '${timeZone}'`);
  const zone = IANAZone.create(timeZone);
  const shiftByMinute = new Map<number, number>();

  const localToUtc = (wallMs: number): number => {
    const minuteMs = Math.floor(wallMs / MINUTE_MS) * MINUTE_MS;
    let shift = shiftByMinute.get(minuteMs);
    if (shift === undefined) {
      const wall = new Date(minuteMs);
      const instant = DateTime.fromObject(
        {
          year: wall.getUTCFullYear(),
          month: wall.getUTCMonth() + 1,
          day: wall.getUTCDate(),
          hour: wall.getUTCHours(),
          minute: wall.getUTCMinutes(),
        },
        { zone },
      ).toMillis();
      shift = instant - minuteMs;
      if (shiftByMinute.size >= MAX_CACHED_MINUTES) shiftByMinute.clear();
      shiftByMinute.set(minuteMs, shift);
    }
    return wallMs + shift;
  };

  const wallClock: WallClock = { ms: 0, offsetMinutes: 0 };
  return (cell) => {
    if (!readWallClock(cell, wallClock)) return NaN;
    return wallClock.offsetMinutes === LOCAL ? localToUtc(wallClock.ms) : wallClock.ms - wallClock.offsetMinutes * MINUTE_MS;
  };
}

type WallClock = { ms: number; offsetMinutes: number };

/**
 * Reads the wall-clock time as if it were UTC plus its offset (`LOCAL` when none) into `out`.
 * Written with charCodeAt rather than a regular expression: it runs for every time cell of a
 * million-row file, and this is several times faster.
 */
function readWallClock(s: string, out: WallClock): boolean {
  const n = s.length;
  if (n < 16 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(13) !== 0x3a) return false;
  const t = s.charCodeAt(10);
  if (t !== 0x54 && t !== 0x74 && t !== 0x20) return false; // "T", "t" or a space
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  let second = 0;
  let millis = 0;
  let i = 16;
  if (i < n && s.charCodeAt(i) === 0x3a) {
    second = digits(s, i + 1, 2);
    i += 3;
    const c = i < n ? s.charCodeAt(i) : 0;
    if (c === 0x2e || c === 0x2c) {
      // Fractions of a second: milliseconds kept, anything finer dropped.
      let j = i + 1;
      let scale = 100;
      while (j < n && isDigit(s.charCodeAt(j))) {
        millis += (s.charCodeAt(j) - 48) * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return false;
      millis = Math.floor(millis);
      i = j;
    }
  }
  const maxDay = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (year < 1000 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 59 || second < 0 || minute < 0 || hour < 0) {
    return false;
  }
  out.ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);

  if (i < n && s.charCodeAt(i) === 0x20) i++;
  if (i === n) {
    out.offsetMinutes = LOCAL;
    return true;
  }
  const sign = s.charCodeAt(i);
  if (sign === 0x2b || sign === 0x2d) {
    // ±HH, ±HHMM or ±HH:MM
    const hours = digits(s, i + 1, 2);
    const tail = n - (i + 3);
    const minutes = tail === 0 ? 0 : tail === 2 ? digits(s, i + 3, 2) : tail === 3 && s.charCodeAt(i + 3) === 0x3a ? digits(s, i + 4, 2) : -1;
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) return false;
    out.offsetMinutes = (sign === 0x2b ? 1 : -1) * (hours * 60 + minutes);
    return true;
  }
  const zulu = i === n - 1 ? sign === 0x5a || sign === 0x7a : UTC_NAMES.has(s.slice(i).toUpperCase());
  out.offsetMinutes = 0;
  return zulu;
}

const UTC_NAMES = new Set(["UTC", "GMT"]);

/** The number written by `count` digits at `from`, or -1 when any of them is not a digit. */
function digits(s: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    // Written so that NaN (reading past the end) fails too.
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

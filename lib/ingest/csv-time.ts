import { DateTime, IANAZone } from "luxon";
import { UserError } from "@/lib/errors";

/**
 * ISO 8601 as booking exports write it: a date, "T" or a space, hours and minutes, optional seconds
 * and fraction, then "Z", "UTC", "GMT", an offset (±HH, ±HHMM or ±HH:MM, at most 18 hours) or no
 * zone at all. Checked here field by field because Date.parse is lenient outside the ECMAScript
 * format it specifies: V8 reads "2026-03-04T24:00Z" as the next midnight, and "+05" not at all.
 */
const ISO_DATE_TIME =
  /^([1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))[T ]((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?) ?(?:(Z|UTC|GMT)|([+-])(0\d|1[0-8])(?::?([0-5]\d))?)?$/i;

const DATE_ONLY = /^\d{4}-\d\d-\d\d$/;

// Both caches are bounded so memory stays flat on a file spanning many years; booking times
// repeat (slots start on the hour or half hour), so hits dominate.
const MAX_CACHED_CELLS = 10_000;
const MAX_CACHED_MINUTES = 100_000;
const MINUTE_MS = 60_000;

export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

/**
 * Returns a cell → epoch-ms reader (NaN when unreadable) for ISO 8601 date-times:
 * "2026-03-04T09:00:00Z", "2026-03-04 09:00", "2026-03-04T09:00:00.000+01:00", "2026-03-04 09:00 UTC".
 * Date.parse reads each one once it has passed the strict pattern above (a comma before the fraction
 * becomes a point; fractions finer than a millisecond are dropped). Times without a zone are placed
 * in `timeZone` by luxon. Across DST luxon moves a time inside the spring-forward gap forward by
 * the gap (02:30 → 03:30) and reads an ambiguous fall-back time in the later, standard offset
 * (01:30 → 01:30 EST). Answers are cached per cell text: reading one costs ~0.5 µs, a hit ~0.05 µs.
 */
export function dateTimeReader(timeZone: string): (cell: string) => number {
  if (!IANAZone.isValidZone(timeZone)) throw new UserError(`unknown time zone '${timeZone}'`);
  const read = isoReader(wallClockReader(IANAZone.create(timeZone)));
  const msByCell = new Map<string, number>();
  return (cell) => {
    const utc = readPlainUtc(cell);
    if (utc !== undefined) return utc;
    let ms = msByCell.get(cell);
    if (ms === undefined) {
      ms = read(cell);
      if (msByCell.size >= MAX_CACHED_CELLS) msByCell.clear();
      msByCell.set(cell, ms);
    }
    return ms;
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * "2026-03-04T09:00:00Z", the form most exports write, read from its character codes: no regex, no Date
 * object, no cache. Booked-at and check-in times are nearly all distinct, so they missed the cache and
 * cost ~1 µs each (docs/session-notes/import.md). `undefined` for anything else, valid or not: the general reader
 * below decides those, so the two cannot disagree on what is accepted.
 */
function readPlainUtc(cell: string): number | undefined {
  if (cell.length !== 20 || cell.charCodeAt(10) !== 84 /* T */ || cell.charCodeAt(19) !== 90 /* Z */) return undefined;
  if (cell.charCodeAt(4) !== 45 || cell.charCodeAt(7) !== 45 || cell.charCodeAt(13) !== 58 || cell.charCodeAt(16) !== 58) return undefined;
  const year = digits(cell, 0, 4);
  const month = digits(cell, 5, 2);
  const day = digits(cell, 8, 2);
  const hour = digits(cell, 11, 2);
  const minute = digits(cell, 14, 2);
  const second = digits(cell, 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0) + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number written by `length` ASCII digits from `from`; -1 if any is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isoReader(localToUtc: (wallMs: number) => number): (cell: string) => number {
  return (cell) => {
    const match = ISO_DATE_TIME.exec(cell);
    if (match === null) return NaN;
    const [, date = "", time = "", utc, sign, offsetHours, offsetMinutes = "00"] = match;
    const clock = `${date}T${time.replace(",", ".")}`;
    // The clock reading as if it were UTC. Date rolls a day the month lacks into the next month
    // (2026-02-29 → 03-01) rather than refusing it, so the day is checked to survive the reading.
    const wallMs = Date.parse(`${clock}Z`);
    if (new Date(wallMs).getUTCDate() !== Number(date.slice(8))) return NaN;
    if (utc !== undefined) return wallMs;
    if (sign !== undefined) return Date.parse(`${clock}${sign}${offsetHours}:${offsetMinutes}`);
    return localToUtc(wallMs);
  };
}

/**
 * Turns a wall-clock time in `zone` (given as if it were UTC) into the instant. luxon's answer is
 * cached per minute of wall-clock time: luxon costs ~15 µs a call, a Map hit well under 0.1 µs.
 */
function wallClockReader(zone: IANAZone): (wallMs: number) => number {
  const shiftByMinute = new Map<number, number>();
  return (wallMs) => {
    const minuteMs = Math.floor(wallMs / MINUTE_MS) * MINUTE_MS;
    let shift = shiftByMinute.get(minuteMs);
    if (shift === undefined) {
      const wall = DateTime.fromMillis(minuteMs, { zone: "UTC" });
      const { year, month, day, hour, minute } = wall;
      shift = DateTime.fromObject({ year, month, day, hour, minute }, { zone }).toMillis() - minuteMs;
      if (shiftByMinute.size >= MAX_CACHED_MINUTES) shiftByMinute.clear();
      shiftByMinute.set(minuteMs, shift);
    }
    return wallMs + shift;
  };
}

import { DateTime } from "luxon";

/**
 * The RRULEs room mailboxes are made of — FREQ=DAILY or WEEKLY with INTERVAL, COUNT or UNTIL and
 * plain BYDAY weekdays — expanded by date arithmetic on the wall clock.
 *
 * Why: node-ical's `rrule.between` (rrule-temporal on a BigInt-based Temporal polyfill) costs
 * milliseconds per series, more than node-ical's parse of the whole VEVENT; it made the ICS
 * connector 2–3× node-ical's bare parse. Everything outside this subset, and every series that
 * comes near a UTC offset change of its zone (where rrule-temporal's zoned arithmetic has its own
 * ideas about skipped and repeated hours), still goes through `rrule.between`, so both paths give
 * the same instants: tests/unit/ingest/ics-rule.test.ts compares them.
 */
export type SimpleRule = {
  freq: "DAILY" | "WEEKLY";
  interval: number;
  count: number | null;
  /** UTC milliseconds; instances after it are not part of the series. */
  until: number | null;
  /** ISO weekdays (1 = Monday); null: the rule has no BYDAY. */
  byDay: Set<number> | null;
};

const isoWeekdays: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
const day = 86_400_000;

/** The rule when it is inside the subset, else null (the caller keeps node-ical's expansion). */
export function parseSimpleRule(text: string): SimpleRule | null {
  const parts = new Map<string, string>();
  for (const part of text.split(";")) {
    const match = /^([A-Z]+)=([0-9A-Z,]+)$/.exec(part);
    if (match === null || parts.has(match[1] as string)) return null;
    parts.set(match[1] as string, match[2] as string);
  }
  const freq = parts.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY") return null;
  for (const name of parts.keys()) {
    if (!["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"].includes(name)) return null;
  }
  const interval = positiveInteger(parts.get("INTERVAL") ?? "1");
  const countText = parts.get("COUNT");
  const count = countText === undefined ? null : positiveInteger(countText);
  const untilText = parts.get("UNTIL");
  const until = untilText === undefined ? null : utcMillis(untilText);
  if (interval === null || (countText !== undefined && count === null) || (untilText !== undefined && until === null)) {
    return null;
  }
  if (count !== null && until !== null) return null;
  const wkst = parts.get("WKST");
  if (wkst !== undefined && isoWeekdays[wkst] === undefined) return null;

  let byDay: Set<number> | null = null;
  const byDayText = parts.get("BYDAY");
  if (byDayText !== undefined) {
    byDay = new Set();
    for (const code of byDayText.split(",")) {
      const weekday = isoWeekdays[code];
      if (weekday === undefined) return null; // "1MO", "-1FR", "": ordinals and oddities stay with rrule-temporal
      byDay.add(weekday);
    }
  }
  // WEEKLY with several weekdays and INTERVAL > 1 depends on which week is the first one (WKST);
  // rrule-temporal counts from the first matching day, RFC 5545 from DTSTART's week. Not ours to pick.
  if (freq === "WEEKLY" && interval > 1 && byDay !== null && byDay.size > 1) return null;
  // DAILY;INTERVAL=n;BYDAY=…: rrule-temporal restarts the n-day grid at the start of the range asked
  // for (an RRULE without COUNT), RFC 5545 keeps DTSTART's. Again not ours to pick.
  if (freq === "DAILY" && interval > 1 && byDay !== null) return null;
  return { freq, interval, count, until, byDay };
}

/**
 * The rule's instants from `from` to `to` (both inclusive) for a series starting at `start` in
 * `zone`, or null when this path cannot promise rrule-temporal's answer (the caller then asks it).
 */
export function expandSimpleRule(rule: SimpleRule, start: Date, zone: string, from: Date, to: Date): Date[] | null {
  const zoneOffsets = offsetsOf(zone);
  if (zoneOffsets === null) return null;
  const startMillis = start.getTime();
  const startOffset = zoneOffsets.stableOffsetAt(startMillis);
  if (startOffset === null) return null;
  const startWall = startMillis + startOffset;
  const timeOfDay = ((startWall % day) + day) % day;
  const startDay = (startWall - timeOfDay) / day;
  const weekday = isoWeekday(startDay);
  // rrule-temporal leaves out a DTSTART that does not match BYDAY, RFC 5545 counts it: avoid the question.
  if (rule.byDay !== null && !rule.byDay.has(weekday)) return null;

  const step = rule.freq === "DAILY" || rule.byDay !== null ? 1 : 7 * rule.interval;
  const toMillis = to.getTime();
  const fromMillis = from.getTime();
  // rrule-temporal walks week starts and the days between at the series' wall-clock time; every
  // such day must be clear of offset changes, so the check covers a week either side too.
  const checkFrom = startDay - 7;
  const instants: Date[] = [];
  let produced = 0;
  let endDay = startDay;
  for (let d = startDay; ; d += step) {
    endDay = d;
    const wall = d * day + timeOfDay;
    // No instant of this series lies after `to` + 14 h (the largest UTC offset) of wall-clock time.
    if (wall > toMillis + 14 * hour + day) break;
    if (!matches(rule, d, startDay, weekday)) continue;
    const offset = zoneOffsets.offsetForWall(wall);
    if (offset === null) return null;
    const instant = wall - offset;
    if (rule.until !== null && instant > rule.until) break;
    produced += 1;
    if (instant > toMillis) break;
    if (instant >= fromMillis) instants.push(new Date(instant));
    if (rule.count !== null && produced >= rule.count) break;
  }
  for (let d = checkFrom; d <= endDay + 7; d += 1) {
    if (zoneOffsets.offsetForWall(d * day + timeOfDay) === null) return null;
  }
  return instants;
}

function matches(rule: SimpleRule, d: number, startDay: number, startWeekday: number): boolean {
  if (rule.freq === "DAILY") {
    return (d - startDay) % rule.interval === 0 && (rule.byDay === null || rule.byDay.has(isoWeekday(d)));
  }
  if (rule.byDay === null) return true; // stepped by whole weeks already
  if (rule.interval === 1) return rule.byDay.has(isoWeekday(d));
  // A single BYDAY equal to DTSTART's weekday, every INTERVAL weeks.
  return isoWeekday(d) === startWeekday && ((d - startDay) / 7) % rule.interval === 0;
}

/** ISO weekday of a day number (days since 1970-01-01, a Thursday). */
function isoWeekday(d: number): number {
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

function positiveInteger(text: string): number | null {
  if (!/^[0-9]{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

function utcMillis(text: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const millis = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(millis);
  // "20250231T…" is no date; leave it to the library to reject or read.
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? millis : null;
}

type ZoneOffsets = {
  /** The offset (ms) at an instant with no offset change within three hours of it, else null. */
  stableOffsetAt: (instant: number) => number | null;
  /** The offset (ms) of a wall-clock reading (as UTC ms) clear of any offset change, else null. */
  offsetForWall: (wall: number) => number | null;
};

const zones = new Map<string, ZoneOffsets | null>();
const sample = 6 * 3_600_000;
const hour = 3_600_000;

/**
 * Offsets of a zone, sampled and cached: every 6 hours to find quiet stretches (no change from
 * the day before to two days after; tz rules never undo a change within 6 hours), and every hour
 * near a change.
 */
function offsetsOf(zone: string): ZoneOffsets | null {
  const cached = zones.get(zone);
  if (cached !== undefined) return cached;
  if (!DateTime.local({ zone }).isValid) {
    zones.set(zone, null);
    return null;
  }
  const samples = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    const cachedOffset = samples.get(instant);
    if (cachedOffset !== undefined) return cachedOffset;
    const offset = DateTime.fromMillis(instant, { zone }).offset * 60_000;
    samples.set(instant, offset);
    return offset;
  };
  const quietDays = new Map<number, number | null>();
  /** The offset throughout days d-1 … d+2 (UTC), or null when it changes in them. */
  const quietOffset = (d: number): number | null => {
    const known = quietDays.get(d);
    if (known !== undefined) return known;
    const first = offsetAt((d - 1) * day);
    let result: number | null = first;
    for (let t = (d - 1) * day + sample; t <= (d + 2) * day; t += sample) {
      if (offsetAt(t) !== first) {
        result = null;
        break;
      }
    }
    quietDays.set(d, result);
    return result;
  };
  const stableOffsetAt = (instant: number): number | null => {
    const quiet = quietOffset(Math.floor(instant / day));
    if (quiet !== null) return quiet;
    const base = Math.floor(instant / hour) * hour;
    const offset = offsetAt(base);
    for (let t = base - 3 * hour; t <= base + 4 * hour; t += hour) {
      if (offsetAt(t) !== offset) return null;
    }
    return offset;
  };
  const offsetForWall = (wall: number): number | null => {
    // A wall-clock reading is within 14 h of its instant, so a quiet day of the reading covers both.
    const quiet = quietOffset(Math.floor(wall / day));
    if (quiet !== null) return quiet;
    const guess = stableOffsetAt(wall);
    if (guess === null) return null;
    const offset = stableOffsetAt(wall - guess);
    if (offset === null) return null;
    return offset === guess ? offset : stableOffsetAt(wall - offset) === offset ? offset : null;
  };
  const result = { stableOffsetAt, offsetForWall };
  zones.set(zone, result);
  return result;
}

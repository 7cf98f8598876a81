import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { DateRange } from "./types";
import { isWorkingDay, type WorkingTime } from "./working-time";

/**
 * What the period tables (seat-fill-periods.ts, choice-periods.ts, usage-periods.ts) share: rows per
 * room and local day or month, with the smallest organizer ids, built for one working time.
 */

/** Counting organizers from the periods needs the cap at most this (the ids each period keeps). */
export const MAX_ORGANIZER_CAP = 100;

/** One text for a working time, as built into the periods: equal working times give equal fingerprints. */
export function workingTimeFingerprint(time: WorkingTime): string {
  const canonical = {
    start: time.workdayStartMinute,
    end: time.workdayEndMinute,
    workdays: [...time.workdays].sort((a, b) => a - b),
    buildings: [...time.buildings]
      .map((b) => [b.building, b.workdayStartMinute, b.workdayEndMinute, [...b.workdays].sort((x, y) => x - y)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    closures: time.closures.map((c) => `${c.day}/${c.building}`).sort(),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** A query of the room ids `ids` (column room_id). */
export function roomList(ids: readonly number[]): SQL {
  return sql`SELECT unnest(${`{${ids.join(",")}}`}::integer[]) AS room_id`;
}

/**
 * The whole months of a range, and its days outside them (at most two runs), for reading periods:
 * [monthsFrom, monthsTo] by month, and `days` by day. With no whole month, every day is by day.
 */
export function splitRange(range: DateRange): { months: DateRange | null; days: DateRange[] } {
  const [fromYear, fromMonth, fromDay] = range.from.split("-").map(Number) as [number, number, number];
  const firstMonth = fromDay === 1 ? range.from : monthStart(fromYear, fromMonth + 1);
  const [toYear, toMonth] = range.to.split("-").map(Number) as [number, number];
  const nextMonth = monthStart(toYear, toMonth + 1);
  const toIsMonthEnd = addDays(range.to) === nextMonth;
  const lastMonth = toIsMonthEnd ? monthStart(toYear, toMonth) : monthStart(toYear, toMonth - 1);
  if (lastMonth < firstMonth) return { months: null, days: [range] };
  const days: DateRange[] = [];
  if (range.from < firstMonth) days.push({ from: range.from, to: addDays(firstMonth, -1) });
  const afterMonths = monthStart(Number(lastMonth.slice(0, 4)), Number(lastMonth.slice(5, 7)) + 1);
  if (afterMonths <= range.to) days.push({ from: afterMonths, to: range.to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}

/** `range` widened to whole months: from the first day of its first month to the last day of its last. */
export function wholeMonths(range: DateRange): DateRange {
  const [fromYear, fromMonth] = range.from.split("-").map(Number) as [number, number];
  const [toYear, toMonth] = range.to.split("-").map(Number) as [number, number];
  return { from: monthStart(fromYear, fromMonth), to: addDays(monthStart(toYear, toMonth + 1), -1) };
}

function monthStart(year: number, month: number): string {
  const date = new Date(Date.UTC(year, month - 1, 1));
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days = 1): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Rows of a period table `p` (grain, period) that tile `range`: its whole months by month, the other days by day. */
export function periodRowsOf(range: DateRange): SQL {
  const { months, days } = splitRange(range);
  return sql.join(
    [
      ...(months ? [sql`(p.grain = 'month' AND p.period BETWEEN ${months.from}::date AND ${months.to}::date)`] : []),
      ...days.map((d) => sql`(p.grain = 'day' AND p.period BETWEEN ${d.from}::date AND ${d.to}::date)`),
    ],
    sql` OR `,
  );
}

/** The first and last of the days (column `day`) a query yields, or null when it yields none. */
export async function dayBounds(tx: Db, days: SQL): Promise<DateRange | null> {
  const [row] = await queryRows<{ first: string | null; last: string | null }>(
    tx,
    sql`SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last FROM (${days}) d`,
  );
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/** A day's sum of `seconds`, or null when it equals the sum of `all` (a day nothing reached from the day before). */
export function edgeSeconds(seconds: SQL, all: SQL): SQL {
  return sql`nullif(sum(${seconds}), sum(${all}))::float8`;
}

/**
 * The seconds (booked, occupied, lost) of a day row (its `day`; its full, own and recent seconds) as a
 * range from `from` counts them: the range's first two days leave out bookings that began before it
 * (rollup-sql.ts `cells`), so they take the row's own and recent seconds.
 */
export function secondsFrom(from: string, day: SQL, all: SQL, own: SQL, recent: SQL): SQL {
  return sql`CASE ${day} - ${from}::date WHEN 0 THEN coalesce(${own}, ${all}) WHEN 1 THEN coalesce(${recent}, ${all}) ELSE ${all} END`;
}

/**
 * The hour rollups `c` of fastCtes' scoped rooms `r`, each with `w.working` 1 when the slot lies in its
 * room's working hours on a working day, else 0: what the usage and heatmap periods sum. For a FROM.
 */
export const workingHourRows = sql`scoped r JOIN rooms rr ON rr.id = r.id JOIN room_hour_rollups c ON c.room_id = rr.id
      CROSS JOIN LATERAL (
        SELECT CASE WHEN c.hour BETWEEN r.first_hour AND r.last_hour AND ${isWorkingDay(sql`c.day`, sql`r`)} THEN 1 ELSE 0 END AS working
      ) w`;

/** `workingHourRows`' booked seconds in working hours, in full and as a range's first or second day counts them. */
export const workingBooked = sql`w.working * c.booked_seconds AS booked,
        w.working * coalesce(c.booked_own_seconds, c.booked_seconds) AS booked_own,
        w.working * coalesce(c.booked_recent_seconds, c.booked_seconds) AS booked_recent`;

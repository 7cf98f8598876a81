import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { ratio, suppressLinked, type Cell, type Tally } from "./cell-suppression";
import { countDays } from "./filters";
import { coversEveryRoom, roomScope, type RoomFilters } from "./room-filter";
import { heatmapParts, heatmapPeriodsServe } from "./heatmap-periods";
import { servedByRollups } from "./local-time";
import { weeklyReferenceSql, weeklyResult, weeksCte } from "./reference/trends";
import { cellOrganizers, fastCtes } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

export type WeekRow = Tally & { weekStart: string; bookedSeconds: number; workingSeconds: number };
export type WeeklyRows = { range: DateRange; weeks: WeekRow[]; total: Tally };

/**
 * Booked utilisation week by week (ISO weeks, Monday first; the range's first and last weeks may be
 * partial). Booked and working time are those of the dashboard, per local day; a booking counts in
 * the week of its local start day, as the dashboard counts bookings. With `cap` (the view's k),
 * organizers are counted up to it, whichever path answers: over every room, from the heatmap's day
 * periods when they are current (heatmap-periods.ts), else from the hour rollups.
 */
export async function getWeeklyTrend(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime, cap?: number): Promise<WeeklyRows> {
  const working = await resolveWorkingTime(db, time);
  // The periods hold every room: a filter narrows to rooms they do not keep apart.
  if (cap !== undefined && coversEveryRoom(filters) && (await heatmapPeriodsServe(db, range, working, cap))) {
    return readWeeks(db, range, weeklyFromPeriodsSql(range, working, cap));
  }
  const scope = roomScope(filters);
  const weeks = await readWeeks(db, range, servedByRollups(working) ? weeklySql(range, working, scope) : weeklyReferenceSql(range, working, scope));
  if (cap === undefined) return weeks;
  const capped = <T extends Tally>(tally: T): T => ({ ...tally, organizers: Math.min(tally.organizers, cap) });
  return { range, weeks: weeks.weeks.map(capped), total: capped(weeks.total) };
}

/**
 * From the hourly rollups: booked time from the working slots, bookings and organizers from every
 * slot (they are kept per start day, so a booking counts in its start day's week); working time per
 * time zone times its rooms.
 */
function weeklySql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${fastCtes(range, time, scope)},
    ${weeksCte(range)},
    ${weeklyWorking},
    booked AS (SELECT date_trunc('week', day)::date AS week, sum(booked) FILTER (WHERE working) AS seconds FROM cells GROUP BY 1),
    started AS (
      SELECT date_trunc('week', day)::date AS week, GROUPING(date_trunc('week', day)) = 1 AS is_total, sum(bookings_started) AS bookings
      FROM cells GROUP BY GROUPING SETS ((date_trunc('week', day)), ())
    ),
    -- Distinct (week, organizer) pairs by hashing first; the total counts organizers over all weeks.
    week_organizers AS (
      SELECT DISTINCT date_trunc('week', c.day)::date AS week, c.o FROM (${cellOrganizers(range)}) c
    ),
    week_people AS (
      SELECT week, false AS is_total, count(*) AS organizers FROM week_organizers GROUP BY week
      UNION ALL
      SELECT NULL, true, count(DISTINCT o) FROM week_organizers
    ),
    people AS (
      SELECT s.week, s.is_total, coalesce(s.bookings, 0) AS bookings, coalesce(o.organizers, 0) AS organizers
      FROM started s LEFT JOIN week_people o ON o.is_total = s.is_total AND o.week IS NOT DISTINCT FROM s.week
    )
    ${weeklyResult}`;
}

/** Working seconds per week over fastCtes' windows: per time zone and working time, times its rooms. */
const weeklyWorking = sql`
    working AS (
      SELECT date_trunc('week', z.day)::date AS week, sum(n.rooms * date_part('epoch', upper(z.win) - lower(z.win))) AS seconds
      FROM window_days z JOIN (SELECT window_key, count(*) AS rooms FROM scoped GROUP BY window_key) n ON n.window_key = z.window_key
      GROUP BY 1
    )`;

/**
 * Week rows over every analysed room from the heatmap's periods of the range (its first two days
 * counting only bookings that started in it, as the hour rollups would), organizers counted up to `cap`.
 */
function weeklyFromPeriodsSql(range: DateRange, time: WorkingTime, cap: number): SQL {
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    ${weeksCte(range)},
    ${weeklyWorking},
    ${heatmapParts(range)},
    booked AS (SELECT week, sum(booked) AS seconds FROM parts GROUP BY week),
    -- A week (or the whole range) is at the cap when one of its day-hours is; only the others take a union of ids.
    sums AS MATERIALIZED (
      SELECT week, GROUPING(week) = 1 AS is_total, sum(bookings) AS bookings, bool_or(cardinality(ids) >= ${cap}::integer) AS full
      FROM parts GROUP BY GROUPING SETS ((week), ())
    ),
    week_people AS (
      SELECT p.week, count(DISTINCT u.id) AS organizers
      FROM parts p JOIN sums s ON NOT s.is_total AND s.week = p.week AND NOT s.full CROSS JOIN LATERAL unnest(p.ids) AS u(id)
      GROUP BY p.week
    ),
    total_people AS (
      SELECT count(DISTINCT u.id) AS organizers
      FROM parts p CROSS JOIN LATERAL unnest(p.ids) AS u(id)
      WHERE NOT coalesce((SELECT s.full FROM sums s WHERE s.is_total), false)
    ),
    people AS (
      SELECT s.week, s.is_total, coalesce(s.bookings, 0) AS bookings,
        CASE WHEN s.full THEN ${cap}::integer
          ELSE least(coalesce(CASE WHEN s.is_total THEN (SELECT organizers FROM total_people) ELSE w.organizers END, 0), ${cap}::integer) END AS organizers
      FROM sums s LEFT JOIN week_people w ON NOT s.is_total AND w.week = s.week
    )
    ${weeklyResult}`;
}

async function readWeeks(db: Db, range: DateRange, query: SQL): Promise<WeeklyRows> {
  const rows = await queryRows<WeekRow & { isTotal: boolean }>(db, query);
  const total = rows.find((row) => row.isTotal);
  return {
    range,
    weeks: rows.filter((row) => !row.isTotal).map(({ isTotal: _, ...week }) => week),
    total: total ? { bookings: total.bookings, organizers: total.organizers } : { bookings: 0, organizers: 0 },
  };
}

/**
 * The comparison period: the same number of days, moved back by whole weeks so that each week lines
 * up with the same weekdays (a range that is not whole weeks leaves a gap of up to 6 days before it).
 */
export function previousPeriod(range: DateRange): DateRange {
  const shift = 7 * Math.ceil(countDays(range) / 7);
  return { from: addDays(range.from, -shift), to: addDays(range.to, -shift) };
}

function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

type Period = { bookings: number | null; bookedHours: number | null; utilisation: number | null; suppressed: boolean };
export type TrendWeek = Period & { weekStart: string };
export type Trends = {
  range: DateRange;
  previousRange: DateRange;
  current: Period;
  previous: Period;
  /** Week i of the range beside week i of the previous period. */
  weeks: { current: TrendWeek; previous: TrendWeek | null }[];
};

export type TrendRows = { current: WeeklyRows; previous: WeeklyRows };

/** `getTrends` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getTrendsRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime): Promise<TrendRows> {
  const scope = roomScope(filters);
  const previous = previousPeriod(range);
  return {
    current: await readWeeks(db, range, weeklyReferenceSql(range, time, scope)),
    previous: await readWeeks(db, previous, weeklyReferenceSql(previous, time, scope)),
  };
}

/** The range and its previous period (see `previousPeriod`) through the same query; `cap` as for `getWeeklyTrend`. */
export async function getTrends(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime, cap?: number): Promise<TrendRows> {
  const working = await resolveWorkingTime(db, time);
  const [current, previous] = await Promise.all([
    getWeeklyTrend(db, range, filters, working, cap),
    getWeeklyTrend(db, previousPeriod(range), filters, working, cap),
  ]);
  return { current, previous };
}

/** Each period on its own: its weeks are the parts of its total. */
export function suppressTrends(raw: TrendRows, k: number): Trends {
  const [current, currentWeeks] = suppressPeriod(raw.current, k);
  const [previous, previousWeeks] = suppressPeriod(raw.previous, k);
  return {
    range: raw.current.range,
    previousRange: raw.previous.range,
    current,
    previous,
    weeks: currentWeeks.map((week, i) => ({ current: week, previous: previousWeeks[i] ?? null })),
  };
}

function suppressPeriod(raw: WeeklyRows, k: number): [Period, TrendWeek[]] {
  const cells: Cell[] = [raw.total, ...raw.weeks];
  const hidden = suppressLinked(cells, [{ whole: 0, parts: raw.weeks.map((_, i) => i + 1) }], k);
  const figures = (tally: Tally, booked: number, working: number, suppressed: boolean): Period => ({
    bookings: shown(tally.bookings, suppressed),
    bookedHours: shown(booked / 3600, suppressed),
    utilisation: shown(ratio(booked, working), suppressed),
    suppressed,
  });
  const booked = raw.weeks.reduce((sum, week) => sum + week.bookedSeconds, 0);
  const working = raw.weeks.reduce((sum, week) => sum + week.workingSeconds, 0);
  return [
    figures(raw.total, booked, working, hidden[0] ?? true),
    raw.weeks.map((week, i) => ({ weekStart: week.weekStart, ...figures(week, week.bookedSeconds, week.workingSeconds, hidden[i + 1] ?? true) })),
  ];
}

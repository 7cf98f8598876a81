import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { ratio, suppressLinked, type Cell, type Tally } from "./cell-suppression";
import { countDays } from "./filters";
import { roomScope, type RoomFilters } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "./working-time";

export type WeekRow = Tally & { weekStart: string; bookedSeconds: number; workingSeconds: number };
export type WeeklyRows = { range: DateRange; weeks: WeekRow[]; total: Tally };

/**
 * Booked utilisation week by week (ISO weeks, Monday first; the range's first and last weeks may be
 * partial). Booked and working time are those of the dashboard, per local day; a booking counts in
 * the week of its local start day, as the dashboard counts bookings.
 */
export async function getWeeklyTrend(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<WeeklyRows> {
  const working = await resolveWorkingTime(db, time);
  const rows = await queryRows<WeekRow & { isTotal: boolean }>(
    db,
    sql`
      WITH ${workingTimeCtes(range, working, roomScope(filters))},
      weeks AS (
        SELECT DISTINCT date_trunc('week', g.d)::date AS week
        FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS g(d)
      ),
      working AS (SELECT date_trunc('week', day)::date AS week, sum(${rangeSeconds(sql`win`)}) AS seconds FROM room_days GROUP BY 1),
      booked AS (
        SELECT date_trunc('week', u.day)::date AS week, sum(${rangeSeconds(sql`p`)}) AS seconds
        FROM room_union u, unnest(u.booked) AS p GROUP BY 1
      ),
      people AS (
        SELECT week, GROUPING(week) = 1 AS is_total, count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
        FROM (SELECT date_trunc('week', (starts_at AT TIME ZONE time_zone)::date)::date AS week, organizer_pseudonym FROM relevant) b
        GROUP BY GROUPING SETS ((week), ())
      )
      SELECT to_char(w.week, 'YYYY-MM-DD') AS "weekStart", false AS "isTotal",
        coalesce(p.bookings, 0)::integer AS bookings, coalesce(p.organizers, 0)::integer AS organizers,
        coalesce(bk.seconds, 0)::float8 AS "bookedSeconds", coalesce(wk.seconds, 0)::float8 AS "workingSeconds"
      FROM weeks w
      LEFT JOIN people p ON NOT p.is_total AND p.week = w.week
      LEFT JOIN booked bk ON bk.week = w.week
      LEFT JOIN working wk ON wk.week = w.week
      UNION ALL
      SELECT NULL, true, bookings::integer, organizers::integer, 0, 0 FROM people WHERE is_total
      ORDER BY 1`,
  );
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

/** The range and its previous period (see `previousPeriod`) through the same query. */
export async function getTrends(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<TrendRows> {
  const working = await resolveWorkingTime(db, time);
  const current = await getWeeklyTrend(db, range, filters, working);
  const previous = await getWeeklyTrend(db, previousPeriod(range), filters, working);
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

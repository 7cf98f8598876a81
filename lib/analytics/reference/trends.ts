import { sql, type SQL } from "drizzle-orm";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/** The range's ISO weeks, Monday first (the first and last may be partial). */
export function weeksCte(range: DateRange): SQL {
  return sql`weeks AS (
    SELECT DISTINCT date_trunc('week', g.d)::date AS week
    FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS g(d)
  )`;
}

/**
 * trends.ts's result rows over CTEs `weeks`, `working` and `booked` (week, seconds) and `people`
 * (week, is_total, bookings, organizers, with one total row).
 */
export const weeklyResult = sql`
  SELECT to_char(w.week, 'YYYY-MM-DD') AS "weekStart", false AS "isTotal",
    coalesce(p.bookings, 0)::integer AS bookings, coalesce(p.organizers, 0)::integer AS organizers,
    coalesce(bk.seconds, 0)::float8 AS "bookedSeconds", coalesce(wk.seconds, 0)::float8 AS "workingSeconds"
  FROM weeks w
  LEFT JOIN people p ON NOT p.is_total AND p.week = w.week
  LEFT JOIN booked bk ON bk.week = w.week
  LEFT JOIN working wk ON wk.week = w.week
  UNION ALL
  SELECT NULL, true, bookings::integer, organizers::integer, 0, 0 FROM people WHERE is_total
  ORDER BY 1`;

/** Reference SQL of trends.ts, straight from the bookings (see reference/utilisation.ts). */
export function weeklyReferenceSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, scope)},
    ${weeksCte(range)},
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
    ${weeklyResult}`;
}

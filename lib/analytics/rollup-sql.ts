import { sql, type SQL } from "drizzle-orm";
import { countDays } from "./filters";
import { slotStart } from "./local-time";
import type { DateRange } from "./types";
import { ALL_ROOMS, isWorkingDay, roomTimeCte, type WorkingTime } from "./working-time";

/**
 * The scoped rooms (`r`) joined with their `rooms` row (`rr`), for joining a large table on `rr.id`.
 * Postgres keeps no statistics for a CTE, so it takes `scoped`'s ids for 200 distinct values among
 * 5,000 rows and, joined on them, builds its hash table on the other side: 1.37 M bookings or 1.6 M
 * rollup rows of a quarter at 10 M (~1.5–2 s each). Joined on `rooms.id`, a key it knows to be
 * unique, it hashes the rooms.
 */
const scopedRooms = sql`scoped r JOIN rooms rr ON rr.id = r.id`;

/**
 * Common table expressions of the fast path (rollups and placed bookings), the counterpart of
 * working-time.ts's `workingTimeCtes` for working hours that start and end on the hour
 * (`servedByRollups`). Rollups keep all 24 hour slots of every local day, so the working time (a
 * building's own hours, weekdays and closure days) is applied here, at query time: changing it needs
 * no rebuild. They yield the same populations with no time-zone conversion per booking:
 * - `room_time`, `scoped`: active rooms in scope with their working time (working-time.ts), and in
 *   `scoped` their first and last working hour slot and a `window_key` shared by rooms with the same
 *   zone and working time (their windows are equal, so `window_days` is per key, not per room);
 * - `window_days`: one working window per window key and working day of the range; `days`: the days
 *   any of them covers;
 * - `cells`: rollup rows of the scoped rooms on the range's days, seconds resolved for the range's
 *   first days (slots there count only bookings that started inside the range) and `working` set on
 *   slots inside their room's working hours on its working days;
 * - `in_range`, `relevant`: bookings starting on the range's local days (by their stored local day),
 *   `work_days` with bit k set when their hour slots meet their room's working hours on their k-th
 *   local day, a working day of the range, and `works` when any is set. Tested as `<> 0`, whose
 *   selectivity the planner guesses near 1: a guess of the ANDed conditions themselves was ~1/100
 *   of the truth and turned every join above into a sort spilled to disk;
 * - `in_range_work`: each such booking once per such day — what `in_range_days` joined with
 *   `room_days` on overlap is in the reference SQL;
 * - `in_hours`: the `in_range` bookings that work.
 *
 * `bookingsWhere` (over bookings `b`) narrows `in_range` where the bookings are read, for a caller
 * that needs a few room-days of the range only (choices-sql.ts, refreshing after a write).
 */
export function fastCtes(range: DateRange, time: WorkingTime, roomScope: SQL = ALL_ROOMS, bookingsWhere: SQL = sql`true`, bookingDays?: readonly string[]): SQL {
  const resolved = (kind: string) => {
    const [all, own, recent] = ["", "_own", "_recent"].map((part) => sql.raw(`c.${kind}${part}_seconds`));
    return sql`CASE c.day - ${range.from}::date WHEN 0 THEN coalesce(${own}, ${all}) WHEN 1 THEN coalesce(${recent}, ${all}) ELSE ${all} END AS ${sql.raw(kind)}`;
  };
  // Some CTEs are MATERIALIZED: inlined into a mis-estimated nested loop, or below a join that needs
  // their computed day, they would be re-run per booking.
  return sql`
    -- A series of integers with constant bounds: the planner knows its length (a series of dates it
    -- guesses at 1000, and the 20-fold overestimate of window_days below chose sorts and merge joins).
    range_days AS MATERIALIZED (
      SELECT ${range.from}::date + g.i AS day FROM generate_series(0, ${countDays(range) - 1}::integer) AS g(i)
    ),
    ${roomTimeCte(range, time, roomScope)},
    scoped AS MATERIALIZED (
      SELECT rt.room_id AS id, rt.time_zone, rt.capacity, rt.building, rt.workdays, rt.closed,
        rt.start_minute / 60 AS first_hour, rt.end_minute / 60 - 1 AS last_hour,
        dense_rank() OVER (ORDER BY rt.time_zone, rt.start_minute, rt.end_minute, rt.workdays, rt.closed) AS window_key
      FROM room_time rt
    ),
    window_days AS MATERIALIZED (
      SELECT w.window_key, w.time_zone, w.first_hour, w.last_hour, d.day,
        tstzrange(${slotStart(sql`d.day`, sql`w.first_hour`, sql`w.time_zone`)},
                  ${slotStart(sql`d.day`, sql`w.last_hour + 1`, sql`w.time_zone`)}) AS win
      FROM (SELECT DISTINCT window_key, time_zone, first_hour, last_hour, workdays, closed FROM scoped) w
      JOIN range_days d ON ${isWorkingDay(sql`d.day`, sql`w`)}
    ),
    days AS MATERIALIZED (
      SELECT DISTINCT day FROM window_days
    ),
    cells AS (
      SELECT c.room_id, c.day, c.hour, ${resolved("booked")}, ${resolved("occupied")}, ${resolved("lost")},
        c.bookings_started, c.organizer_ids,
        c.hour BETWEEN r.first_hour AND r.last_hour AND ${isWorkingDay(sql`c.day`, sql`r`)} AS working
      FROM ${scopedRooms} JOIN room_hour_rollups c ON c.room_id = rr.id
      WHERE c.day BETWEEN ${range.from}::date AND ${range.to}::date
    ),
    in_range AS (
      ${placedBookings(range, bookingsWhere, bookingDays)}
    ),
    relevant AS (
      SELECT * FROM in_range WHERE status <> 'cancelled'
    ),
    -- Only the columns its readers use: it is materialised, and copying the others cost as much as the rest.
    in_range_work AS MATERIALIZED (
      SELECT b.id, b.room_id, b.starts_at, b.ends_at, b.status, b.checked_in_at, b.organizer_pseudonym,
        b.attendee_count, b.private, b.capacity, b.window_key, b.local_day + k.k AS day
      FROM in_range b CROSS JOIN (VALUES (0), (1), (2)) AS k(k)
      WHERE b.work_days & (1 << k.k) <> 0
    ),
    in_hours AS (
      SELECT * FROM in_range WHERE work_days <> 0
    )`;
}

/**
 * fastCtes' `in_range` rows: the bookings of the `scoped` rooms that start on the range's local days,
 * with their room's zone, capacity and window key and their `work_days`, narrowed by `where` (over
 * `b`, bookings) so that a caller reading a few of them (bookings past midnight, through their partial
 * index) does not read them all; `days`, the range's local days to read, probed one by one in the
 * (room, local day) index, for a caller that needs a few days scattered over a long range. For a CTE
 * of fastCtes' WITH.
 */
export function placedBookings(range: DateRange, where: SQL = sql`true`, days?: readonly string[]): SQL {
  // Whether booking `b`'s hour slots on its k-th local day (k = 0: the start day) meet the working hours
  // of its room `r` (a `scoped` row) on a working day of the range: arithmetic on the stored placement
  // and the room's arrays, no join, no time zone.
  const worksOn = (k: number) => {
    const day = sql`(b.local_day + ${k}::integer)`;
    return sql`(${k}::integer <= b.last_slot / 24 AND ${day} <= ${range.to}::date
      AND ${isWorkingDay(day, sql`r`)}
      AND greatest(b.first_slot - 24 * ${k}::integer, r.first_hour) <= least(b.last_slot - 24 * ${k}::integer, r.last_hour))`;
  };
  // Days outside the range would be read for nothing: the windows are the range's.
  const onDays = days
    ? sql`b.local_day = ANY(${`{${days.filter((day) => day >= range.from && day <= range.to).join(",")}}`}::date[])`
    : sql`b.local_day BETWEEN ${range.from}::date AND ${range.to}::date`;
  return sql`SELECT b.id, b.room_id, b.starts_at, b.ends_at, b.booked_at, b.organizer_pseudonym, b.attendee_count,
      b.status, b.checked_in_at, b.recurring, b.private, b.updated_at, b.local_day, b.first_slot, b.last_slot,
      r.time_zone, r.capacity, r.window_key, w.work_days, w.work_days <> 0 AS works
    FROM ${scopedRooms} JOIN bookings b ON b.room_id = rr.id AND ${onDays} AND ${where}
    CROSS JOIN LATERAL (SELECT ${sql.join([0, 1, 2].map((k) => sql`CASE WHEN ${worksOn(k)} THEN ${1 << k}::integer ELSE 0 END`), sql` | `)} AS work_days) w`;
}

/** Working seconds per scoped room over the range (the sum of its window key's windows). */
export const roomWorkingSeconds = sql`
  SELECT r.id AS room_id, zw.seconds
  FROM scoped r JOIN (SELECT window_key, sum(date_part('epoch', upper(win) - lower(win))) AS seconds FROM window_days GROUP BY window_key) zw
    ON zw.window_key = r.window_key`;

/**
 * One row per organizer id of each rollup row of the scoped rooms on the range's days (room_id, day,
 * hour, o). The unnest is in the select list: as a lateral function scan it builds a tuple store per
 * rollup row, and reading the `cells` CTE instead would make it materialise every row with its array.
 */
export function cellOrganizers(range: DateRange): SQL {
  return sql`SELECT c.room_id, c.day, c.hour, unnest(c.organizer_ids) AS o
    FROM ${scopedRooms} JOIN room_hour_rollups c ON c.room_id = rr.id
    WHERE c.day BETWEEN ${range.from}::date AND ${range.to}::date`;
}

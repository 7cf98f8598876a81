import { sql, type SQL } from "drizzle-orm";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";

/** One working day's hours (minutes after local midnight) and the ISO weekdays (1 = Monday) it applies to. */
export type DayWindow = { workdayStartMinute: number; workdayEndMinute: number; workdays: readonly number[] };

/** A building's own working time (db/schema/core.ts `buildings`), already merged with the organisation's. */
export type BuildingWorkingTime = DayWindow & { building: string };

/** A day a building is closed; building "" closes every building (db/schema/core.ts `closure_days`). */
export type ClosureDay = { building: string; day: string };

/**
 * The working time every metric uses: the organisation's window (settings), the buildings that differ
 * from it, and the closure days. A room works its building's window, else the organisation's, on its
 * working days that are not closure days of its building or of every building.
 */
export type WorkingTime = DayWindow & { buildings: readonly BuildingWorkingTime[]; closures: readonly ClosureDay[] };

const intArray = (values: readonly number[]) => `{${values.join(",")}}`;

/**
 * `room_time`: each active room in scope with its working window (minutes), working weekdays and the
 * closure days of the range that apply to it. Building overrides and closures travel as one JSON
 * parameter each (building names may hold any character; no SQL is built from them). Materialized:
 * small, and read once per day and booking below.
 */
export function roomTimeCte(range: DateRange, time: WorkingTime, roomScope: SQL): SQL {
  const buildings = JSON.stringify(
    time.buildings.map((b) => ({ building: b.building, start_minute: b.workdayStartMinute, end_minute: b.workdayEndMinute, workdays: intArray(b.workdays) })),
  );
  const closures = JSON.stringify(time.closures.filter((c) => c.day >= range.from && c.day <= range.to));
  return sql`
    room_time AS MATERIALIZED (
      SELECT r.id AS room_id, r.time_zone, r.capacity, r.building,
        coalesce(bt.start_minute, ${time.workdayStartMinute}::integer) AS start_minute,
        coalesce(bt.end_minute, ${time.workdayEndMinute}::integer) AS end_minute,
        coalesce(bt.workdays::integer[], ${intArray(time.workdays)}::integer[]) AS workdays,
        coalesce((SELECT array_agg(DISTINCT c.day ORDER BY c.day) FROM jsonb_to_recordset(${closures}::jsonb) AS c(building text, day date)
                  WHERE c.building = r.building OR c.building = ''), '{}'::date[]) AS closed
      FROM rooms r
      LEFT JOIN jsonb_to_recordset(${buildings}::jsonb) AS bt(building text, start_minute integer, end_minute integer, workdays text)
        ON bt.building = r.building
      WHERE r.active AND ${roomScope}
    )`;
}

/** Whether `day` is a working day of room-time row `rt` (its weekday works, no closure applies). */
export function isWorkingDay(day: SQL, rt: SQL): SQL {
  return sql`(date_part('isodow', ${day})::integer = ANY(${rt}.workdays) AND NOT (${day} = ANY(${rt}.closed)))`;
}

/**
 * The scope when no filter narrows the room set: every room but the sensitive ones, which enter no
 * figure (sensitive-rooms.ts), so a caller that forgets `roomScope()` still cannot show one.
 */
export const ALL_ROOMS = analysedRoom();

/**
 * Common table expressions every metric query starts from, all in each room's own time zone:
 * - `room_time`: see `roomTimeCte`;
 * - `room_days`: one working window per active room and working day of the range — its building's
 *   hours and weekdays, closure days left out (DST-correct: local wall-clock times are converted with
 *   AT TIME ZONE per day); `days`: the days any of them covers;
 * - `in_range`: every booking of those rooms that starts inside the range's local days, whatever its
 *   status (cancellation metrics need the cancelled ones), with the room's time zone and capacity;
 * - `relevant`: those that hold the room (not cancelled; a no-show still blocked it);
 * - `in_range_days`: each `in_range` booking once per local day it touches (a day's working window
 *   lies inside that day), so joins with `room_days` go by (room, day) equality instead of comparing
 *   every booking of a room with every day of the range;
 * - `in_hours`: the `in_range` bookings that overlap a working window: the population of per-booking
 *   metrics (ghosts, seat fill, lead time, cancellations), which DESIGN.md measures within working hours;
 * - `room_union`: per room and day, the union of relevant bookings clipped to the working window, so
 *   overlapping or double bookings never count twice.
 * `roomScope` is a predicate over `r` (rooms) that narrows the room set (see room-filter.ts).
 */
export function workingTimeCtes(range: DateRange, time: WorkingTime, roomScope: SQL = ALL_ROOMS): SQL {
  return sql`
    range_days AS (
      SELECT g.d::date AS day FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS g(d)
    ),
    ${roomTimeCte(range, time, roomScope)},
    room_days AS (
      SELECT rt.room_id, d.day, rt.time_zone, rt.building, rt.start_minute, rt.end_minute,
        tstzrange((d.day + rt.start_minute * interval '1 minute') AT TIME ZONE rt.time_zone,
                  (d.day + rt.end_minute * interval '1 minute') AT TIME ZONE rt.time_zone) AS win
      FROM room_time rt JOIN range_days d ON ${isWorkingDay(sql`d.day`, sql`rt`)}
    ),
    -- The days some room in scope works (pressure lists its day peaks over these).
    days AS (
      SELECT DISTINCT day FROM room_days
    ),
    in_range AS (
      SELECT b.id, b.room_id, b.starts_at, b.ends_at, b.booked_at, b.organizer_pseudonym, b.attendee_count,
        b.status, b.checked_in_at, b.recurring, b.private, b.updated_at, r.time_zone, r.capacity
      FROM bookings b JOIN rooms r ON r.id = b.room_id
      WHERE r.active AND ${roomScope}
        AND b.starts_at >= (${range.from}::date)::timestamp AT TIME ZONE r.time_zone
        AND b.starts_at < (${range.to}::date + 1)::timestamp AT TIME ZONE r.time_zone
    ),
    relevant AS (
      SELECT * FROM in_range WHERE status <> 'cancelled'
    ),
    in_range_days AS (
      SELECT b.*, g.d::date AS day
      FROM in_range b,
        generate_series((b.starts_at AT TIME ZONE b.time_zone)::date,
                        ((b.ends_at - interval '1 microsecond') AT TIME ZONE b.time_zone)::date, interval '1 day') AS g(d)
    ),
    in_hours AS (
      SELECT b.* FROM in_range b
      WHERE EXISTS (SELECT 1 FROM room_days rd WHERE rd.room_id = b.room_id AND rd.win && tstzrange(b.starts_at, b.ends_at))
    ),
    room_union AS (
      SELECT rd.room_id, rd.day, range_agg(tstzrange(b.starts_at, b.ends_at) * rd.win) AS booked
      FROM room_days rd
      JOIN relevant b ON b.room_id = rd.room_id AND b.starts_at < upper(rd.win) AND b.ends_at > lower(rd.win)
      GROUP BY rd.room_id, rd.day
    )`;
}

/** Seconds covered by a range expression; date_part is faster than extract(epoch) since PG 14. */
export function rangeSeconds(range: SQL): SQL {
  return sql`date_part('epoch', upper(${range}) - lower(${range}))`;
}

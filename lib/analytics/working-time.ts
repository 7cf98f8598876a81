import { sql, type SQL } from "drizzle-orm";
import type { Settings } from "@/db/schema";
import type { DateRange } from "./types";

export type WorkingTime = Pick<Settings, "workdayStartMinute" | "workdayEndMinute" | "workdays">;

/** Every active room: the scope when no filter narrows the room set. */
const ALL_ROOMS = sql`true`;

/**
 * Common table expressions every metric query starts from, all in each room's own time zone:
 * - `room_days`: one working window per active room and working day of the range (DST-correct:
 *   local wall-clock times are converted with AT TIME ZONE per day);
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
    days AS (
      SELECT g.d::date AS day
      FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS g(d)
      WHERE extract(isodow FROM g.d)::integer = ANY(${`{${time.workdays.join(",")}}`}::integer[])
    ),
    room_days AS (
      SELECT r.id AS room_id, d.day, r.time_zone,
        tstzrange((d.day + ${time.workdayStartMinute}::integer * interval '1 minute') AT TIME ZONE r.time_zone,
                  (d.day + ${time.workdayEndMinute}::integer * interval '1 minute') AT TIME ZONE r.time_zone) AS win
      FROM rooms r CROSS JOIN days d
      WHERE r.active AND ${roomScope}
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

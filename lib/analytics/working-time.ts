import { sql, type SQL } from "drizzle-orm";
import type { Settings } from "@/db/schema";
import type { DateRange } from "./types";

export type WorkingTime = Pick<Settings, "workdayStartMinute" | "workdayEndMinute" | "workdays">;

/**
 * Common table expressions every utilisation query starts from, all in each room's own time zone:
 * - `room_days`: one working window per active room and working day of the range (DST-correct:
 *   local wall-clock times are converted with AT TIME ZONE per day);
 * - `relevant`: bookings that hold the room (not cancelled; a no-show still blocked it) and start
 *   inside the range's local days;
 * - `room_union`: per room and day, the union of those bookings clipped to the working window, so
 *   overlapping or double bookings never count twice.
 */
export function workingTimeCtes(range: DateRange, time: WorkingTime): SQL {
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
      WHERE r.active
    ),
    relevant AS (
      SELECT b.room_id, b.starts_at, b.ends_at, b.organizer_pseudonym, r.time_zone
      FROM bookings b JOIN rooms r ON r.id = b.room_id
      WHERE r.active AND b.status <> 'cancelled'
        AND b.starts_at >= (${range.from}::date)::timestamp AT TIME ZONE r.time_zone
        AND b.starts_at < (${range.to}::date + 1)::timestamp AT TIME ZONE r.time_zone
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

import { sql, type SQL } from "drizzle-orm";
import { slotStart } from "./local-time";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Common table expressions of the fast path (rollups and placed bookings), the counterpart of
 * working-time.ts's `workingTimeCtes` for working hours that start and end on the hour
 * (`servedByRollups`). They yield the same populations with no time-zone conversion per booking:
 * - `days`, `scoped`: working days of the range; active rooms in scope (`roomScope` is over `r`);
 * - `zone_days`: one working window per time zone of those rooms and working day (rooms of a zone
 *   share their windows, so this replaces a rooms × days product);
 * - `cells`: rollup rows of the scoped rooms on the range's days, seconds resolved for the range's
 *   first days (slots there count only bookings that started inside the range) and `working` set on
 *   slots inside working hours;
 * - `in_range`, `relevant`: bookings starting on the range's local days (by their stored local day),
 *   `works` set when their hour slots meet working hours on a working day of the range;
 * - `in_range_work`: each such booking once per such day — what `in_range_days` joined with
 *   `room_days` on overlap is in the reference SQL;
 * - `in_hours`: the `in_range` bookings that work.
 */
export function fastCtes(range: DateRange, time: WorkingTime, roomScope: SQL = sql`true`): SQL {
  const firstHour = time.workdayStartMinute / 60;
  const lastHour = time.workdayEndMinute / 60 - 1;
  const workdays = sql`${`{${time.workdays.join(",")}}`}::integer[]`;
  // Whether booking `b`'s hour slots on its k-th local day (k = 0: the start day) meet working hours on
  // a working day of the range: plain arithmetic on the stored placement, no join, no time zone.
  const worksOn = (k: SQL | number) => {
    const day = sql`(b.local_day + ${k}::integer)`;
    return sql`(${k}::integer <= b.last_slot / 24 AND ${day} <= ${range.to}::date
      AND date_part('isodow', ${day})::integer = ANY(${workdays})
      AND greatest(b.first_slot - 24 * ${k}::integer, ${firstHour}::integer) <= least(b.last_slot - 24 * ${k}::integer, ${lastHour}::integer))`;
  };
  const resolved = (kind: string) => {
    const [all, own, recent] = ["", "_own", "_recent"].map((part) => sql.raw(`c.${kind}${part}_seconds`));
    return sql`CASE c.day - ${range.from}::date WHEN 0 THEN coalesce(${own}, ${all}) WHEN 1 THEN coalesce(${recent}, ${all}) ELSE ${all} END AS ${sql.raw(kind)}`;
  };
  // Some CTEs are MATERIALIZED: inlined into a mis-estimated nested loop, or below a join that needs
  // their computed day, they would be re-run per booking.
  return sql`
    days AS MATERIALIZED (
      SELECT g.d::date AS day
      FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS g(d)
      WHERE date_part('isodow', g.d)::integer = ANY(${`{${time.workdays.join(",")}}`}::integer[])
    ),
    scoped AS MATERIALIZED (
      SELECT r.id, r.time_zone, r.capacity FROM rooms r WHERE r.active AND ${roomScope}
    ),
    zone_days AS MATERIALIZED (
      SELECT z.time_zone, d.day,
        tstzrange(${slotStart(sql`d.day`, sql`${firstHour}::integer`, sql`z.time_zone`)},
                  ${slotStart(sql`d.day`, sql`${lastHour + 1}::integer`, sql`z.time_zone`)}) AS win
      FROM (SELECT DISTINCT time_zone FROM scoped) z CROSS JOIN days d
    ),
    cells AS (
      SELECT c.room_id, c.day, c.hour, ${resolved("booked")}, ${resolved("occupied")}, ${resolved("lost")},
        c.bookings_started, c.organizer_ids,
        c.hour BETWEEN ${firstHour}::integer AND ${lastHour}::integer
          AND date_part('isodow', c.day)::integer = ANY(${`{${time.workdays.join(",")}}`}::integer[]) AS working
      FROM scoped r JOIN room_hour_rollups c ON c.room_id = r.id
      WHERE c.day BETWEEN ${range.from}::date AND ${range.to}::date
    ),
    in_range AS (
      SELECT b.id, b.room_id, b.starts_at, b.ends_at, b.booked_at, b.organizer_pseudonym, b.attendee_count,
        b.status, b.checked_in_at, b.recurring, b.private, b.updated_at, b.local_day, b.first_slot, b.last_slot,
        r.time_zone, r.capacity, ${sql.join([0, 1, 2].map(worksOn), sql` OR `)} AS works
      FROM scoped r JOIN bookings b ON b.room_id = r.id AND b.local_day BETWEEN ${range.from}::date AND ${range.to}::date
    ),
    relevant AS (
      SELECT * FROM in_range WHERE status <> 'cancelled'
    ),
    in_range_work AS MATERIALIZED (
      SELECT b.*, b.local_day + k.k AS day
      FROM in_range b CROSS JOIN (VALUES (0), (1), (2)) AS k(k)
      WHERE b.works AND ${worksOn(sql`k.k`)}
    ),
    in_hours AS (
      SELECT * FROM in_range WHERE works
    )`;
}

/** Working seconds per scoped room over the range (the sum of its zone's windows). */
export const roomWorkingSeconds = sql`
  SELECT r.id AS room_id, zw.seconds
  FROM scoped r JOIN (SELECT time_zone, sum(date_part('epoch', upper(win) - lower(win))) AS seconds FROM zone_days GROUP BY time_zone) zw
    ON zw.time_zone = r.time_zone`;

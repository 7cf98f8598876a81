import { sql, type SQL } from "drizzle-orm";
import { bandSql } from "../bands";
import { roomLabelColumns } from "../room-filter";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/** What `weights` carries of each booking besides its seconds. */
export const WEIGHT_KEYS = sql`b.id, b.room_id, b.capacity, b.attendee_count, b.organizer_pseudonym`;

/** Seat fill of booking `b` (0–1) and its bucket of seat-fill.ts's seatFillBuckets (0–3; a full room is in the last). */
export const SEAT_FILL = sql`least(b.attendee_count, b.capacity)::float8 / b.capacity`;
export const SEAT_BUCKET = sql`least((4 * least(b.attendee_count, b.capacity)) / b.capacity, 3)`;

/** Bookings a seat fill can be computed for (as `b`): held, with an attendee count, in a room of known size. */
export const SEAT_DATA = sql`b.status <> 'cancelled' AND NOT b.private AND b.attendee_count IS NOT NULL AND b.capacity >= 1`;

/**
 * seat-fill.ts's tallies and result rows over CTEs `relevant` and `weights` (each seat-fill booking's
 * id, room_id, capacity, attendee_count, organizer_pseudonym and seconds inside working hours): the
 * same on both paths. No join between booking-sized sets: a mis-estimated one turns quadratic.
 */
export const seatFillResult = sql`
  seat AS (
    SELECT b.id, b.room_id, ${bandSql(sql`b.capacity`)} AS band, b.organizer_pseudonym,
      ${SEAT_FILL} AS fill, ${SEAT_BUCKET} AS bucket, b.seconds
    FROM weights b
  ),
  tallies AS (
    SELECT GROUPING(band, room_id, bucket) AS level, band, room_id, bucket,
      count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers,
      sum(fill * seconds) AS weighted, sum(seconds) AS seconds
    FROM seat GROUP BY GROUPING SETS ((band, room_id), (band, room_id, bucket), (band), (band, bucket), ())
  ),
  room_bookings AS (
    SELECT b.room_id, b.id IN (SELECT id FROM weights) AS has_data, b.organizer_pseudonym
    FROM relevant b WHERE b.capacity >= 1
  ),
  left_out AS (
    SELECT room_id, has_data, GROUPING(has_data) = 1 AS whole, count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
    FROM room_bookings GROUP BY GROUPING SETS ((room_id, has_data), (room_id))
  )
  SELECT CASE t.level WHEN 1 THEN 'room' WHEN 0 THEN 'room-bucket' WHEN 3 THEN 'band' WHEN 2 THEN 'band-bucket' ELSE 'total' END AS level,
    ${roomLabelColumns}, t.band, t.bucket::integer AS bucket, t.bookings::integer AS bookings,
    t.organizers::integer AS organizers, coalesce(t.weighted, 0)::float8 AS "weightedFillSeconds",
    coalesce(t.seconds, 0)::float8 AS seconds
  FROM tallies t LEFT JOIN rooms r ON r.id = t.room_id
  UNION ALL
  SELECT CASE WHEN l.whole THEN 'all' ELSE 'left' END, ${roomLabelColumns}, NULL, NULL,
    l.bookings::integer, l.organizers::integer, 0, 0
  FROM left_out l JOIN rooms r ON r.id = l.room_id
  WHERE l.whole OR NOT l.has_data`;

/** Reference SQL of seat-fill.ts, straight from the bookings (see reference/utilisation.ts). */
export function seatFillReferenceSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, scope)},
    -- Each booking's own minutes inside working hours (a join, not a subquery per booking: room_days is large).
    weights AS (
      SELECT ${WEIGHT_KEYS}, sum(${rangeSeconds(sql`(rd.win * tstzrange(b.starts_at, b.ends_at))`)}) AS seconds
      FROM in_range_days b JOIN room_days rd ON rd.room_id = b.room_id AND rd.day = b.day AND rd.win && tstzrange(b.starts_at, b.ends_at)
      WHERE ${SEAT_DATA}
      GROUP BY ${WEIGHT_KEYS}
    ),
    ${seatFillResult}`;
}

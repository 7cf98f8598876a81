import { sql, type SQL } from "drizzle-orm";
import { roomLabelColumns } from "../room-filter";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/**
 * The result rows of occupied.ts from CTEs `checkin_rooms` (room_id), `occupied` and `working`
 * (room_id, seconds) and `people` (per room and, room_id NULL, in total: bookings, organizers).
 */
export const occupiedResult = sql`
  SELECT ${roomLabelColumns},
    coalesce(o.seconds, 0)::float8 AS "occupiedSeconds",
    coalesce(w.seconds, 0)::float8 AS "workingSeconds",
    coalesce(p.bookings, 0)::integer AS bookings,
    coalesce(p.organizers, 0)::integer AS organizers,
    (SELECT bookings FROM people WHERE room_id IS NULL)::integer AS "totalBookings",
    (SELECT organizers FROM people WHERE room_id IS NULL)::integer AS "totalOrganizers"
  FROM checkin_rooms c JOIN rooms r ON r.id = c.room_id
  LEFT JOIN occupied o ON o.room_id = r.id
  LEFT JOIN working w ON w.room_id = r.id
  LEFT JOIN people p ON p.room_id = r.id
  ORDER BY r.name`;

/** Reference SQL of occupied.ts, straight from the bookings (see reference/utilisation.ts). */
export function occupiedReferenceSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, scope)},
    checkin_rooms AS (
      SELECT DISTINCT room_id FROM relevant WHERE status = 'no_show' OR checked_in_at IS NOT NULL
    ),
    attended AS (
      SELECT b.*, greatest(b.checked_in_at, b.starts_at) AS occupied_from FROM in_range_days b
      WHERE b.status = 'confirmed' AND b.checked_in_at IS NOT NULL AND b.checked_in_at < b.ends_at
    ),
    attended_days AS (
      SELECT rd.room_id, rd.day, b.organizer_pseudonym, b.id, tstzrange(b.occupied_from, b.ends_at) * rd.win AS piece
      FROM room_days rd JOIN attended b ON b.room_id = rd.room_id AND b.day = rd.day
        AND b.occupied_from < upper(rd.win) AND b.ends_at > lower(rd.win)
    ),
    occupied AS (
      SELECT room_id, sum(${rangeSeconds(sql`p`)}) AS seconds
      FROM (SELECT room_id, day, range_agg(piece) AS pieces FROM attended_days GROUP BY room_id, day) d, unnest(d.pieces) AS p
      GROUP BY room_id
    ),
    working AS (SELECT room_id, sum(${rangeSeconds(sql`win`)}) AS seconds FROM room_days GROUP BY room_id),
    people AS (
      SELECT room_id, count(DISTINCT id) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
      FROM attended_days GROUP BY GROUPING SETS ((room_id), ())
    )
    ${occupiedResult}`;
}

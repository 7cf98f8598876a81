import { sql, type SQL } from "drizzle-orm";
import { roomScope } from "../room-filter";
import { analysedRoom } from "../sensitive-rooms";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/**
 * Reference SQL of utilisation.ts, straight from the bookings: the definition the rollups must match
 * (tests/integration/analytics/rollups-match.test.ts), and the path for working hours the rollups
 * cannot answer (local-time.ts, `servedByRollups`).
 */
export function roomUsageReferenceSql(range: DateRange, time: WorkingTime): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, roomScope())},
    working AS (SELECT room_id, sum(${rangeSeconds(sql`win`)}) AS seconds FROM room_days GROUP BY room_id),
    booked AS (
      SELECT u.room_id, sum(${rangeSeconds(sql`piece`)}) AS seconds
      FROM room_union u, unnest(u.booked) AS piece GROUP BY u.room_id
    ),
    counted AS (
      SELECT room_id, count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
      FROM relevant GROUP BY room_id
    )
    SELECT r.id, r.name, r.building, r.floor, r.capacity,
      coalesce(c.bookings, 0)::integer AS bookings,
      coalesce(bk.seconds, 0)::float8 AS "bookedSeconds",
      coalesce(w.seconds, 0)::float8 AS "workingSeconds",
      coalesce(c.organizers, 0)::integer AS organizers
    FROM rooms r
    LEFT JOIN working w ON w.room_id = r.id
    LEFT JOIN booked bk ON bk.room_id = r.id
    LEFT JOIN counted c ON c.room_id = r.id
    WHERE r.active AND ${analysedRoom()}
    ORDER BY r.name`;
}

/** Distinct organizers of the range's bookings, from the bookings. */
export function organizersReferenceSql(range: DateRange, time: WorkingTime): SQL {
  return sql`WITH ${workingTimeCtes(range, time, roomScope())}
    SELECT count(DISTINCT organizer_pseudonym)::integer AS organizers FROM relevant`;
}

import { sql, type SQL } from "drizzle-orm";
import { bandSql } from "../bands";
import { roomScope, type RoomFilters } from "../room-filter";
import { analysedRoom } from "../sensitive-rooms";

/** Pairs of active rooms of the same building and capacity band (every room's peers). */
const peersCte = sql`
  peers AS (
    SELECT a.id AS room_id, p.id AS peer_id
    FROM rooms a JOIN rooms p ON p.building = a.building AND p.id <> a.id
      AND ${bandSql(sql`p.capacity`)} = ${bandSql(sql`a.capacity`)}
    WHERE a.active AND p.active AND ${analysedRoom("a")} AND ${analysedRoom("p")}
  )`;

/** preference.ts's per-room rows over the CTE `choices` (room_id, organizer_pseudonym, peer_free). */
export function revealedResult(filters: RoomFilters): SQL {
  return sql`
    revealed AS (
      SELECT room_id, count(*) AS all_bookings, count(DISTINCT organizer_pseudonym) AS all_organizers,
        count(*) FILTER (WHERE peer_free) AS free_bookings,
        count(DISTINCT organizer_pseudonym) FILTER (WHERE peer_free) AS free_organizers,
        count(*) FILTER (WHERE NOT peer_free) AS busy_bookings,
        count(DISTINCT organizer_pseudonym) FILTER (WHERE NOT peer_free) AS busy_organizers
      FROM choices GROUP BY room_id
    )
    ${revealedSelect(filters)}`;
}

/**
 * preference.ts's per-room rows (every active analysed room) over the CTE `revealed`: per room,
 * all_bookings, all_organizers, free_…, busy_… (absent: none).
 */
export function revealedSelect(filters: RoomFilters): SQL {
  return sql`
    SELECT r.id, r.amenities, ${roomScope(filters)} AS "inScope",
      coalesce(v.all_bookings, 0)::integer AS "allBookings", coalesce(v.all_organizers, 0)::integer AS "allOrganizers",
      coalesce(v.free_bookings, 0)::integer AS "freeBookings", coalesce(v.free_organizers, 0)::integer AS "freeOrganizers",
      coalesce(v.busy_bookings, 0)::integer AS "busyBookings", coalesce(v.busy_organizers, 0)::integer AS "busyOrganizers"
    FROM rooms r LEFT JOIN revealed v ON v.room_id = r.id
    WHERE r.active AND ${analysedRoom()}`;
}

/**
 * Reference SQL of revealed preference over the CTE `in_hours` that `ctes` defines: per booking and
 * peer, one probe of the peer's bookings (see reference/utilisation.ts for what references are for).
 */
export function choicesReferenceSql(ctes: SQL, filters: RoomFilters): SQL {
  return sql`
    WITH ${ctes},
    ${peersCte},
    choices AS (
      SELECT b.room_id, b.organizer_pseudonym,
        EXISTS (
          SELECT 1 FROM peers pr WHERE pr.room_id = b.room_id AND NOT EXISTS (
            SELECT 1 FROM bookings o
            WHERE o.room_id = pr.peer_id AND o.status <> 'cancelled'
              AND o.starts_at < b.ends_at AND o.ends_at > b.starts_at
              AND o.starts_at > b.starts_at - interval '7 days'
              AND (b.booked_at IS NULL OR o.booked_at IS NULL OR o.booked_at <= b.booked_at))
        ) AS peer_free
      FROM in_hours b
      WHERE b.status <> 'cancelled' AND EXISTS (SELECT 1 FROM peers pr WHERE pr.room_id = b.room_id)
    ),
    ${revealedResult(filters)}`;
}

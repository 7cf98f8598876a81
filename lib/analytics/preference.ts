import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { bandSql } from "./bands";
import type { Tally } from "./cell-suppression";
import { roomScope, type RoomFilters } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { countOrganizers, listRoomUsage, type RoomUsageRow } from "./utilisation";
import { workingTimeCtes, type WorkingTime } from "./working-time";

/** How far back a peer's booking may start and still block a slot; longer blocks are not meetings. */
const LONGEST_PEER_BOOKING = "7 days";

export type PreferenceRoomRow = RoomUsageRow & {
  amenities: string[];
  /** Whether the filters keep this room in the output (peers are never filtered: see below). */
  inScope: boolean;
  /** Bookings (inside working hours) of a room with peers; those made while a peer was free for the whole slot; the others. */
  choices: Tally;
  peerFree: Tally;
  peerBusy: Tally;
};

export type PreferenceRows = { rooms: PreferenceRoomRow[]; organizers: number };

/**
 * Raw inputs of the preference index and of revealed preference.
 *
 * Preference index = a room's utilisation / the mean utilisation of its peers (other active rooms of
 * the same building and capacity band). Utilisation is the dashboard's (`listRoomUsage`), over all
 * active rooms whatever the filters, so that a room is shown or hidden exactly as on the dashboard
 * and its peers are always the ones DESIGN.md names; filters only choose which rooms are reported.
 *
 * Revealed preference = share of a room's bookings (not cancelled, inside working hours, in a room
 * that has peers) made while at least one peer was free for the whole slot. "Free" is judged at the
 * moment of booking: a peer booking overlapping the slot blocks it only if it already existed
 * (its booked-at no later than this booking's; when either is unknown it is assumed to have existed,
 * which can only understate revealed preference). Cancelled peer bookings never block: the data holds
 * no cancellation time. Peer bookings that started over 7 days before the slot are not looked at.
 */
export async function getPreference(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<PreferenceRows> {
  const working = await resolveWorkingTime(db, time);
  const [usage, organizers, extra] = await Promise.all([
    listRoomUsage(db, range, working),
    countOrganizers(db, range, working),
    queryRows<{ id: number; amenities: string[]; inScope: boolean } & Record<`${"all" | "free" | "busy"}${"Bookings" | "Organizers"}`, number>>(
      db,
      sql`
        WITH ${workingTimeCtes(range, working)},
        peers AS (
          SELECT a.id AS room_id, p.id AS peer_id
          FROM rooms a JOIN rooms p ON p.building = a.building AND p.id <> a.id
            AND ${bandSql(sql`p.capacity`)} = ${bandSql(sql`a.capacity`)}
          WHERE a.active AND p.active
        ),
        choices AS (
          SELECT b.room_id, b.organizer_pseudonym,
            EXISTS (
              SELECT 1 FROM peers pr WHERE pr.room_id = b.room_id AND NOT EXISTS (
                SELECT 1 FROM bookings o
                WHERE o.room_id = pr.peer_id AND o.status <> 'cancelled'
                  AND o.starts_at < b.ends_at AND o.ends_at > b.starts_at
                  AND o.starts_at > b.starts_at - ${LONGEST_PEER_BOOKING}::interval
                  AND (b.booked_at IS NULL OR o.booked_at IS NULL OR o.booked_at <= b.booked_at))
            ) AS peer_free
          FROM in_hours b
          WHERE b.status <> 'cancelled' AND EXISTS (SELECT 1 FROM peers pr WHERE pr.room_id = b.room_id)
        ),
        revealed AS (
          SELECT room_id, count(*) AS all_bookings, count(DISTINCT organizer_pseudonym) AS all_organizers,
            count(*) FILTER (WHERE peer_free) AS free_bookings,
            count(DISTINCT organizer_pseudonym) FILTER (WHERE peer_free) AS free_organizers,
            count(*) FILTER (WHERE NOT peer_free) AS busy_bookings,
            count(DISTINCT organizer_pseudonym) FILTER (WHERE NOT peer_free) AS busy_organizers
          FROM choices GROUP BY room_id
        )
        SELECT r.id, r.amenities, ${roomScope(filters)} AS "inScope",
          coalesce(v.all_bookings, 0)::integer AS "allBookings", coalesce(v.all_organizers, 0)::integer AS "allOrganizers",
          coalesce(v.free_bookings, 0)::integer AS "freeBookings", coalesce(v.free_organizers, 0)::integer AS "freeOrganizers",
          coalesce(v.busy_bookings, 0)::integer AS "busyBookings", coalesce(v.busy_organizers, 0)::integer AS "busyOrganizers"
        FROM rooms r LEFT JOIN revealed v ON v.room_id = r.id
        WHERE r.active`,
    ),
  ]);
  const byId = new Map(extra.map((row) => [row.id, row]));
  return {
    organizers,
    rooms: usage.map((room) => {
      const more = byId.get(room.id);
      return {
        ...room,
        amenities: more?.amenities ?? [],
        inScope: more?.inScope ?? false,
        choices: { bookings: more?.allBookings ?? 0, organizers: more?.allOrganizers ?? 0 },
        peerFree: { bookings: more?.freeBookings ?? 0, organizers: more?.freeOrganizers ?? 0 },
        peerBusy: { bookings: more?.busyBookings ?? 0, organizers: more?.busyOrganizers ?? 0 },
      };
    }),
  };
}

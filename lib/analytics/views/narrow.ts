import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { GhostRate } from "../ghosts";
import type { OccupiedUtilisation } from "../occupied";
import type { RoomPreference } from "../preference-suppression";
import type { PressureGroup } from "../pressure";
import { roomScope, type RoomFilters } from "../room-filter";
import type { SeatFill } from "../seat-fill-suppression";

/**
 * How room filters meet invariant 5: they choose which rows of the all-rooms figures a page lists, and
 * never compute a figure over the rooms they keep.
 *
 * A figure summed over a filtered set of rooms can be subtracted from the same figure over all rooms
 * (or over another filter): all rooms' bookings − building North's = building South's, whose own view
 * is suppressed because three people made them. The small-group rule of one view cannot see what
 * another view shows, and deciding every filterable group at once is not safe either: buildings, floors,
 * bands and amenities overlap, and sums over overlapping groups combine (A + B, B + C, A + C and the
 * whole give B alone) in ways a search along chains of sums does not find. So every figure a planner
 * sees is one the all-rooms view shows, with the same value and the same suppression:
 * - totals, histograms, trends and behaviour always cover every room (the page says so);
 * - per-room rows (seat fill, ghosts, occupied utilisation, preference) are the all-rooms rows of the
 *   rooms the filters keep;
 * - seat fill's bands and pressure's groups (a band in a building, or in all buildings) are the
 *   all-rooms groups the building and band filters name.
 * Nothing shown then depends on the filters but which rows are listed, so two filtered pages together
 * tell no more than the all-rooms page.
 */

/** Ids of the rooms the filters keep (active, not sensitive: roomScope's rule, as every figure's). */
export async function listRoomsInScope(db: Db, filters: RoomFilters): Promise<ReadonlySet<number>> {
  const rows = await queryRows<{ id: number }>(db, sql`SELECT r.id FROM rooms r WHERE r.active AND ${roomScope(filters)}`);
  return new Set(rows.map((row) => row.id));
}

export function narrowSeatFill(seatFill: SeatFill, rooms: ReadonlySet<number>, filters: RoomFilters): SeatFill {
  return {
    ...seatFill,
    byBand: seatFill.byBand.filter((band) => filters.band === undefined || band.band === filters.band),
    byRoom: seatFill.byRoom.filter((room) => rooms.has(room.id)),
  };
}

export function narrowGhostRate(ghostRate: GhostRate, rooms: ReadonlySet<number>): GhostRate {
  return { ...ghostRate, byRoom: ghostRate.byRoom.filter((room) => rooms.has(room.id)) };
}

export function narrowOccupied(occupied: OccupiedUtilisation, rooms: ReadonlySet<number>): OccupiedUtilisation {
  return { ...occupied, byRoom: occupied.byRoom.filter((room) => rooms.has(room.id)) };
}

export function narrowPreference(preference: RoomPreference[], rooms: ReadonlySet<number>): RoomPreference[] {
  return preference.filter((room) => rooms.has(room.id));
}

/** The building's groups when a building is chosen (not the all-buildings ones), each of the band when a band is. */
export function narrowPressure(groups: PressureGroup[], filters: RoomFilters): PressureGroup[] {
  return groups.filter(
    (group) => (filters.building === undefined || group.building === filters.building) && (filters.band === undefined || group.band === filters.band),
  );
}

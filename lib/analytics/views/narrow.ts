import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { GhostRate } from "../ghosts";
import type { OccupiedUtilisation } from "../occupied";
import type { RoomPreference } from "../preference-suppression";
import type { PressureGroup } from "../pressure";
import { roomScope, type RoomFilters } from "../room-filter";
import { hasRoomFilters } from "../room-filter-params";
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

/** The filters and the ids of the rooms they keep; null when no room filter is set (nothing to narrow). */
export type RoomScope = { filters: RoomFilters; rooms: ReadonlySet<number> } | null;

/** The rooms the filters keep (active, not sensitive: roomScope's rule, as every figure's); no query without a filter. */
export async function loadRoomScope(db: Db, filters: RoomFilters): Promise<RoomScope> {
  if (!hasRoomFilters(filters)) return null;
  const rows = await queryRows<{ id: number }>(db, sql`SELECT r.id FROM rooms r WHERE r.active AND ${roomScope(filters)}`);
  return { filters, rooms: new Set(rows.map((row) => row.id)) };
}

/** The families a filter narrows, as pages and the API hold them. */
type Narrowable = {
  pressure?: PressureGroup[];
  seatFill?: SeatFill;
  preference?: RoomPreference[];
  ghostRate?: GhostRate;
  occupiedUtilisation?: OccupiedUtilisation;
};

/**
 * `families` (a view, or the API's metrics) with each row list cut to what the scope keeps: rooms by
 * id; seat fill's bands by the band filter; pressure's groups by the building and band filters (with
 * a building chosen, its own groups, not the all-buildings ones). Everything else is left as it is.
 */
export function narrowFamilies<T extends Narrowable>(families: T, scope: RoomScope): T {
  if (scope === null) return families;
  const { filters, rooms } = scope;
  const kept = <Row extends { id: number }>(rows: Row[]) => rows.filter((row) => rooms.has(row.id));
  const narrowed: Narrowable = {};
  if (families.pressure) {
    narrowed.pressure = families.pressure.filter(
      (group) => (filters.building === undefined || group.building === filters.building) && (filters.band === undefined || group.band === filters.band),
    );
  }
  if (families.seatFill) {
    const { byBand, byRoom } = families.seatFill;
    narrowed.seatFill = { ...families.seatFill, byBand: byBand.filter((band) => filters.band === undefined || band.band === filters.band), byRoom: kept(byRoom) };
  }
  if (families.preference) narrowed.preference = kept(families.preference);
  if (families.ghostRate) narrowed.ghostRate = { ...families.ghostRate, byRoom: kept(families.ghostRate.byRoom) };
  if (families.occupiedUtilisation) narrowed.occupiedUtilisation = { ...families.occupiedUtilisation, byRoom: kept(families.occupiedUtilisation.byRoom) };
  return { ...families, ...narrowed };
}

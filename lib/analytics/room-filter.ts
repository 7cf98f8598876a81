import { sql, type SQL } from "drizzle-orm";
import { bandSql, type CapacityBand } from "./bands";
import { analysedRoom } from "./sensitive-rooms";

/**
 * Narrows the rooms a metric looks at. Every family applies it to the whole room set it sees, peers
 * included: with `floor` set, a room's peers are the rooms of its building and band on that floor.
 * Planner pages, exports, the API and the CLI never pass one to a family: a figure over a filtered
 * set could be subtracted from the same figure over all rooms, so they narrow the all-rooms rows
 * instead (views/narrow.ts). Tests use it to check each family's SQL over a subset of rooms.
 */
export type RoomFilters = {
  building?: string;
  floor?: string;
  band?: CapacityBand;
  /** Rooms that list this amenity. */
  amenity?: string;
};

/** Whether `filters` narrow nothing: only then may figures kept over every room (day periods) answer. */
export function coversEveryRoom(filters: RoomFilters): boolean {
  return Object.values(filters).every((value) => value === undefined);
}

/** A parameterised predicate over the `rooms` alias `r`, for `workingTimeCtes`' `roomScope`; never true of a sensitive room. */
export function roomScope(filters: RoomFilters = {}): SQL {
  // Sensitive rooms are never in scope, whatever the filters (sensitive-rooms.ts states the rule).
  const parts: SQL[] = [analysedRoom()];
  if (filters.building !== undefined) parts.push(sql`r.building = ${filters.building}::text`);
  if (filters.floor !== undefined) parts.push(sql`r.floor = ${filters.floor}::text`);
  if (filters.amenity !== undefined) parts.push(sql`${filters.amenity}::text = ANY(r.amenities)`);
  if (filters.band !== undefined) parts.push(sql`${bandSql(sql`r.capacity`)} = ${filters.band}::text`);
  return sql`(${sql.join(parts, sql` AND `)})`;
}

/** How a room is named in every metric row: directory facts, never anything about people. */
export type RoomLabel = { id: number; name: string; building: string; floor: string; capacity: number | null };

/** The `RoomLabel` columns of the `rooms` alias `r`, named as the type names them. */
export const roomLabelColumns = sql`r.id, r.name, r.building, r.floor, r.capacity`;

export function toRoomLabel(row: RoomLabel): RoomLabel {
  return { id: row.id, name: row.name, building: row.building, floor: row.floor, capacity: row.capacity };
}

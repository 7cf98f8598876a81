import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { rooms } from "@/db/schema";
import { bandOf, capacityBandIds, isCapacityBand, type CapacityBand } from "./bands";
import type { SearchParams } from "./filters";
import type { RoomFilters } from "./room-filter";
import type { DateRange } from "./types";

/** The URL names of the room filters; with `from` and `to` they are every planner view's state. */
export const roomFilterKeys = ["building", "floor", "band", "amenity"] as const;

/**
 * One directory value from the URL: the first if repeated, trimmed; "" (the form's "all" option),
 * anything over 200 characters or anything not a string means no filter. A hand-edited URL falls back
 * to "all rooms" rather than an error page.
 */
const directoryValue = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .catch(undefined),
);

const roomFilterParams = z.object({
  building: directoryValue,
  floor: directoryValue,
  amenity: directoryValue,
  band: directoryValue.transform((value): CapacityBand | undefined => (value !== undefined && isCapacityBand(value) ? value : undefined)),
});

/** `?building=…&floor=…&band=…&amenity=…` → RoomFilters; keys left out or unusable are not filters. */
export function parseRoomFilters(searchParams: SearchParams): RoomFilters {
  const parsed = roomFilterParams.parse(searchParams);
  const filters: RoomFilters = {};
  if (parsed.building !== undefined) filters.building = parsed.building;
  if (parsed.floor !== undefined) filters.floor = parsed.floor;
  if (parsed.band !== undefined) filters.band = parsed.band;
  if (parsed.amenity !== undefined) filters.amenity = parsed.amenity;
  return filters;
}

export function hasRoomFilters(filters: RoomFilters): boolean {
  return roomFilterKeys.some((key) => filters[key] !== undefined);
}

/**
 * The query string that reproduces a view (range first, then the room filters in a fixed order), so
 * every link between views and every download carries exactly what the page shows.
 */
export function viewQuery(range: DateRange, filters: RoomFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const key of roomFilterKeys) {
    const value = filters[key];
    if (value !== undefined) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** What the filter form offers, read from the room directory (facts about rooms, never people). */
export type RoomFilterOptions = {
  buildings: string[];
  /** Floors of the chosen building, or of every building when none is chosen. */
  floors: string[];
  /** Bands that at least one active room falls in, in band order. */
  bands: CapacityBand[];
  amenities: string[];
};

export async function listRoomFilterOptions(db: Db, filters: RoomFilters = {}): Promise<RoomFilterOptions> {
  const directory = await db
    .select({ building: rooms.building, floor: rooms.floor, capacity: rooms.capacity, amenities: rooms.amenities })
    .from(rooms)
    .where(eq(rooms.active, true))
    .orderBy(asc(rooms.building), asc(rooms.floor));
  const sorted = (values: Iterable<string>) =>
    [...new Set(values)].filter((value) => value !== "").sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const inBuilding = directory.filter((room) => filters.building === undefined || room.building === filters.building);
  const bands = new Set(directory.map((room) => bandOf(room.capacity)));
  return {
    buildings: sorted(directory.map((room) => room.building)),
    floors: sorted(inBuilding.map((room) => room.floor)),
    bands: capacityBandIds.filter((band) => bands.has(band)),
    amenities: sorted(directory.flatMap((room) => room.amenities)),
  };
}

import { z } from "zod";
import { isCapacityBand } from "@/lib/analytics/bands";
import { parseDateRange } from "@/lib/analytics/filters";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import type { DateRange } from "@/lib/analytics/types";
import { ApiInputError } from "@/lib/auth/api-route";

const isoDay = z.iso.date();

/**
 * `from` / `to` as the dashboard reads them (defaults, swapped ends and the 2-year cap included),
 * except that a date the API cannot read is an error: a script should hear about its typo rather
 * than silently get the last 90 days.
 */
export function parseApiRange(params: URLSearchParams, today: Date): DateRange {
  const asked: Record<string, string> = {};
  for (const name of ["from", "to"] as const) {
    const value = params.get(name);
    if (value === null || value === "") continue;
    if (!isoDay.safeParse(value).success) throw new ApiInputError(`${name} must be a date as YYYY-MM-DD`);
    asked[name] = value;
  }
  return parseDateRange(asked, today);
}

/** `building`, `floor`, `band` (1-2, 3-4, 5-8, 9-12, 13+) and `amenity`, each optional. */
export function parseApiRoomFilters(params: URLSearchParams): RoomFilters {
  const filters: RoomFilters = {};
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    if (value !== undefined && value.length > 200) throw new ApiInputError(`${name} is too long`);
    return value || undefined;
  };
  const building = text("building");
  const floor = text("floor");
  const amenity = text("amenity");
  const band = text("band");
  if (building !== undefined) filters.building = building;
  if (floor !== undefined) filters.floor = floor;
  if (amenity !== undefined) filters.amenity = amenity;
  if (band !== undefined) {
    // "13+" arrives as "13 " when a client forgets to encode the plus sign.
    const normalised = band === "13" ? "13+" : band;
    if (!isCapacityBand(normalised)) throw new ApiInputError("band must be one of 1-2, 3-4, 5-8, 9-12, 13+");
    filters.band = normalised;
  }
  return filters;
}

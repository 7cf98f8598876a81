import { connection } from "next/server";
import { isRangeAdjusted, listDatePresets, parseDateRange, type SearchParams } from "@/lib/analytics/filters";
import { parseRoomFilters } from "@/lib/analytics/room-filter-params";
import { cachedRoomFilterOptions, type Freshness } from "@/lib/analytics/views/cache";
import { requirePermission } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { getPlannerFormat } from "./format";
import type { PageContext } from "./planner-page";

/**
 * What every planner page does first: render per request, check the permission (planners and admins:
 * members never see others' aggregates), then parse the URL once into a range and room filters.
 */
export async function readPlannerRequest(searchParams: Promise<SearchParams>) {
  // Reads the database on every request; without this, `next build` would try to prerender the page.
  await connection();
  await requirePermission("dashboard.read");
  const params = await searchParams;
  const today = new Date();
  const range = parseDateRange(params, today);
  const filters = parseRoomFilters(params);
  const [{ db }, { locale, t }] = await Promise.all([getDatabase(), getI18n()]);
  const options = await cachedRoomFilterOptions(db, filters);
  // What the page's view says of itself: k, and how current its figures are.
  const context = ({ minGroupSize, freshness }: { minGroupSize: number; freshness: Freshness }): PageContext => ({
    range,
    filters,
    adjusted: isRangeAdjusted(params, range),
    options,
    presets: listDatePresets(today),
    minGroupSize,
    freshness,
  });
  return { db, locale, t, format: getPlannerFormat(locale), range, filters, context };
}

import { isRangeAdjusted, parseDateRange, type SearchParams } from "@/lib/analytics/filters";
import { parseRoomFilters } from "@/lib/analytics/room-filter-params";
import { cachedView } from "@/lib/analytics/views/cache";
import type { ViewId } from "@/lib/analytics/views/data";
import { buildExport, exportIndex, parseExportParams } from "@/lib/analytics/views/export";
import { recordAudit } from "@/lib/audit";
import { checkRoute, getViewer } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";

function searchParamsOf(url: URL): SearchParams {
  const params: SearchParams = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    params[key] = values.length === 1 ? values[0] : values;
  }
  return params;
}

/**
 * GET /api/export/<view>?format=csv|json&table=<id>&from=…&to=…&building=…&floor=…&band=…&amenity=…
 * — the same filters as the page, through the same data function, so a download holds what the page
 * shows. Without `format` and `table` it answers the list of the view's downloads. Planners and admins only; every download is audit-logged (who, which view, format and range:
 * nothing about the people in the data).
 */
export function exportRoute(view: ViewId) {
  return async function GET(request: Request): Promise<Response> {
    const refused = await checkRoute("dashboard.read");
    if (refused) return refused;
    const params = searchParamsOf(new URL(request.url));
    const wanted = parseExportParams(params);
    if (!wanted) return Response.json({ error: "format must be csv or json" }, { status: 400 });
    if (wanted === "index") return Response.json(exportIndex(view), { headers: { "cache-control": "no-store" } });
    const range = parseDateRange(params, new Date());
    const filters = parseRoomFilters(params);
    const [{ db }, { user }] = await Promise.all([getDatabase(), getViewer()]);
    // Current figures only: a saved file would not say that they predate the latest import.
    const file = buildExport(await cachedView(db, view, range, filters, { whileImporting: false }), wanted);
    if (!file) return Response.json({ error: `no table "${wanted.table}" in the ${view} view` }, { status: 404 });

    await recordAudit(db, user ? `user:${user.id}` : "unknown", "export", {
      view,
      table: file.table,
      format: wanted.format,
      from: range.from,
      to: range.to,
      rangeAdjusted: isRangeAdjusted(params, range),
      building: filters.building ?? null,
      floor: filters.floor ?? null,
      band: filters.band ?? null,
      amenity: filters.amenity ?? null,
    });
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };
}

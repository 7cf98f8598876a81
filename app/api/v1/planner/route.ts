import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { parseApiRange, parseApiRoomFilters } from "@/lib/api/params";
import { cachedRead } from "@/lib/analytics/views/cache";
import { answerApiRead } from "@/lib/auth/api-route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/planner?from&to&building&floor&band&amenity — every planner metric family and the
 * recommendations, suppressed as in the planner views. Bearer token only.
 */
export async function GET(request: Request): Promise<Response> {
  return answerApiRead(request, "api.read", (db, params) => {
    const range = parseApiRange(params, new Date());
    const filters = parseApiRoomFilters(params);
    return cachedRead(db, ["api.planner", range, filters], () => getPlannerMetrics(db, range, filters));
  });
}

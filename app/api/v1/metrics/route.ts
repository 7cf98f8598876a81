import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { parseApiRange } from "@/lib/api/params";
import { cachedRead } from "@/lib/analytics/views/cache";
import { answerApiRead } from "@/lib/auth/api-route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD — the dashboard's figures, suppressed exactly as on
 * screen. Bearer token only (lib/auth/routes.ts lists it under tokenRoutePermissions).
 */
export async function GET(request: Request): Promise<Response> {
  return answerApiRead(request, "api.read", (db, params) => {
    const range = parseApiRange(params, new Date());
    return cachedRead(db, ["api.metrics", range], () => getDashboardMetrics(db, range));
  });
}

import { checkRoute } from "@/lib/auth/viewer";
import { listRunningSyncs } from "@/lib/integrations/progress";

export const dynamic = "force-dynamic";

/** The syncs running in this server now, polled by the integration pages for live progress. */
export async function GET(): Promise<Response> {
  const refused = await checkRoute("admin.read");
  if (refused) return refused;
  const running = listRunningSyncs().map((sync) => ({
    integrationId: sync.integrationId,
    phase: sync.phase,
    recordsRead: sync.recordsRead,
    startedAt: sync.startedAt.toISOString(),
  }));
  return Response.json({ running }, { headers: { "cache-control": "no-store" } });
}

import { recordAudit } from "@/lib/audit";
import { isDemoSignInEnabled } from "@/lib/auth/demo";
import { checkRoute, getViewer } from "@/lib/auth/viewer";
import { loadDemo } from "@/lib/demo/load";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };
const notFound = () => Response.json({ error: "not found" }, { status: 404, headers: NO_STORE });

/**
 * Demo mode only, admins only: re-imports the demo organisation's calendar files (the same ICS feeds
 * and booking-tool export) through the normal ingest pipeline, as a scheduled sync of those calendars
 * would. It exists so the browser can prove that re-importing a calendar does not bring an excluded
 * person's bookings back while the server holds the embedded database (the CLI cannot open it then).
 * Outside demo mode the address does not exist. GET describes it; POST runs it.
 */
export async function GET(): Promise<Response> {
  if (!isDemoSignInEnabled()) return notFound();
  const refused = await checkRoute("admin.settings.write");
  if (refused) return refused;
  return Response.json({ post: "re-imports the demo organisation's calendar files through the ingest pipeline" }, { headers: NO_STORE });
}

export async function POST(): Promise<Response> {
  if (!isDemoSignInEnabled()) return notFound();
  const refused = await checkRoute("admin.settings.write");
  if (refused) return refused;
  const [database, { user }] = await Promise.all([getDatabase(), getViewer()]);
  // The loader's lines name files and counts only (new, updated, excluded, …), never a person.
  const lines: string[] = [];
  await loadDemo({ database, keys: getServerKeys() }, { force: true, log: (line) => lines.push(line) });
  await recordAudit(database.db, user ? `user:${user.id}` : "unknown", "demo.reimported", { sources: lines.length - 1 });
  return Response.json({ lines }, { headers: NO_STORE });
}

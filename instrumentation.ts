import type { SyncSchedule } from "@/lib/integrations/schedule";
import type { ViewWarmSchedule } from "@/lib/analytics/views/warm-schedule";
import type { PurgeSchedule } from "@/lib/privacy/purge-schedule";

/**
 * Next.js calls this when a server starts. The Node.js server runs the scheduled retention purge
 * (invariant 6), the integrations' sync schedule, and keeps the planner views of the default range
 * computed (warm-schedule.ts); the edge runtime has no database. Imports are
 * dynamic so the edge bundle never pulls in the database drivers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // register() may run more than once per process (once per server bundle): one schedule is enough.
  const slot = globalThis as typeof globalThis & {
    roomlensPurgeSchedule?: PurgeSchedule;
    roomlensSyncSchedule?: SyncSchedule;
    roomlensViewWarmSchedule?: ViewWarmSchedule;
  };
  if (slot.roomlensPurgeSchedule) return;
  const [{ getDatabase }, { startPurgeSchedule }, { startSyncSchedule }, { startViewWarmSchedule }, { getServerKeys }, { installShutdownHandlers }] =
    await Promise.all([
      import("@/lib/server/database"),
      import("@/lib/privacy/purge-schedule"),
      import("@/lib/integrations/schedule"),
      import("@/lib/analytics/views/warm-schedule"),
      import("@/lib/server/keys"),
      import("@/lib/server/shutdown"),
    ]);
  // scripts/serve.ts hands signal handling to us (NEXT_MANUAL_SIG_HANDLE): close PGlite before exit.
  installShutdownHandlers();
  slot.roomlensPurgeSchedule ??= startPurgeSchedule(getDatabase);
  // Integrations with a schedule (syncIntervalMinutes) are synced when due.
  slot.roomlensSyncSchedule ??= startSyncSchedule(getDatabase, getServerKeys);
  slot.roomlensViewWarmSchedule ??= startViewWarmSchedule(getDatabase);
}

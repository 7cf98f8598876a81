import type { PurgeSchedule } from "@/lib/privacy/purge-schedule";

/**
 * Next.js calls this when a server starts. The Node.js server runs the scheduled retention purge
 * (invariant 6); the edge runtime has no database. Imports are dynamic so the edge bundle never
 * pulls in the database drivers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // register() may run more than once per process (once per server bundle): one schedule is enough.
  const slot = globalThis as typeof globalThis & { roomlensPurgeSchedule?: PurgeSchedule };
  if (slot.roomlensPurgeSchedule) return;
  const [{ getDatabase }, { startPurgeSchedule }] = await Promise.all([
    import("@/lib/server/database"),
    import("@/lib/privacy/purge-schedule"),
  ]);
  slot.roomlensPurgeSchedule ??= startPurgeSchedule(getDatabase);
}

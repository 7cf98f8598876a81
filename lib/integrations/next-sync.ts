import type { Integration } from "@/db/schema";

/**
 * When an integration's schedule next wants a sync: the interval after the last attempt (failed or
 * not, so a broken feed is retried at its pace, not every minute); at once if it never ran; null
 * when paused or unscheduled.
 */
export function nextSyncAt(integration: Pick<Integration, "syncIntervalMinutes" | "lastSyncAt" | "enabled">): Date | null {
  if (!integration.enabled || integration.syncIntervalMinutes === null) return null;
  if (integration.lastSyncAt === null) return new Date(0);
  return new Date(integration.lastSyncAt.getTime() + integration.syncIntervalMinutes * 60_000);
}

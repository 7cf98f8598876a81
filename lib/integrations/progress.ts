/**
 * Syncs running in this server process, for "live progress" in the console: a page polls
 * `listRunningSyncs()` while a sync started by "Sync now" or the schedule works. Held on globalThis
 * because Next.js may load this module once per server bundle.
 */

export type SyncPhase = "connecting" | "reading" | "finished" | "failed";

export type SyncProgress = {
  integrationId: number;
  phase: SyncPhase;
  startedAt: Date;
  /** Records read from the source so far (bookings, cancellations, rejected lines). */
  recordsRead: number;
};

type Running<T> = { progress: SyncProgress; done: Promise<T> };

const slot = globalThis as typeof globalThis & { roomlensRunningSyncs?: Map<number, Running<unknown>> };
const running = (): Map<number, Running<unknown>> => (slot.roomlensRunningSyncs ??= new Map());

export function listRunningSyncs(): SyncProgress[] {
  return [...running().values()].map((entry) => ({ ...entry.progress }));
}

export function getSyncProgress(integrationId: number): SyncProgress | null {
  const entry = running().get(integrationId);
  return entry ? { ...entry.progress } : null;
}

/**
 * Runs `work` as the sync of `integrationId`, unless one is already running here: then the caller
 * joins it (two syncs of one integration at once would only fetch the same changes twice).
 */
export function runExclusive<T>(
  integrationId: number,
  work: (update: (change: Partial<SyncProgress>) => SyncProgress) => Promise<T>,
): Promise<T> {
  const existing = running().get(integrationId);
  if (existing) return existing.done as Promise<T>;
  const progress: SyncProgress = { integrationId, phase: "connecting", startedAt: new Date(), recordsRead: 0 };
  const update = (change: Partial<SyncProgress>) => Object.assign(progress, change);
  const done = work(update).finally(() => running().delete(integrationId));
  running().set(integrationId, { progress, done });
  return done;
}

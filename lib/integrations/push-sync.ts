import type { Database } from "@/db/client";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { getSyncProgress } from "./progress";
import { syncIntegration, type SyncOptions } from "./run-sync";

/**
 * Turns push notifications into incremental syncs. Calendars send notifications in bursts (one per
 * changed event, one per room, retries), so a request only schedules a sync `delayMs` later, and
 * every request until it starts joins it. A request while that sync runs schedules one more after
 * it, since the change it announces may have come after the running sync read its page: many
 * requests during a sync still give exactly one follow-up.
 */

export type PushRequestResult = "scheduled" | "coalesced" | "queued-after-running";

export type PushSyncQueue = {
  request(integrationId: number): PushRequestResult;
  /** True while a sync of this integration is scheduled or running here. */
  pending(integrationId: number): boolean;
  /** Resolves once nothing is scheduled or running for this integration (for tests and shutdown). */
  idle(integrationId: number): Promise<void>;
};

type State = { timer: NodeJS.Timeout | null; running: boolean; again: boolean; settled: Promise<void>; settle: () => void };

/** Long enough to gather a burst, short next to Google's and Graph's own delivery delays. */
export const PUSH_COALESCE_MS = 2_000;

export function createPushSyncQueue(run: (integrationId: number) => Promise<unknown>, options: { delayMs?: number; log?: (line: string) => void } = {}): PushSyncQueue {
  const { delayMs = PUSH_COALESCE_MS, log = console.error } = options;
  const states = new Map<number, State>();

  function schedule(integrationId: number, state: State): void {
    state.timer = setTimeout(() => void start(integrationId, state), delayMs);
    state.timer.unref();
  }

  async function start(integrationId: number, state: State): Promise<void> {
    state.timer = null;
    state.running = true;
    try {
      await run(integrationId);
    } catch (error) {
      // syncIntegration records failures itself; this is a removed integration or a bug. No secrets in it.
      log(`push-triggered sync of integration ${integrationId} failed: ${error instanceof Error ? error.name : "unknown error"}`);
    }
    state.running = false;
    if (state.again) {
      state.again = false;
      schedule(integrationId, state);
    } else {
      states.delete(integrationId);
      state.settle();
    }
  }

  return {
    request(integrationId) {
      const current = states.get(integrationId);
      if (current?.timer) return "coalesced";
      if (current?.running) {
        current.again = true;
        return "queued-after-running";
      }
      let settle = () => {};
      const settled = new Promise<void>((resolve) => (settle = resolve));
      const state: State = { timer: null, running: false, again: false, settled, settle };
      states.set(integrationId, state);
      schedule(integrationId, state);
      return "scheduled";
    },
    pending: (integrationId) => states.has(integrationId),
    idle: (integrationId) => states.get(integrationId)?.settled ?? Promise.resolve(),
  };
}

/**
 * The incremental sync a notification asks for. A sync already running (the schedule's, "Sync now")
 * may have read past the announced change, and syncIntegration would only join it: so wait for it,
 * then sync once more from the cursor it saved.
 */
export async function syncAfterPush(database: Database, keys: PseudonymKeys, integrationId: number, options: SyncOptions = {}): Promise<void> {
  if (getSyncProgress(integrationId) !== null) await syncIntegration(database, keys, integrationId, undefined, options);
  await syncIntegration(database, keys, integrationId, undefined, options);
}

import type { Database } from "@/db/client";
import { repeatAfterEach } from "@/lib/server/repeat";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { syncAll, type SyncOutcome } from "./run-sync";

const MINUTE_MS = 60_000;
/** Long enough for the server to finish starting (and migrating) before the first round. */
const FIRST_RUN_DELAY_MS = 30_000;

export type SyncScheduleOptions = {
  tickMs?: number;
  firstDelayMs?: number;
  log?: { info(line: string): void; error(line: string): void };
  /** Called after every round: lets tests wait for one without sleeping. */
  onRound?: (outcomes: SyncOutcome[] | Error) => void;
};

export type SyncSchedule = { stop(): void };

/**
 * Every `tickMs`, syncs the integrations whose interval has passed since their last attempt
 * (`syncIntervalMinutes`). A round starts only when the last has finished, so rounds never overlap;
 * each integration's failure is recorded on it, and the schedule carries on. Timers are unref'd.
 */
export function startSyncSchedule(
  getDatabase: () => Promise<Database>,
  getKeys: () => PseudonymKeys,
  options: SyncScheduleOptions = {},
): SyncSchedule {
  const { tickMs = MINUTE_MS, firstDelayMs = FIRST_RUN_DELAY_MS, log = console } = options;
  async function round(): Promise<void> {
    let outcome: SyncOutcome[] | Error;
    try {
      outcome = await syncAll(await getDatabase(), getKeys(), { dueOnly: true, log: log.error });
      for (const result of outcome) {
        // Names and counts only: a failure's message is already stored on the integration's run.
        log.info(`scheduled sync of integration ${result.integrationId} (${result.kind}): ${result.ok ? `${result.report.fetched} records read` : "failed"}`);
      }
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
      log.error(`scheduled sync round failed: ${outcome.name}`);
    }
    options.onRound?.(outcome);
  }

  return repeatAfterEach(round, firstDelayMs, tickMs);
}

import type { Database } from "@/db/client";
import { repeatAfterEach } from "@/lib/server/repeat";
import { purgeExpiredBookings, type PurgeResult } from "./retention";

const DAY_MS = 86_400_000;
/** Long enough for the server to finish starting (and migrating) before the first purge. */
const FIRST_RUN_DELAY_MS = 60_000;

export type PurgeScheduleOptions = {
  firstDelayMs?: number;
  now?: () => Date;
  log?: { info(line: string): void; error(line: string): void };
  /** Called after every run, failed or not: lets tests wait for a run without sleeping. */
  onRun?: (outcome: PurgeResult | Error) => void;
};

export type PurgeSchedule = { stop(): void };

/**
 * Runs the retention purge (invariant 6) shortly after start and then every `intervalMs`. The next
 * run is scheduled only when the last one has finished, so runs never overlap; a failure is logged
 * and the schedule carries on. Timers are unref'd: the schedule never keeps a process alive.
 */
export function startPurgeSchedule(
  getDatabase: () => Promise<Database>,
  intervalMs = DAY_MS,
  options: PurgeScheduleOptions = {},
): PurgeSchedule {
  const { firstDelayMs = FIRST_RUN_DELAY_MS, now = () => new Date(), log = console } = options;
  async function run(): Promise<void> {
    let outcome: PurgeResult | Error;
    try {
      const database = await getDatabase();
      outcome = await purgeExpiredBookings(database.db, now(), "system");
      log.info(`retention purge: ${outcome.deletedBookings} bookings that ended before ${outcome.cutoff.toISOString()} deleted`);
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
      log.error(`retention purge failed (next attempt in ${Math.round(intervalMs / 60_000)} min): ${describeFailure(outcome)}`);
    }
    options.onRun?.(outcome);
  }

  return repeatAfterEach(run, firstDelayMs, intervalMs);
}

/**
 * The innermost cause's name and message only. drizzle wraps a driver error in one whose message
 * lists the query's parameters, and a driver error's detail can quote row values: neither is logged.
 */
function describeFailure(error: Error): string {
  let inner = error;
  while (inner.cause instanceof Error) inner = inner.cause;
  return `${inner.name}: ${inner.message}`;
}

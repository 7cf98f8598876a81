import type { Database } from "@/db/client";
import { repeatAfterEach } from "@/lib/server/repeat";
import { parseDateRange } from "../filters";
import { repairPeriods } from "../rollup-refresh";
import { warmViews } from "./cache";

const MINUTE_MS = 60_000;
/** After the sync schedule's first round (30 s) has had time to start, so views see its bookings. */
const FIRST_RUN_DELAY_MS = 45_000;

export type ViewWarmScheduleOptions = {
  tickMs?: number;
  firstDelayMs?: number;
  now?: () => Date;
  log?: { error(line: string): void };
  /** Called after every round, failed or not: lets tests wait for one without sleeping. */
  onRound?: (outcome: "warm" | Error) => void;
};

export type ViewWarmSchedule = { stop(): void };

/**
 * Keeps the planner views of the pages' default range (parseDateRange with no dates: the last 90 days)
 * computed in the view cache, so that planners do not wait for them: on a large workplace a view takes
 * tens of seconds, and without this the first planner after a server start, after midnight (the
 * range moves) or after an import would wait for it. Every `tickMs` it asks the cache for each view,
 * one at a time: a current view costs one version read, an out-of-date one is computed while planners
 * are still served the previous figures (cache.ts). Each round first rebuilds the usage, seat-fill,
 * choice and pressure periods a directory or working-time change left out of date, and the pressure
 * days a large write left dirty (rollup-refresh.ts `repairPeriods`; at 10 M bookings, all 5,000 rooms
 * take a few minutes, imports waiting for their rooms meanwhile).
 * A round starts only when the last has finished; timers are unref'd, so the schedule never keeps a
 * process alive.
 */
export function startViewWarmSchedule(getDatabase: () => Promise<Database>, options: ViewWarmScheduleOptions = {}): ViewWarmSchedule {
  const { tickMs = MINUTE_MS, firstDelayMs = FIRST_RUN_DELAY_MS, now = () => new Date(), log = console } = options;
  async function round(): Promise<void> {
    let outcome: "warm" | Error;
    try {
      const { db } = await getDatabase();
      // Periods a directory or working-time change left out of date, and dirty pressure days, first:
      // the views then read them.
      await repairPeriods(db);
      await warmViews(db, parseDateRange({}, now()));
      outcome = "warm";
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
      // The name only: a driver error's message can quote the statement's parameters.
      log.error(`computing the planner views in advance failed (next attempt in ${Math.round(tickMs / 1000)} s): ${outcome.name}`);
    }
    options.onRound?.(outcome);
  }

  return repeatAfterEach(round, firstDelayMs, tickMs);
}

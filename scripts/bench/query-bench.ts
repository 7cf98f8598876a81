import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import type { BenchContext } from "./context";
import { BENCH_KEY, planSyntheticData } from "./generate";
import { loadGeneratedBookings } from "./load-database";
import { formatCount, formatSeconds, progress, type Bound } from "./report";
import { describeError, isStatementTimeout, measure, type Measured } from "./timing";
import { BENCH_VIEWS, benchPeriods } from "./views";

/** Each view's time on the server at both sizes, and `count(*)` at the large one. */
export type ServerTimes = { base: Measured[]; large: Measured[]; count: Measured };

const MEASURE = { repeatBelowSeconds: 5, repeats: 3 };
/** A view that was not run at this size (runs: 0). */
const NOT_RUN: Measured = { seconds: Number.NaN, capped: false, runs: 0, note: "not run: stopped at the cap at the smaller size" };

/**
 * Loads generated bookings straight into two scratch databases (1 M and 10 M rows, the same rooms),
 * then times every dashboard view in each; every statement is stopped at the cap (statement_timeout).
 */
export async function benchServerViews(context: BenchContext, options: { whileLoadingLarge?: () => Promise<unknown> } = {}): Promise<ServerTimes> {
  const base = await timeViewsAt(context, context.baseRows, []);
  let count: Measured = { seconds: Number.NaN, capped: false, runs: 0 };
  // A view stopped at the cap at 1 M is not run again at 10 M: it would only be stopped again.
  const skip = base.map((time) => time.capped);
  const large = await timeViewsAt(context, context.largeRows, skip, options.whileLoadingLarge, async (db) => {
    count = await measure(() => db.execute(sql`SELECT count(*) FROM bookings`), MEASURE);
    context.report.note(`baseline: count(*) over bookings at ${formatCount(context.largeRows)}: ${formatSeconds(count.seconds)}`);
  });
  printServerFigures(context, { base, large, count });
  return { base, large, count };
}

/**
 * `whileLoading` runs beside the load (a step whose figure is not a time: see bench.ts), and is awaited
 * before any view is timed.
 */
async function timeViewsAt(
  context: BenchContext,
  rows: number,
  skip: readonly boolean[],
  whileLoading?: () => Promise<unknown>,
  before?: (db: Db) => Promise<void>,
): Promise<Measured[]> {
  const url = await context.scratch.create(`views_${formatCount(rows).toLowerCase()}`);
  try {
    await Promise.all([loadInto(url, context, rows), whileLoading?.()]);
    const name = new URL(url).pathname.slice(1);
    const database = await openDatabase({ url: context.scratch.urlOf(name, { statement_timeout: String(context.capSeconds * 1000) }) });
    try {
      await before?.(database.db);
      const periods = benchPeriods();
      const times: Measured[] = [];
      for (const [index, view] of BENCH_VIEWS.entries()) {
        if (skip[index]) {
          times.push(NOT_RUN);
          continue;
        }
        progress(`server, ${formatCount(rows)}: ${view.name}`);
        // A view that fails (a bug in a metric's SQL) is reported and the others still run.
        const time = await measure(() => view.run(database.db, periods), {
          ...MEASURE,
          isTimeout: isStatementTimeout,
          capSeconds: context.capSeconds,
        }).catch((error: unknown): Measured => ({ seconds: Number.NaN, capped: false, runs: 0, note: `failed: ${describeError(error)}` }));
        // The dashboard runs its queries side by side: stop the ones still running after the first was cancelled.
        if (time.capped) await context.scratch.cancelQueries(url);
        progress(`  ${describeTime(time)}`);
        times.push(time);
      }
      return times;
    } finally {
      await database.close();
    }
  } finally {
    await context.scratch.drop(url);
  }
}

async function loadInto(url: string, context: BenchContext, rows: number): Promise<void> {
  progress(`loading ${formatCount(rows)} generated bookings into the server (COPY into bookings)`);
  const data = planSyntheticData({ rows, rooms: context.rooms, seed: context.seed });
  const database = await openDatabase({ url });
  try {
    const load = await loadGeneratedBookings(database, {
      rooms: data.rooms,
      bookings: data.bookings(),
      key: BENCH_KEY,
      onProgress: (n) => progress(`  … ${n.toLocaleString("en-US")} rows`),
    });
    context.report.note(
      `loaded ${formatCount(rows)} bookings (${context.rooms.toLocaleString("en-US")} rooms, two years): COPY ${formatSeconds(load.copySeconds)}, ` +
        `derived (placement, rollups) ${formatSeconds(load.derivedSeconds)}, indexes ${formatSeconds(load.indexSeconds)}, ` +
        `vacuum ${formatSeconds(load.vacuumSeconds)}`,
    );
  } finally {
    await database.close();
  }
}

/** Ratio of two measured times, with its bound when either side was stopped at the cap. */
export function ratio(numerator: Measured, denominator: Measured): { value: number; bound: Bound } {
  const value = numerator.seconds / denominator.seconds;
  if (numerator.runs === 0 || denominator.runs === 0) return { value, bound: "unknown" };
  if (numerator.capped && denominator.capped) return { value, bound: "unknown" };
  if (numerator.capped) return { value, bound: "above" };
  if (denominator.capped) return { value, bound: "below" };
  return { value, bound: "exact" };
}

export function describeTime(time: Measured): string {
  if (time.runs === 0) return time.note ?? "not run";
  return time.capped ? `> ${formatSeconds(time.seconds)} (stopped)` : formatSeconds(time.seconds);
}

function printServerFigures(context: BenchContext, times: ServerTimes): void {
  const small = formatCount(context.baseRows);
  const big = formatCount(context.largeRows);
  BENCH_VIEWS.forEach((view, i) => {
    const atBase = times.base[i] as Measured;
    const atLarge = times.large[i] as Measured;
    const vsCount = ratio(atLarge, times.count);
    context.report.figure(
      `${view.name} at ${big} / count(*) at ${big}`,
      vsCount.value,
      { op: "≤", target: 0.25 },
      `view ${describeTime(atLarge)}; count(*) ${describeTime(times.count)}`,
      vsCount.bound,
    );
    const growth = ratio(atLarge, atBase);
    context.report.figure(
      `${view.name} growth ${big}/${small}`,
      growth.value,
      { op: "≤", target: 2 },
      `${small} ${describeTime(atBase)}; ${big} ${describeTime(atLarge)}`,
      growth.bound,
    );
  });
}

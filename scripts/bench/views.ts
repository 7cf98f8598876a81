import type { Db } from "@/db/client";
import type { DateRange } from "@/lib/analytics/types";
import { viewLoaders, type ViewId } from "@/lib/analytics/views/data";
import { DEFAULT_END } from "./generate";

/** The periods a planner looks at, inside the generated two years. */
export type BenchPeriods = {
  /** The last full calendar quarter before the data ends. */
  quarter: DateRange;
  /** A building of the synthetic estate (100 rooms), for the building filter. */
  building: string;
};

export type BenchView = { name: string; run: (db: Db, periods: BenchPeriods) => Promise<unknown> };

/**
 * Every planner page as the page computes it (lib/analytics/views/data.ts `viewLoaders`: a page added
 * there is benchmarked without a change here), each for the last quarter over all rooms and over one
 * building. A view outside `viewLoaders` is one more line in `BENCH_VIEWS`.
 */
const pages = Object.keys(viewLoaders) as ViewId[];

export const BENCH_VIEWS: readonly BenchView[] = pages.flatMap((id): BenchView[] => [
  { name: `${id} page, last quarter`, run: (db, p) => viewLoaders[id](db, p.quarter, {}) },
  { name: `${id} page, one building, last quarter`, run: (db, p) => viewLoaders[id](db, p.quarter, { building: p.building }) },
]);

export function benchPeriods(end: Date = DEFAULT_END): BenchPeriods {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const quarterEnd = Date.UTC(end.getUTCFullYear(), Math.floor(end.getUTCMonth() / 3) * 3, 1) - 86_400_000;
  const quarterStart = Date.UTC(new Date(quarterEnd).getUTCFullYear(), Math.floor(new Date(quarterEnd).getUTCMonth() / 3) * 3, 1);
  return {
    quarter: { from: day(quarterStart), to: day(quarterEnd) },
    building: "LON1",
  };
}

/** A measured duration; `capped` when the run was stopped at the time cap (the true time is longer). */
export type Measured = { seconds: number; capped: boolean; runs: number };

export type MeasureOptions = {
  /** A first run at least this long is the answer; shorter ones are treated as warm-up and repeated. */
  repeatBelowSeconds: number;
  repeats: number;
  /** Recognises the error a run throws when the time cap stopped it. */
  isTimeout?: (error: unknown) => boolean;
  capSeconds?: number;
};

/**
 * Times `run`: a first run, then — when that was short enough for the cache and JIT state to matter —
 * `repeats` more, of which the median counts. Long runs are not repeated: at tens of seconds the
 * run-to-run spread is a few per cent, and the whole suite must fit in 30 minutes.
 */
export async function measure(run: () => Promise<unknown>, options: MeasureOptions): Promise<Measured> {
  const once = async (): Promise<number | "capped"> => {
    const started = performance.now();
    try {
      await run();
    } catch (error) {
      if (options.isTimeout?.(error)) return "capped";
      throw error;
    }
    return (performance.now() - started) / 1000;
  };
  const first = await once();
  if (first === "capped") return { seconds: options.capSeconds ?? Number.NaN, capped: true, runs: 1 };
  if (first >= options.repeatBelowSeconds) return { seconds: first, capped: false, runs: 1 };
  const times: number[] = [];
  for (let i = 0; i < options.repeats; i += 1) {
    const t = await once();
    if (t === "capped") return { seconds: options.capSeconds ?? Number.NaN, capped: true, runs: i + 2 };
    times.push(t);
  }
  return { seconds: median(times), capped: false, runs: times.length + 1 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** PostgreSQL's query_canceled (statement_timeout). */
export function isStatementTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "57014";
}

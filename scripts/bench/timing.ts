/** A measured duration; `capped` when the run was stopped at the time cap (the true time is longer). */
export type Measured = { seconds: number; capped: boolean; runs: number; /** Why it was not run (runs 0). */ note?: string };

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

/** PostgreSQL's query_canceled (statement_timeout), also when drizzle wraps it (as `cause`). */
export function isStatementTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 5; depth += 1) {
    if ("code" in e && e.code === "57014") return true;
    e = "cause" in e ? e.cause : undefined;
  }
  return false;
}

/** An error in one line: its message (without the SQL drizzle quotes) and its causes' messages. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth += 1) {
    const message = e instanceof Error ? e.message : String(e);
    parts.push(message.startsWith("Failed query:") ? "query failed" : message.split("\n")[0] ?? "");
    e = typeof e === "object" && e !== null && "cause" in e ? e.cause : undefined;
  }
  return parts.join(": ");
}

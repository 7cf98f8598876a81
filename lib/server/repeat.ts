/** A repeating background task; `stop()` cancels the next run (one in progress finishes). */
export type Repeating = { stop(): void };

/**
 * Runs `round` after `firstDelayMs`, then `intervalMs` after each run has finished, so runs never
 * overlap; `round` handles its own failures. Timers are unref'd: a schedule never keeps a process
 * alive. The purge, sync and view warm-up schedules are built on it.
 */
export function repeatAfterEach(round: () => Promise<void>, firstDelayMs: number, intervalMs: number): Repeating {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void round().then(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(firstDelayMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

import { spawn } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import type { BenchContext } from "./context";
import { describeTime, ratio, type ServerTimes } from "./query-bench";
import { formatCount, formatSeconds, progress } from "./report";
import { describeError, type Measured } from "./timing";
import { BENCH_VIEWS } from "./views";

const WORKER = path.resolve("scripts/bench/pglite-worker.ts");

type WorkerEvent = {
  event: string;
  seconds?: number;
  runs?: number;
  copySeconds?: number;
  derivedSeconds?: number;
  indexSeconds?: number;
  vacuumSeconds?: number;
};

/**
 * The embedded database at the "1 M" size against the server's times from the same run: the same
 * generated rows, the same view functions. Each view runs in a fresh process on a copy of the loaded
 * data folder, so a view stopped at the cap (by SIGTERM) leaves the next one a clean database.
 */
export async function benchPglite(context: BenchContext, server: ServerTimes): Promise<void> {
  const n = formatCount(context.baseRows);
  const loaded = path.join(context.workDir, "pglite");
  progress(`loading ${n} generated bookings into PGlite`);
  const load = await runWorker(["load", loaded, String(context.baseRows), String(context.rooms), String(context.seed)], null);
  const done = load.find((e) => e.event === "loaded");
  context.report.note(
    `loaded ${n} bookings into PGlite: COPY ${formatSeconds(done?.copySeconds ?? Number.NaN)}, derived (placement, rollups) ${formatSeconds(
      done?.derivedSeconds ?? Number.NaN,
    )}, indexes ${formatSeconds(
      done?.indexSeconds ?? Number.NaN,
    )}, vacuum ${formatSeconds(done?.vacuumSeconds ?? Number.NaN)}`,
  );
  try {
    for (const [index, view] of BENCH_VIEWS.entries()) {
      const serverTime = server.base[index] as Measured;
      if (serverTime.capped || serverTime.runs === 0) {
        const why = `not run on PGlite: the server's run was ${serverTime.capped ? "stopped at the cap" : (serverTime.note ?? "not run")}`;
        context.report.figure(`${view.name} PGlite/server at ${n}`, Number.NaN, { op: "≤", target: 3 }, why, "unknown");
        continue;
      }
      progress(`PGlite, ${n}: ${view.name}`);
      const copy = path.join(context.workDir, `pglite-view-${index}`);
      cpSync(loaded, copy, { recursive: true });
      let time: Measured;
      try {
        const events = await runWorker(["view", copy, String(index)], context.capSeconds).catch((error: unknown) => {
          progress(`  ${describeError(error)}`);
          return [];
        });
        // Stopped during the repeats of a short view: its first run still stands.
        const result = events.find((e) => e.event === "done") ?? events.find((e) => e.event === "first");
        const started = events.some((e) => e.event === "start");
        time = result
          ? { seconds: result.seconds ?? Number.NaN, capped: false, runs: result.runs ?? 1 }
          : started
            ? { seconds: context.capSeconds, capped: true, runs: 1 }
            : { seconds: Number.NaN, capped: false, runs: 0, note: "failed (see the progress log)" };
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
      progress(`  ${describeTime(time)}`);
      const slower = ratio(time, serverTime);
      context.report.figure(
        `${view.name} PGlite/server at ${n}`,
        slower.value,
        { op: "≤", target: 3 },
        `PGlite ${describeTime(time)}; server ${describeTime(serverTime)}`,
        slower.bound,
      );
    }
  } finally {
    rmSync(loaded, { recursive: true, force: true });
  }
}

/**
 * Runs the worker and collects its events. With a cap, the first view run gets `capSeconds` from its
 * "start" event; repeats of a short view get three caps more. Past that the worker gets SIGTERM (PGlite
 * computes on the main thread, so the default action ends it at once; the copy it used is discarded).
 */
function runWorker(args: string[], capSeconds: number | null): Promise<WorkerEvent[]> {
  // One process (tsx as a loader, not its CLI, which would put a second process in between).
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const events: WorkerEvent[] = [];
  let stderr = "";
  let buffered = "";
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = (seconds: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stopped = true;
      child.kill("SIGTERM");
    }, seconds * 1000);
  };
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    buffered += text;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as WorkerEvent;
      events.push(event);
      if (capSeconds !== null && event.event === "start") arm(capSeconds);
      if (capSeconds !== null && event.event === "first") arm(capSeconds * 3);
    }
  });
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr = (stderr + text).slice(-8000)));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (stopped || code === 0) resolve(events);
      else reject(new Error(`pglite worker ${args[0]} exited with ${code}:\n${stderr}`));
    });
  });
}

import { spawn } from "node:child_process";

export type ChildRun = { killed: boolean; code: number | null; stderr: string; readyAfterMs: number; ranMs: number };

/**
 * Runs the real CLI (`node --import tsx lib/cli-entry.ts …`, one process, so SIGKILL reaches the
 * process doing the work) and, once `ready` appears on its stderr, kills it with SIGKILL after
 * `killAfterMs` unless it has exited by then. `killAfterMs: null` lets it finish.
 */
export function runCliChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, killAfterMs: number | null): Promise<ChildRun> {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli-entry.ts", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let readyAt = 0;
  let killed = false;
  let timer: NodeJS.Timeout | undefined;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
    if (readyAt === 0 && ready.test(stderr)) {
      readyAt = Date.now();
      if (killAfterMs !== null) {
        timer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) killed = child.kill("SIGKILL");
        }, killAfterMs);
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const now = Date.now();
      resolve({ killed, code, stderr, readyAfterMs: readyAt ? readyAt - started : -1, ranMs: readyAt ? now - readyAt : 0 });
    });
  });
}

/** A small seeded generator (mulberry32): a failing run can be replayed with the seed it printed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

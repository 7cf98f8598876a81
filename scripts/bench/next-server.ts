import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { progress } from "./report";

/** Newest modification time of the sources a production build depends on (as scripts/serve.ts checks). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  ["app", "lib", "db"].forEach(walk);
  for (const file of ["package.json", "next.config.mjs"]) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/** Runs `next build` when there is no build or the sources changed since it, as `npm start` does. */
export function buildIfStale(): void {
  const buildId = ".next/BUILD_ID";
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource()) return;
  progress("building the app (next build)");
  // The build's own output goes to stderr: stdout carries the results only.
  const result = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  baseUrl: string;
  /** The last few kilobytes the server printed, for an error message. */
  recentLog(): string;
  stop(): Promise<void>;
};

/**
 * Starts `next start` on `port` with `env` and waits until /api/health answers 200. `stop` sends SIGTERM
 * and waits for the exit: never SIGKILL, so a server holding an embedded database can close it.
 */
export async function startNextServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (text: string) => (log = (log + text).slice(-8000));
  child.stdout?.setEncoding("utf8").on("data", keep);
  child.stderr?.setEncoding("utf8").on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!running) throw new Error(`the server exited while starting:\n${log}`);
    const status = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the server did not become healthy within 120 s (last status ${status}):\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    recentLog: () => log,
    async stop() {
      if (!running) return;
      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 60_000))]);
      if (code === "waiting") progress(`the server (pid ${child.pid}) has not exited 60 s after SIGTERM; left running`);
    },
  };
}

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { BENCH_KEY } from "./generate";
import { progress } from "./report";

export type CliRun = {
  seconds: number;
  /** Peak resident set of the CLI process: its own report, else the kernel's high-water mark (VmHWM). */
  peakMb: number;
  stdout: string;
  /** Stopped at the time limit (SIGTERM); `seconds` is then the limit. */
  stopped: boolean;
  /** Records the import had read when it ended or was stopped (from its progress lines). */
  recordsRead: number;
};

export type CliLimits = {
  timeoutSeconds?: number;
  /** Once this many records are read, the process gets only `graceSeconds` more (for peak-memory runs). */
  stopAfterRecords?: { records: number; graceSeconds: number };
  /**
   * Called right after the SIGTERM. The CLI answers SIGTERM by closing its database handle, which
   * waits for the statement in progress; cancelling that statement on the server ends the run now.
   */
  onStop?: () => Promise<void>;
};

/**
 * Runs the CLI as `npm run roomlens` does (scripts/roomlens.mjs: compiled into one file, then run) against
 * `databaseUrl` and times it, start-up and migrations included: they are part of what a user waits for.
 * A run past its limit gets SIGTERM and its statement is cancelled (`onStop`); the server rolls back.
 */
export function runCli(args: string[], databaseUrl: string, limits: CliLimits = {}): Promise<CliRun> {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ROOMLENS_PSEUDONYM_KEY: BENCH_KEY.secret,
    ROOMLENS_PSEUDONYM_KEY_VERSION: String(BENCH_KEY.version),
    ROOMLENS_REPORT_PEAK_MEMORY: "1",
  };
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/roomlens.mjs", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderrTail = "";
  let recordsRead = 0;
  let highWaterKb = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    child.kill("SIGTERM");
    void limits.onStop?.().catch((error: unknown) => progress(`  could not cancel the import's statement: ${String(error)}`));
  };
  const limit = limits.timeoutSeconds ? setTimeout(stop, limits.timeoutSeconds * 1000) : undefined;
  let grace: NodeJS.Timeout | undefined;
  // The kernel keeps the peak; polling it covers a run that is stopped before it can report.
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
      if (hwm) highWaterKb = Math.max(highWaterKb, Number(hwm));
    } catch {
      // Not Linux, or the process has just ended: its own report is used.
    }
  }, 500);
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    for (const match of text.matchAll(/… ([\d,]+) records read/g)) {
      const read = Number((match[1] ?? "0").replaceAll(",", ""));
      if (Math.floor(read / 1_000_000) > Math.floor(recordsRead / 1_000_000)) progress(`  import: ${read.toLocaleString("en-US")} records read`);
      recordsRead = Math.max(recordsRead, read);
    }
    const after = limits.stopAfterRecords;
    if (after && grace === undefined && recordsRead >= after.records) grace = setTimeout(stop, after.graceSeconds * 1000);
    // Only the tail is kept (the peak-memory line, an error): progress lines come every 10,000 records.
    stderrTail = (stderrTail + text).slice(-16_384);
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(limit);
      clearTimeout(grace);
      clearInterval(poll);
      const seconds = stopped && limits.timeoutSeconds && !grace ? limits.timeoutSeconds : (performance.now() - started) / 1000;
      if (code !== 0 && !stopped) {
        reject(new Error(`roomlens ${args.join(" ")} exited with ${code}:\n${stderrTail.slice(-4000)}`));
        return;
      }
      const reported = /peak memory: (\d+) MB/.exec(stderrTail)?.[1];
      const peakMb = reported ? Number(reported) : highWaterKb > 0 ? Math.round(highWaterKb / 1024) : Number.NaN;
      resolve({ seconds, peakMb, stdout: stdout.trim(), stopped, recordsRead });
    });
  });
}

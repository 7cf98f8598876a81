import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BenchContext } from "./bench/context";
import { DEFAULT_ROOMS, DEFAULT_SEED } from "./bench/generate";
import { benchIcs } from "./bench/ics-bench";
import { benchImportAtBase, benchImportMemoryAtLarge } from "./bench/import-bench";
import { benchPglite } from "./bench/pglite-bench";
import { benchServerViews } from "./bench/query-bench";
import { elapsedSeconds, formatCount, progress, Report } from "./bench/report";
import { ScratchDatabases } from "./bench/scratch-databases";
import { describeError } from "./bench/timing";

/**
 * `npm run bench [-- --rows N] [--view-timeout S] [--only ics,import,views,pglite]`
 *
 * Issue 6's benchmark suite against the Postgres server (BENCH_DATABASE_URL, else DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres), in scratch databases it creates and drops. Each figure
 * prints as one line `<name>: <value> (goal <goal>)`, followed by met / NOT met and its baseline from the
 * same run in brackets; progress goes to stderr. `--rows N` sets the "1 M" size (default 1,000,000): the
 * large size is ten times it and the estate has 5,000 rooms per million, so a quick check keeps the shape.
 */
const SECTIONS = ["ics", "import", "views", "pglite"] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    "view-timeout": { type: "string", default: "60" },
    only: { type: "string", default: SECTIONS.join(",") },
    seed: { type: "string", default: String(DEFAULT_SEED) },
  },
});
const baseRows = Number(values.rows);
if (!Number.isSafeInteger(baseRows) || baseRows < 1000) throw new Error("--rows must be a whole number ≥ 1000");
const only = new Set(values.only.split(",").map((s) => s.trim()));
for (const section of only) if (!SECTIONS.includes(section as Section)) throw new Error(`--only: unknown section ${section}`);

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const scratch = new ScratchDatabases(serverUrl);
const workDir = mkdtempSync(path.join(os.tmpdir(), "roomlens-bench-"));
const context: BenchContext = {
  serverUrl,
  scratch,
  report: new Report(),
  workDir,
  baseRows,
  largeRows: baseRows * 10,
  rooms: Math.max(20, Math.round((DEFAULT_ROOMS * baseRows) / 1_000_000)),
  seed: Number(values.seed),
  capSeconds: Number(values["view-timeout"]),
};

let cleaning: Promise<void> | undefined;
const cleanUp = () => {
  cleaning ??= scratch.dropAll().finally(() => rmSync(workDir, { recursive: true, force: true }));
  return cleaning;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  context.report.note(
    `machine: ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ` +
      `PostgreSQL ${await scratch.serverVersion()}; load average at start ${load}`,
  );
  context.report.note(
    `sizes: ${formatCount(context.baseRows)} and ${formatCount(context.largeRows)} bookings, ${context.rooms.toLocaleString("en-US")} rooms, ` +
      `two years; seed ${context.seed}; a view run is stopped after ${context.capSeconds} s`,
  );
  // A section that fails (a bug, a server error) is reported and the others still run.
  const run = async <T>(section: string, body: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await body();
    } catch (error) {
      context.report.note(`section ${section} failed: ${describeError(error)}`);
      return undefined;
    }
  };
  if (only.has("ics")) await run("ics", () => benchIcs(context));
  if (only.has("import")) await run("import", () => benchImportAtBase(context));
  // The import's peak memory at the large size streams 10 M rows through the CLI for minutes and yields
  // no time, so it runs beside the views section's load of its large database (also minutes, also no
  // goal), before any view there is timed; on its own when the views are not run.
  let memoryRun: Promise<unknown> | undefined;
  const memoryAtLarge = () => (memoryRun ??= run("import", () => benchImportMemoryAtLarge(context)));
  if (only.has("views") || only.has("pglite")) {
    const whileLoadingLarge = only.has("import") ? memoryAtLarge : undefined;
    const server = await run("views", () => benchServerViews(context, { whileLoadingLarge }));
    if (server && only.has("pglite")) await run("pglite", () => benchPglite(context, server));
  }
  // Still to run if the views were not run, or stopped before their large load.
  if (only.has("import")) await memoryAtLarge();
  context.report.note(context.report.summary());
  context.report.note(`total time: ${(elapsedSeconds() / 60).toFixed(1)} min`);
} finally {
  await cleanUp();
}

import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { BOOKINGS_CSV_HEADER } from "./bookings-csv";
import type { BenchContext } from "./context";
import { planSyntheticData, writeSyntheticFiles } from "./generate";
import { formatCount, formatRate, formatSeconds, progress } from "./report";
import { runCli, type CliRun } from "./run-cli";

const MEMORY_GOAL = { op: "≤", target: 300, unit: " MB" } as const;

/**
 * Bulk import through the CLI (`roomlens import file.csv`) against psql's \copy of the same file into
 * a plain table with a primary key, in the same run: new rows, then the same file again (every row
 * unchanged). The peak memory of an import ten times larger is `benchImportMemoryAtLarge`.
 */
export async function benchImportAtBase(context: BenchContext): Promise<void> {
  const { report } = context;
  const n = formatCount(context.baseRows);
  const files = await writeFiles(context, context.baseRows);
  const url = await context.scratch.create("import");
  try {
    await runCli(["rooms", "import", files.roomsCsv], url);
    progress(`psql \\copy of ${n} rows`);
    const copySeconds = await psqlCopy(url, files.bookingsCsv);
    // An import 40 times slower than \copy misses the goal whatever its exact time: stop it there.
    const limits = { timeoutSeconds: Math.max(180, Math.round(40 * copySeconds)), onStop: () => context.scratch.cancelQueries(url) };
    progress(`importing ${n} new bookings through the CLI (stopped after ${limits.timeoutSeconds} s)`);
    const first = await runCli([...IMPORT, files.bookingsCsv], url, limits);
    progress(`re-importing the same ${n} bookings (all unchanged)`);
    const again = first.stopped ? null : await runCli([...IMPORT, files.bookingsCsv], url, limits);
    const rows = context.baseRows;
    const baseline = `\\copy ${formatSeconds(copySeconds)} = ${formatRate(rows, copySeconds)}`;
    const describe = (run: CliRun) =>
      run.stopped ? `> ${formatSeconds(run.seconds)} (stopped)` : `${formatSeconds(run.seconds)} = ${formatRate(rows, run.seconds)}`;
    report.figure(`bulk import ${n} vs psql \\copy`, copySeconds / first.seconds, { op: "≥", target: 0.6 }, `import ${describe(first)}; ${baseline}`, first.stopped ? "below" : "exact");
    if (again) {
      report.figure(`re-import ${n} unchanged vs psql \\copy`, copySeconds / again.seconds, { op: "≥", target: 0.4 }, `re-import ${describe(again)}; ${baseline}`, again.stopped ? "below" : "exact");
    } else {
      report.figure(`re-import ${n} unchanged vs psql \\copy`, Number.NaN, { op: "≥", target: 0.4 }, "not run: the first import was stopped", "unknown");
    }
    report.figure(`import peak memory at ${n}`, first.peakMb, MEMORY_GOAL, `resident set of the import process${again ? `; re-import ${again.peakMb} MB` : ""}`);
    if (!first.stopped) {
      progress(`writing the imported ${n} bookings again into a copy of the bookings table (the floor of any import)`);
      const floorSeconds = await insertFloor(url);
      report.note(
        `floor of a bulk import: the ${n} stored bookings inserted into a copy of the bookings table (its indexes, ` +
          `checks and foreign keys; no parsing, pseudonymisation, placement or rollups) took ${formatSeconds(floorSeconds)}, ` +
          `\\copy / floor ${(copySeconds / floorSeconds).toFixed(2)} (the bulk-import goal's measure)`,
      );
    }
  } finally {
    await context.scratch.drop(url);
    rmSync(files.bookingsCsv, { force: true });
  }
}

/**
 * Peak memory of an import ten times the base size. Only the memory is measured, so this may run while
 * the views section loads its large database (scripts/bench.ts): sharing the cores slows both down but
 * changes neither the figure nor any time that is compared with a goal.
 */
export async function benchImportMemoryAtLarge(context: BenchContext): Promise<void> {
  const { report } = context;
  const large = formatCount(context.largeRows);
  const largeFiles = await writeFiles(context, context.largeRows);
  const largeUrl = await context.scratch.create("import_large");
  try {
    await runCli(["rooms", "import", largeFiles.roomsCsv], largeUrl);
    // Only the memory is measured here. It peaks while the rows stream through the process; what follows
    // (merge, rollup refresh) runs in the server. So the run is stopped 15 s after the last row is read.
    progress(`importing ${large} new bookings through the CLI (peak memory)`);
    const run = await runCli([...IMPORT, largeFiles.bookingsCsv], largeUrl, {
      timeoutSeconds: Math.max(600, Math.round(context.largeRows / 5_000)),
      stopAfterRecords: { records: context.largeRows, graceSeconds: 15 },
      onStop: () => context.scratch.cancelQueries(largeUrl),
    });
    const streamed = run.recordsRead >= context.largeRows;
    const how = run.stopped
      ? `stopped after ${formatSeconds(run.seconds)}, ${streamed ? "all rows streamed, server still merging" : `${run.recordsRead.toLocaleString("en-US")} rows read`}`
      : `import ${formatSeconds(run.seconds)} = ${formatRate(context.largeRows, run.seconds)}`;
    report.figure(`import peak memory at ${large}`, run.peakMb, MEMORY_GOAL, how, run.stopped && !streamed ? "above" : "exact");
  } finally {
    await context.scratch.drop(largeUrl);
    rmSync(largeFiles.bookingsCsv, { force: true });
  }
}

const IMPORT = ["import", "--name", "bench", "--timezone", "UTC"];

async function writeFiles(context: BenchContext, rows: number) {
  const files = {
    bookingsCsv: path.join(context.workDir, `bookings-${rows}.csv`),
    roomsCsv: path.join(context.workDir, "rooms.csv"),
  };
  progress(`generating ${formatCount(rows)} bookings as CSV`);
  const data = planSyntheticData({ rows, rooms: context.rooms, seed: context.seed });
  await writeSyntheticFiles(data, files);
  return files;
}

/**
 * The fastest any import into Roomlens' schema could be: the rows already parsed, pseudonymised and
 * placed (the ones the import just stored) written once more, in room order as the merge writes them,
 * into a table with the bookings table's indexes, checks and foreign keys. What stands between this
 * and \copy is the schema (nine indexes, one of them on random digests, and two foreign keys per row),
 * not the import's code.
 */
async function insertFloor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE TABLE import_floor (LIKE bookings INCLUDING ALL)`);
    await sql.unsafe(
      `ALTER TABLE import_floor ADD FOREIGN KEY (room_id) REFERENCES rooms(id), ADD FOREIGN KEY (integration_id) REFERENCES integrations(id)`,
    );
    const started = performance.now();
    await sql.unsafe(`INSERT INTO import_floor OVERRIDING SYSTEM VALUE SELECT * FROM bookings ORDER BY room_id, starts_at`);
    return (performance.now() - started) / 1000;
  } finally {
    await sql.end();
  }
}

/** psql's own \copy into a table of the file's columns with a primary key: the speed limit of a load. */
async function psqlCopy(url: string, file: string): Promise<number> {
  const types: Record<string, string> = {
    id: "text PRIMARY KEY",
    start: "timestamptz",
    end: "timestamptz",
    checked_in_at: "timestamptz",
    booked_at: "timestamptz",
    attendee_count: "integer",
    private: "boolean",
    recurring: "boolean",
  };
  const columns = BOOKINGS_CSV_HEADER.split(",").map((c) => `"${c}" ${types[c] ?? "text"}`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE TABLE copy_baseline (${columns.join(", ")})`);
  await sql.end();
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn("psql", [url, "-qc", `\\copy copy_baseline FROM '${file}' WITH (FORMAT csv, HEADER true)`], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`psql \\copy failed: ${stderr}`))));
  });
  return (performance.now() - started) / 1000;
}

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { SYNTHETIC_HEADER, syntheticRoomsCsv, writeSyntheticCsv } from "./bench/synthetic-bookings";

/**
 * `npm run bench:ingest [-- --rows N]`: imports N synthetic bookings (default 1,000,000) from CSV through
 * the CLI's import path into the Postgres server, and in the same run loads the same file with psql
 * \copy into a table of the same columns. Prints both rates, their ratio and the import's peak memory.
 */
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, server: { type: "string" } } });
const rows = Number(values.rows);
const serverUrl = values.server ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const dir = path.resolve("bench-data");
mkdirSync(dir, { recursive: true });
const csvFile = path.join(dir, `bookings-${rows}.csv`);
const roomsFile = path.join(dir, "rooms.csv");
console.log(`generating ${rows.toLocaleString("en-US")} bookings → ${csvFile}`);
await writeSyntheticCsv(csvFile, { rows, rooms: 5000, people: 20000, seed: 42, end: new Date("2026-11-01T00:00:00Z") });
writeFileSync(roomsFile, syntheticRoomsCsv(5000));

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const dbName = `roomlens_bench_${Date.now()}`;
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const env = { ...process.env, DATABASE_URL: url.toString(), ROOMLENS_PSEUDONYM_KEY: "bench-key-0123456789abcdef", ROOMLENS_REPORT_PEAK_MEMORY: "1" };

function cli(args: string[]) {
  const started = performance.now();
  const result = spawnSync("npx", ["tsx", "lib/cli-entry.ts", ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`roomlens ${args.join(" ")} failed:\n${result.stderr}`);
  const peak = /peak memory: (\d+) MB/.exec(result.stderr)?.[1];
  return { seconds, peakMb: peak ? Number(peak) : NaN, stdout: result.stdout.trim() };
}

try {
  cli(["rooms", "import", roomsFile]);
  // Process start-up (tsx, migrations) is timed too: it is part of what a user waits for.
  const first = cli(["import", csvFile, "--name", "bench"]);
  const again = cli(["import", csvFile, "--name", "bench"]);

  const columns = SYNTHETIC_HEADER.split(",");
  const types: Record<string, string> = { id: "text PRIMARY KEY", start: "timestamptz", end: "timestamptz", checked_in_at: "timestamptz", booked_at: "timestamptz", attendee_count: "integer", private: "boolean", recurring: "boolean" };
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await db.unsafe(`CREATE TABLE copy_baseline (${columns.map((c) => `"${c}" ${types[c] ?? "text"}`).join(", ")})`);
  await db.end();
  const copyStarted = performance.now();
  const copy = spawnSync("psql", [url.toString(), "-qc", `\\copy copy_baseline FROM '${csvFile}' WITH (FORMAT csv, HEADER true)`], { encoding: "utf8" });
  const copySeconds = (performance.now() - copyStarted) / 1000;
  if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr}`);

  const rate = (s: number) => Math.round(rows / s);
  console.log(first.stdout.split("\n")[0]);
  console.log(`psql \\copy: ${rate(copySeconds).toLocaleString("en-US")} rows/s (${copySeconds.toFixed(1)} s)`);
  console.log(`import (new rows): ${rate(first.seconds).toLocaleString("en-US")} rows/s (${first.seconds.toFixed(1)} s)`);
  console.log(`import ratio vs \\copy: ${(copySeconds / first.seconds).toFixed(2)} (goal ≥ 0.5)`);
  console.log(`re-import (unchanged): ${rate(again.seconds).toLocaleString("en-US")} rows/s, ratio ${(copySeconds / again.seconds).toFixed(2)} (goal ≥ 0.4)`);
  console.log(`import peak memory: ${first.peakMb} MB (goal ≤ 300 MB); re-import ${again.peakMb} MB`);
} finally {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

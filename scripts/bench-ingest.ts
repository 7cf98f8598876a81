import { spawnSync } from "node:child_process";

/**
 * `npm run bench:ingest [-- --rows N]`: only the import part of `npm run bench` (scripts/bench.ts) —
 * CLI import of N generated bookings vs psql \copy of the same file, re-import, peak memory.
 */
const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench.ts", "--only", "import", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);

import { sql } from "drizzle-orm";
import { openDatabase, openPglite } from "@/db/client";
import { queryRows } from "@/db/rows";
import { getBehaviour } from "@/lib/analytics/behaviour";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { toIsoDay } from "@/lib/analytics/filters";
import { getGhostRate } from "@/lib/analytics/ghosts";
import { getOccupiedUtilisation } from "@/lib/analytics/occupied";
import { getPreference } from "@/lib/analytics/preference";
import { getPressure } from "@/lib/analytics/pressure";
import { getSeatFill } from "@/lib/analytics/seat-fill";
import { getTrends } from "@/lib/analytics/trends";
import { loadWorkingTime } from "@/lib/analytics/scope";
import { suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { getSettings } from "@/lib/settings";

/**
 * Times every dashboard view family on the database named by DATABASE_URL (or the embedded one), over
 * the last `--days` days (default 90) ending today, or from `--from` to `--to` (ISO days), for every room
 * or one `--building`: one warm-up run, then the median of `--runs` runs (default 5); `--only a,b` times
 * those families alone; `--pglite DIR` reads an embedded database folder (scripts/bench/generate.ts
 * --pglite) instead. A development aid, not a benchmark with goals (scripts/bench* are those).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/roomlens_demo npx tsx scripts/time-views.ts
 *   … scripts/time-views.ts --from 2026-07-01 --to 2026-09-30 --building LON1 --only occupied,trends
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? "", process.argv[i + 1] ?? "");
const days = Number(args.get("--days") ?? 90);
const runs = Number(args.get("--runs") ?? 5);

const pgliteDir = args.get("--pglite");
const database = pgliteDir === undefined ? await openDatabase() : await openPglite(pgliteDir);
const { db } = database;
const time = await loadWorkingTime(db);
// Families with periods count organizers up to the view's k, as the pages do (their periods need it).
const k = await suppressionThreshold(db, (await getSettings(db)).minGroupSize);
const today = new Date();
const range = {
  from: args.get("--from") ?? toIsoDay(new Date(today.getTime() - (days - 1) * 86_400_000)),
  to: args.get("--to") ?? toIsoDay(today),
};
const building = args.get("--building");
const filters = building === undefined ? {} : { building };
const only = args.get("--only")?.split(",");
const [size] = await queryRows<{ bookings: number; rooms: number }>(
  db,
  sql`SELECT (SELECT count(*) FROM bookings)::integer AS bookings, (SELECT count(*) FROM rooms WHERE active)::integer AS rooms`,
);
console.log(`${database.kind}: ${size?.bookings} bookings, ${size?.rooms} rooms, range ${range.from} … ${range.to}, ${building ?? "all buildings"}, median of ${runs}`);

const families: [string, () => Promise<unknown>][] = [
  ["dashboard", () => getDashboardMetrics(db, range)],
  ["occupied", () => getOccupiedUtilisation(db, range, filters, time, k)],
  ["ghosts", () => getGhostRate(db, range, filters, time, k)],
  ["pressure", () => getPressure(db, range, filters, time, k)],
  ["seatFill", () => getSeatFill(db, range, filters, time, k)],
  ["preference", () => getPreference(db, range, filters, time, undefined, k)],
  ["behaviour", () => getBehaviour(db, range, filters, time, k)],
  ["trends", () => getTrends(db, range, filters, time, k)],
];
for (const [name, run] of families) {
  if (only && !only.includes(name)) continue;
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: ${Math.round(times[Math.floor(times.length / 2)] ?? 0)} ms`);
}
await database.close();

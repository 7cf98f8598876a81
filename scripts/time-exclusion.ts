import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { queryRows } from "@/db/rows";
import { refreshHeatmapDays } from "@/lib/analytics/heatmap-periods";
import { refreshPressureDays } from "@/lib/analytics/pressure-periods";
import { refreshTouchedRollups, repairHeatmapPeriods, repairPressurePeriods } from "@/lib/analytics/rollup-refresh";
import { TOUCHED, writeAndTouch } from "@/lib/analytics/rollup-touch";
import { loadWorkingTime } from "@/lib/analytics/scope";

/**
 * Times what an exclusion costs on the database named by DATABASE_URL: deletes the bookings of the
 * organizer whose number of bookings is nearest `--bookings` (default: the heaviest) and times the
 * rollup refresh of that write (`--only pressure` or `--only heatmap`: that part alone), then rolls it
 * back. With `--commit yes` the deletion stays, and the pressure and heatmap repairs it leaves are
 * timed too. A development aid, not a benchmark with goals.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch npx tsx scripts/time-exclusion.ts --bookings 134
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? "", process.argv[i + 1] ?? "");
const target = Number(args.get("--bookings") ?? Number.MAX_SAFE_INTEGER);
const only = args.get("--only");
if (only !== undefined && only !== "pressure" && only !== "heatmap") throw new Error("--only takes pressure or heatmap");
const commit = args.get("--commit") === "yes";
// A committed deletion must leave every rollup current, not one family's alone.
if (commit && only) throw new Error("--commit refreshes every rollup: drop --only");

const { db } = await openDatabase();
const [person] = await queryRows<{ pseudonym: string; bookings: number }>(
  db,
  sql`SELECT organizer_pseudonym AS pseudonym, count(*)::integer AS bookings FROM bookings WHERE organizer_pseudonym IS NOT NULL
    GROUP BY 1 ORDER BY abs(count(*) - ${target}::float8), 1 LIMIT 1`,
);
if (!person) throw new Error("no bookings with an organizer");
console.log(`organizer with ${person.bookings} bookings`);

/** Thrown to roll the transaction back once timed. */
class RolledBack extends Error {}
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;
try {
  await db.transaction(async (tx) => {
    await writeAndTouch(tx, sql`DELETE FROM bookings WHERE organizer_pseudonym = ${person.pseudonym} RETURNING room_id, starts_at, ends_at`);
    const started = performance.now();
    const touched = sql`SELECT room_id, day FROM ${TOUCHED}`;
    if (only === "pressure") await refreshPressureDays(tx, touched, await loadWorkingTime(tx));
    else if (only === "heatmap") await refreshHeatmapDays(tx, touched, await loadWorkingTime(tx));
    else await refreshTouchedRollups(tx);
    console.log(`${only ? `${only}'s refresh` : "rollup refresh"}: ${seconds(started)}`);
    if (!commit) throw new RolledBack();
  });
} catch (error) {
  if (!(error instanceof RolledBack)) throw error;
}
if (commit) {
  let started = performance.now();
  const repaired = await repairPressurePeriods(db);
  console.log(`pressure repair: ${repaired} bands and band days in ${seconds(started)}`);
  started = performance.now();
  const days = await repairHeatmapPeriods(db);
  console.log(`heatmap repair: ${days} days in ${seconds(started)}`);
}
process.exit(0);

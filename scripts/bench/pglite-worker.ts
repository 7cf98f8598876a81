import { openPglite } from "@/db/client";
import { BENCH_KEY, planSyntheticData } from "./generate";
import { loadGeneratedBookings } from "./load-database";
import { median } from "./timing";
import { BENCH_VIEWS, benchPeriods } from "./views";

/**
 * The embedded-database half of the benchmark, in its own process: PGlite runs queries on the main
 * thread and has no statement_timeout, so the only way to stop a view at the cap is to end the process.
 *   tsx scripts/bench/pglite-worker.ts load DIR ROWS ROOMS SEED   → loads generated bookings, closes cleanly
 *   tsx scripts/bench/pglite-worker.ts view DIR INDEX             → times BENCH_VIEWS[INDEX]
 * Each event is one JSON line on stdout.
 */
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

const [command, dir, ...rest] = process.argv.slice(2);
if (!dir) throw new Error("usage: pglite-worker.ts load|view DIR …");

if (command === "load") {
  const [rows, rooms, seed] = rest.map(Number) as [number, number, number];
  const data = planSyntheticData({ rows, rooms, seed });
  const database = await openPglite(dir);
  try {
    const report = await loadGeneratedBookings(database, { rooms: data.rooms, bookings: data.bookings(), key: BENCH_KEY });
    say({ event: "loaded", ...report });
  } finally {
    await database.close();
  }
} else if (command === "view") {
  const view = BENCH_VIEWS[Number(rest[0])];
  if (!view) throw new Error(`no view ${rest[0]}`);
  const database = await openPglite(dir);
  const periods = benchPeriods();
  const once = async () => {
    const started = performance.now();
    await view.run(database.db, periods);
    return (performance.now() - started) / 1000;
  };
  try {
    say({ event: "start" });
    const first = await once();
    say({ event: "first", seconds: first });
    // The same policy as the server side (timing.ts): long first runs count as they are.
    const times = first >= 5 ? [first] : [await once(), await once(), await once()];
    say({ event: "done", seconds: median(times), runs: first >= 5 ? 1 : 4 });
  } finally {
    await database.close();
  }
} else {
  throw new Error(`unknown command ${command}`);
}

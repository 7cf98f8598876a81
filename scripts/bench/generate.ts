import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase, openPglite } from "@/db/client";
import type { PseudonymKey } from "@/lib/privacy/pseudonymise";
import { writeBookingsCsv } from "./bookings-csv";
import { loadGeneratedBookings, type LoadReport } from "./load-database";
import { generateBookings, type SyntheticBooking } from "./synthetic-bookings";
import { formatRoomsCsv, listSyntheticRooms, type SyntheticRoom } from "./synthetic-rooms";

/**
 * The benchmark data generator: a realistic estate (rooms in buildings over six time zones) and its
 * bookings over two years, at any size, streamed and deterministic from a seed.
 *
 *   npx tsx scripts/bench/generate.ts --rows 1000000 [--rooms 5000] [--seed 42] [--end 2026-11-01]
 *     [--csv bench-data/bookings.csv --rooms-csv bench-data/rooms.csv]   files for `roomlens import`
 *     [--database postgres://…]                                          COPY straight into bookings
 *     [--pglite DIR]                                                      … or into an embedded database
 *
 * The database path writes already-pseudonymised rows (key ROOMLENS_PSEUDONYM_KEY, else the bench
 * key) for the query benchmarks; it drops and rebuilds the bookings indexes, so point it at a
 * benchmark database, not a live one.
 */

export const DEFAULT_SEED = 42;
/** A fixed end keeps runs comparable; the period is the two years before it. */
export const DEFAULT_END = new Date("2026-11-01T00:00:00Z");
export const DEFAULT_ROOMS = 5000;
/** The key the benchmarks pseudonymise with; the CLI import is given the same one. */
export const BENCH_KEY: PseudonymKey = { version: 1, secret: "bench-key-0123456789abcdef" };

export type GenerateOptions = { rows: number; rooms?: number; seed?: number; end?: Date; days?: number };

export type SyntheticData = {
  rooms: SyntheticRoom[];
  /** A fresh, identical stream on every call. */
  bookings(): Generator<SyntheticBooking>;
};

export function planSyntheticData(options: GenerateOptions): SyntheticData {
  if (!Number.isSafeInteger(options.rows) || options.rows < 0) throw new RangeError("rows must be a whole number ≥ 0");
  const seed = options.seed ?? DEFAULT_SEED;
  const rooms = listSyntheticRooms(options.rooms ?? DEFAULT_ROOMS, seed);
  return {
    rooms,
    bookings: () => generateBookings({ rows: options.rows, rooms, seed, end: options.end ?? DEFAULT_END, days: options.days }),
  };
}

/** Writes the room directory and the bookings export for the CLI's import path. */
export async function writeSyntheticFiles(data: SyntheticData, files: { bookingsCsv: string; roomsCsv: string }): Promise<number> {
  writeFileSync(files.roomsCsv, formatRoomsCsv(data.rooms));
  return writeBookingsCsv(files.bookingsCsv, data.bookings());
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      rooms: { type: "string", default: String(DEFAULT_ROOMS) },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      end: { type: "string", default: DEFAULT_END.toISOString().slice(0, 10) },
      csv: { type: "string" },
      "rooms-csv": { type: "string" },
      database: { type: "string" },
      pglite: { type: "string" },
    },
  });
  const data = planSyntheticData({
    rows: Number(values.rows),
    rooms: Number(values.rooms),
    seed: Number(values.seed),
    end: new Date(`${values.end}T00:00:00Z`),
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!values.csv && !values.database && !values.pglite) throw new Error("say where to: --csv FILE, --database URL or --pglite DIR");
  const started = performance.now();
  if (values.csv) {
    const roomsCsv = values["rooms-csv"] ?? path.join(path.dirname(values.csv), "rooms.csv");
    const rows = await writeSyntheticFiles(data, { bookingsCsv: values.csv, roomsCsv });
    log(`${rows.toLocaleString("en-US")} bookings → ${values.csv}, ${data.rooms.length} rooms → ${roomsCsv}`);
  }
  for (const target of [values.database, values.pglite]) {
    if (!target) continue;
    const database = target === values.database ? await openDatabase({ url: target }) : await openPglite(target);
    try {
      const secret = process.env.ROOMLENS_PSEUDONYM_KEY;
      const key = secret ? { version: Number(process.env.ROOMLENS_PSEUDONYM_KEY_VERSION ?? "1"), secret } : BENCH_KEY;
      const report: LoadReport = await loadGeneratedBookings(database, {
        rooms: data.rooms,
        bookings: data.bookings(),
        key,
        onProgress: (n) => log(`  … ${n.toLocaleString("en-US")} rows`),
      });
      log(
        `${report.rows.toLocaleString("en-US")} bookings → ${database.kind}: COPY ${report.copySeconds.toFixed(1)} s, ` +
          `derived (placement, rollups) ${report.derivedSeconds.toFixed(1)} s, indexes ${report.indexSeconds.toFixed(1)} s, vacuum ${report.vacuumSeconds.toFixed(1)} s`,
      );
    } finally {
      await database.close();
    }
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();

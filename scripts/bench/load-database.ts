import os from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { queryRows } from "@/db/rows";
import { integrations, rooms } from "@/db/schema";
import { placement } from "@/lib/analytics/local-time";
import { rebuildChoicePeriodsInParallel, rebuildPressurePeriodsInParallel, rebuildRollupsInParallel, repairHeatmapPeriods } from "@/lib/analytics/rollup-refresh";
import { hashSourceKey } from "@/lib/ingest/pipeline";
import { pseudonymise, type PseudonymKey } from "@/lib/privacy/pseudonymise";
import { personEmail, type SyntheticBooking } from "./synthetic-bookings";
import type { SyntheticRoom } from "./synthetic-rooms";
import { isoMinute } from "./timestamps";

/** The `bookings` columns the loader writes; `id` and `updated_at` take their defaults. */
const BOOKING_COLUMNS = [
  "room_id",
  "integration_id",
  "external_key",
  "starts_at",
  "ends_at",
  "booked_at",
  "organizer_pseudonym",
  "key_version",
  "attendee_count",
  "status",
  "checked_in_at",
  "recurring",
  "private",
] as const;

export type LoadOptions = {
  rooms: readonly SyntheticRoom[];
  bookings: Iterable<SyntheticBooking>;
  key: PseudonymKey;
  /** The integration the rows belong to (created if missing); default "bench-generated". */
  integrationName?: string;
  onProgress?: (rows: number) => void;
};

export type LoadReport = {
  rows: number;
  /** COPY into the unlogged load table. */
  copySeconds: number;
  /** From there into `bookings` with their placement, then the rollups built (`rebuildRollups*`). */
  derivedSeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
};

/**
 * Writes generated bookings straight into `bookings`, already pseudonymised — the rows a CSV import
 * of the same bookings would store (same external keys, pseudonyms, statuses) — without the import's
 * staging and merge. For benchmark databases only: the secondary indexes are dropped for the load and
 * rebuilt afterwards, and foreign-key triggers are off while the rows enter `bookings`. The rows are
 * placed as they enter (the same SQL as every import), then the rollups are built — on the server
 * side by side over the cores (`rebuildRollupsInParallel`), the choice periods once the indexes are
 * back; finally everything is vacuumed and analysed, as autovacuum would have left a long-lived database.
 */
export async function loadGeneratedBookings(database: Database, options: LoadOptions): Promise<LoadReport> {
  const { db } = database;
  await migrateDatabase(database);
  const roomIds = await upsertRooms(database, options.rooms);
  const [integration] = await db
    .insert(integrations)
    .values({ kind: "csv", name: options.integrationName ?? "bench-generated", config: { source: "generated" } })
    .onConflictDoUpdate({ target: integrations.name, set: { enabled: true } })
    .returning({ id: integrations.id });
  if (!integration) throw new Error("integration upsert returned no row");

  const indexes = await queryRows<{ name: string; definition: string }>(
    db,
    sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'bookings' AND indexname <> 'bookings_pkey'`,
  );
  for (const index of indexes) await db.execute(sql.raw(`DROP INDEX "${index.name}"`));
  const report: LoadReport = { rows: 0, copySeconds: 0, derivedSeconds: 0, indexSeconds: 0, vacuumSeconds: 0 };
  const lap = (() => {
    let started = performance.now();
    return () => {
      const seconds = (performance.now() - started) / 1000;
      started = performance.now();
      return seconds;
    };
  })();
  // One statement uses one core: on the server, one insert (and one rollup build) per core over disjoint rooms.
  const parts = database.kind === "postgres" ? Math.max(1, os.availableParallelism()) : 1;
  try {
    // The rows go through an unlogged copy of the columns first, so that they enter `bookings` once,
    // already placed (local day and hour slots, local-time.ts): placing them with an UPDATE after the
    // COPY would write every row twice and need a VACUUM FULL.
    await db.execute(sql.raw(`DROP TABLE IF EXISTS ${LOAD_TABLE}`));
    await db.execute(sql.raw(`CREATE UNLOGGED TABLE ${LOAD_TABLE} AS SELECT ${BOOKING_COLUMNS.join(", ")} FROM bookings WITH NO DATA`));
    await database.copyCsv(LOAD_TABLE, BOOKING_COLUMNS, copyLines(options, roomIds, integration.id, report));
    report.copySeconds = lap();
    await db.execute(sql.raw(`ANALYZE ${LOAD_TABLE}`));
    // Foreign-key checks are triggers: one lookup per row. The generator only names rooms it just stored.
    // Switching them off needs a superuser (as on CI's server); without one the insert is merely slower.
    const triggersOff = await db.execute(sql`ALTER TABLE bookings DISABLE TRIGGER ALL`).then(
      () => true,
      () => false,
    );
    try {
      await Promise.all(Array.from({ length: parts }, (_, part) => db.execute(placedInsert(parts, part))));
    } finally {
      if (triggersOff) await db.execute(sql`ALTER TABLE bookings ENABLE TRIGGER ALL`);
      await db.execute(sql.raw(`DROP TABLE IF EXISTS ${LOAD_TABLE}`));
    }
    // Statistics first: the rollup build's joins are planned from them, and autovacuum has not run yet.
    await db.execute(sql`ANALYZE bookings`);
    await rebuildRollupsInParallel(db, parts);
    report.derivedSeconds = lap();
  } finally {
    // PGlite runs in a 32-bit WebAssembly heap: a gigabyte of sort memory would not fit.
    const memory = database.kind === "pglite" ? "256MB" : "1GB";
    for (const index of indexes) {
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL maintenance_work_mem = '${memory}'`));
        await tx.execute(sql.raw(index.definition));
      });
    }
    report.indexSeconds = lap();
  }
  // Choice and pressure periods read the bookings by their indexes: built once these are back.
  await rebuildChoicePeriodsInParallel(db, parts);
  await rebuildPressurePeriodsInParallel(db, parts);
  await repairHeatmapPeriods(db);
  report.derivedSeconds += lap();
  await db.execute(sql`VACUUM (ANALYZE)`);
  report.vacuumSeconds = lap();
  return report;
}

const LOAD_TABLE = "bench_bookings_load";

/** Moves share `part` of `parts` (by room id) of the loaded rows into `bookings`, with their placement. */
function placedInsert(parts: number, part: number) {
  const columns = sql.raw(BOOKING_COLUMNS.join(", "));
  const loaded = sql.raw(BOOKING_COLUMNS.map((c) => `s.${c}`).join(", "));
  return sql`
    INSERT INTO bookings (${columns}, local_day, first_slot, last_slot)
    SELECT ${loaded}, p.local_day, p.first_slot, p.last_slot
    FROM ${sql.raw(LOAD_TABLE)} s JOIN rooms r ON r.id = s.room_id,
      LATERAL ${placement(sql`s.starts_at`, sql`s.ends_at`, sql`r.time_zone`)} p
    WHERE s.room_id % ${parts}::integer = ${part}::integer`;
}

async function upsertRooms(database: Database, list: readonly SyntheticRoom[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length; i += 1000) {
    const values = list.slice(i, i + 1000).map((r) => ({
      name: r.name,
      building: r.building,
      floor: r.floor,
      capacity: r.capacity,
      amenities: r.amenities,
      timeZone: r.timeZone,
      active: true,
    }));
    const saved = await database.db
      .insert(rooms)
      .values(values)
      .onConflictDoUpdate({ target: rooms.name, set: { active: true } })
      .returning({ id: rooms.id, name: rooms.name });
    for (const row of saved) ids.set(row.name, row.id);
  }
  return ids;
}

const PROGRESS_EVERY = 1_000_000;

/** Lines are handed over ~64 KB at a time: one await per row would cost more than formatting it. */
const CHUNK_CHARS = 65_536;

async function* copyLines(
  options: LoadOptions,
  roomIds: ReadonlyMap<string, number>,
  integrationId: number,
  report: LoadReport,
): AsyncGenerator<string> {
  // ~50 k people: one HMAC each, not one per booking.
  const pseudonyms = new Map<number, string>();
  const version = String(options.key.version);
  let chunk = "";
  for (const b of options.bookings) {
    let organizer = "";
    let attendees = "";
    let keyVersion = "";
    if (!b.private) {
      organizer = pseudonyms.get(b.person) ?? "";
      if (organizer === "") {
        organizer = pseudonymise(personEmail(b.person), options.key);
        pseudonyms.set(b.person, organizer);
      }
      attendees = String(b.attendees);
      keyVersion = version;
    }
    const roomId = roomIds.get(b.room.name);
    if (roomId === undefined) throw new Error(`room ${b.room.name} was not stored`);
    const checkedIn = b.checkedInMinute === null ? "" : isoMinute(b.checkedInMinute);
    chunk += `${roomId},${integrationId},${hashSourceKey(`bk-${b.id}`)},${isoMinute(b.startMinute)},${isoMinute(b.endMinute)},${isoMinute(
      b.bookedAtMinute,
    )},${organizer},${keyVersion},${attendees},${b.status},${checkedIn},${b.recurring ? "t" : "f"},${b.private ? "t" : "f"}\n`;
    report.rows += 1;
    if (report.rows % PROGRESS_EVERY === 0) options.onProgress?.(report.rows);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

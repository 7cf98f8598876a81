import { hash, randomBytes } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { exclusions, integrations, rooms, syncRuns, type IntegrationConfig, type IntegrationKind, type Rejection } from "@/db/schema";
import { placement } from "@/lib/analytics/local-time";
import { insertPlacedDays, refreshTouchedRollups, startTouching, writeAndTouch } from "@/lib/analytics/rollup-refresh";
import { createPrivacyGate, type GatedBooking } from "@/lib/privacy/gate";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { loadRoomDirectory } from "./room-directory";
import { dropStagingTable, createStagingTable, STAGING_COLUMNS, stagingLineWriter } from "./staging";
import { lineDigester } from "./line-digest";
import type { Connector, ConnectorContext, SyncCheckpoint, Window } from "./types";
import { stageUnchangedRows, type UnchangedRows } from "./unchanged-rows";
import { findBookingProblem } from "./validate";

export type IngestSource = {
  kind: IntegrationKind;
  /** The integration's unique name; re-importing under the same name updates the same bookings. */
  name: string;
  config: IntegrationConfig;
  connector: Connector;
  /**
   * Which stored bookings a snapshot replaces: "window" — every booking of the integration inside the
   * expansion window (an ICS feed lists all of them); "observed" — those between the first and last
   * start the file contains (a CSV export covers the period it was exported for); "none" — nothing
   * (an incremental sync lists changes only; a syncing source names its fully listed rooms in `checkpoint`).
   */
  coverage: "window" | "observed" | "none";
  /**
   * Syncing sources only: called once the connector's records are consumed. Its cursor replaces the
   * integration's stored one in the merge transaction; without it the pipeline stores the import time.
   */
  checkpoint?: () => SyncCheckpoint;
};

export type IngestOptions = ConnectorContext & {
  keys: PseudonymKeys;
  onProgress?: (recordsRead: number) => void;
};

export type SyncReport = {
  integrationId: number;
  runId: number;
  status: "succeeded" | "partial";
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  excluded: number;
  allDay: number;
  rejected: number;
  rejections: Rejection[];
};

const KEPT_REJECTIONS = 20;
const PROGRESS_EVERY = 10_000;
const STAGING_CHUNK_CHARS = 65_536;

/**
 * Streams a source through validation, room resolution and the privacy gate into an unlogged staging
 * table with COPY, then merges it into `bookings` in one transaction together with the sync run and
 * the integration's status. A source that fails to parse leaves the database as it was.
 */
export async function ingest(database: Database, source: IngestSource, options: IngestOptions): Promise<SyncReport> {
  const { db } = database;
  const startedAt = new Date();
  const directory = await loadRoomDirectory(db, options.defaultRoom);
  const excludedHashes = new Set((await db.select({ hash: exclusions.personHash }).from(exclusions)).map((e) => e.hash));
  const gate = createPrivacyGate(options.keys, excludedHashes);
  const [stored] = await db
    .select({ id: integrations.id, kind: integrations.kind, cursor: integrations.cursor })
    .from(integrations)
    .where(eq(integrations.name, source.name));
  const digestRow = lineDigester({
    keys: options.keys,
    directory: directory.fingerprint,
    kind: source.kind,
    config: source.config,
    timeZone: options.timeZone,
    defaultRoom: options.defaultRoom,
  });
  const context: ConnectorContext = { ...options, cursor: stored?.kind === source.kind ? stored.cursor : null, digestRow };
  // Hashed keys the source cancelled by key only; a later booking with the same key takes its key out.
  const cancelledKeys = new Set<string>();

  const counts = { fetched: 0, excluded: 0, allDay: 0, rejected: 0 };
  const rejections: Rejection[] = [];
  const reject = (where: string, reason: string) => {
    counts.rejected += 1;
    if (rejections.length < KEPT_REJECTIONS) rejections.push({ where, reason });
  };

  // Lines are handed on in chunks of about STAGING_CHUNK_CHARS: an async step per row (here and again
  // in the COPY writer) cost more than building the row's line.
  // A re-import that read the rows as text first (unchanged-rows.ts) parses only the changed ones.
  async function* stagingLines(unchanged: UnchangedRows | null): AsyncGenerator<string> {
    const toLine = stagingLineWriter();
    const rereadable = source.connector.rereadable;
    const records =
      unchanged && rereadable ? rereadable.records(context, (row) => unchanged.changed.has(row)) : source.connector.records(context);
    let chunk = "";
    let seq = 0;
    for await (const record of records) {
      counts.fetched += 1;
      if (counts.fetched % PROGRESS_EVERY === 0) options.onProgress?.(counts.fetched);
      if (record.kind === "rejected") {
        reject(record.at, record.reason);
        continue;
      }
      if (record.kind === "all-day") {
        counts.allDay += 1;
        continue;
      }
      if (record.kind === "cancel") {
        cancelledKeys.add(hashSourceKey(record.sourceKey));
        continue;
      }
      const problem = findBookingProblem(record);
      if (problem) {
        reject(record.at, problem);
        continue;
      }
      const room = directory.resolve(record.rooms);
      if (room.kind === "unknown") {
        reject(record.at, room.reason);
        continue;
      }
      const outcome = gate(record);
      if (outcome.kind === "excluded") {
        counts.excluded += 1;
        continue;
      }
      if (unchanged && record.row && unchanged.changed.get(record.row.number) !== record.row.digest) {
        throw new UserError(`${record.at}: the file changed while it was being imported; import it again`);
      }
      // A file's rows keep their numbers, so that rows staged unchanged and parsed rows sort in file order.
      seq = record.row?.number ?? seq + 1;
      const externalKey = hashSourceKey(record.sourceKey);
      cancelledKeys.delete(externalKey);
      chunk += toLine(seq, room.roomId, externalKey, outcome.booking, record.row?.digest ?? null);
      if (chunk.length >= STAGING_CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk !== "") yield chunk;
  }

  const staging = `ingest_staging_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await createStagingTable(db, staging);
  try {
    const rereadable = source.connector.rereadable;
    const unchanged =
      rereadable && stored?.kind === source.kind && (await hasRowDigests(db, stored.id))
        ? await stageUnchangedRows(database, staging, stored.id, rereadable, digestRow, options.onProgress)
        : null;
    counts.fetched = unchanged?.rows ?? 0;
    // With every row found unchanged there is nothing to parse, and nothing to merge.
    const parsed = unchanged === null || unchanged.changed.size > 0;
    if (parsed) await database.copyCsv(staging, STAGING_COLUMNS, stagingLines(unchanged));
    options.onProgress?.(counts.fetched);
    const checkpoint = source.checkpoint?.();
    const report = await db.transaction(async (tx) => {
      const [integration] = await tx
        .insert(integrations)
        .values({ kind: source.kind, name: source.name, config: source.config })
        .onConflictDoUpdate({ target: integrations.name, set: { config: source.config } })
        .returning({ id: integrations.id, created: sql<boolean>`(xmax = 0)` });
      if (!integration) throw new Error("integration upsert returned no row");
      // Invariant 8. Id and kind only: a default name is a file path or URL, which may name a person.
      if (integration.created) await recordAudit(tx, "system", "integration.created", { integrationId: integration.id, kind: source.kind });
      const defaultRoomId = await ensureDefaultRoom(tx, options, directory.defaultRoomId, integration.id);
      const merged = parsed
        ? await mergeStaging(tx, staging, integration.id, defaultRoomId)
        : { staged: unchanged.bookings, inserted: 0, updated: 0, cancelled: 0 };
      await analyseAfterLargeWrite(tx, merged.inserted + merged.updated);
      const byKey = await cancelByKey(tx, integration.id, [...cancelledKeys]);
      const disappeared =
        (await cancelDisappeared(tx, staging, integration.id, coverageRange(staging, source.coverage, options.window))) +
        (await cancelDisappeared(tx, staging, integration.id, completeRoomsRange(checkpoint, options.window)));
      // Dashboards read rollups: bring those of every local day written above up to date before commit.
      await refreshTouchedRollups(tx);

      const report = {
        integrationId: integration.id,
        status: counts.rejected > 0 ? ("partial" as const) : ("succeeded" as const),
        ...counts,
        inserted: merged.inserted,
        updated: merged.updated,
        unchanged: merged.staged - merged.inserted - merged.updated,
        cancelled: merged.cancelled + byKey + disappeared,
        rejections,
      };
      const [run] = await tx
        .insert(syncRuns)
        .values({ ...report, startedAt, finishedAt: new Date() })
        .returning({ id: syncRuns.id });
      if (!run) throw new Error("sync run insert returned no row");
      await tx
        .update(integrations)
        .set({
          lastStatus: report.status,
          lastSyncAt: new Date(),
          cursor: checkpoint ? checkpoint.cursor : { lastImportAt: startedAt.toISOString() },
        })
        .where(sql`${integrations.id} = ${integration.id}`);
      return { ...report, runId: run.id };
    });
    if (database.kind === "pglite" && report.inserted + report.updated + report.cancelled > 0) await refreshStatistics(db);
    return report;
  } finally {
    await dropStagingTable(db, staging);
  }
}

/** Whether the integration stored digests of its rows (a CSV import did): only then can a re-import skip any. */
async function hasRowDigests(db: Database["db"], integrationId: number): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM bookings WHERE integration_id = ${integrationId}::integer AND source_digest IS NOT NULL) AS any`,
  );
  return row?.any === true;
}

/** Below this many rows written, plans made for a stale row count still finish quickly. */
const LARGE_WRITE_ROWS = 1000;

/**
 * The planner's statistics of `bookings` date from before this transaction: after a first import it
 * still took the table for empty, and joined the new rows by nested loops in the statements that
 * follow (a first import of 20k bookings spent 17 s finding disappeared bookings and 118 s writing
 * seat-fill periods). So after a write of a tenth of the table or more (autovacuum's own threshold)
 * the table is analysed inside the transaction: ANALYZE samples a fixed number of rows, counting the
 * transaction's own, and the statements after it are planned for the table as it is.
 */
async function analyseAfterLargeWrite(tx: Tx, written: number): Promise<void> {
  if (written < LARGE_WRITE_ROWS) return;
  const [row] = await queryRows<{ tuples: number }>(tx, sql`SELECT reltuples::float8 AS tuples FROM pg_class WHERE oid = 'bookings'::regclass`);
  // reltuples is -1 for a table never analysed.
  if (written >= 0.1 * Math.max(row?.tuples ?? 0, 0)) await tx.execute(sql`ANALYZE bookings`);
}

/**
 * The embedded database has no autovacuum, so without this its planner never learns how many bookings
 * there are: the preference query took 17 s on the demo data instead of 0.8 s. ANALYZE samples a fixed
 * number of rows, so it costs about the same at any size. The server's autovacuum does this itself.
 */
async function refreshStatistics(db: Database["db"]): Promise<void> {
  await db.execute(sql`ANALYZE bookings, rooms, organizers, room_hour_rollups`);
}

/** Source keys may embed host names or other text; only their digest is stored. */
export function hashSourceKey(sourceKey: string): string {
  // One-shot digest: no Hash object per row (a tenth of the streaming time at a million rows).
  return hash("sha256", sourceKey, "base64url");
}

type Tx = Parameters<Parameters<Database["db"]["transaction"]>[0]>[0];

/**
 * The feed's own room (`--room`), created, or reactivated when inactive (the directory knows active
 * rooms only), and then audited like any room-directory change (invariant 8): that also tells the
 * planner view cache that the directory changed. Id only: a room's name may name a person.
 */
async function ensureDefaultRoom(tx: Tx, options: IngestOptions, existingId: number | null, integrationId: number): Promise<number | null> {
  if (options.defaultRoom === null || existingId !== null) return existingId;
  const [created] = await tx
    .insert(rooms)
    .values({ name: options.defaultRoom.trim(), timeZone: options.timeZone })
    .onConflictDoUpdate({ target: rooms.name, set: { active: true } })
    .returning({ id: rooms.id });
  if (!created) throw new Error("room upsert returned no row");
  await recordAudit(tx, "system", "room.created", { roomId: created.id, integrationId });
  return created.id;
}

type MergeCounts = { staged: number; inserted: number; updated: number; cancelled: number };

/**
 * Writes the staged rows into `bookings`. A duplicate key inside one file keeps its last occurrence.
 * Each written row's local placement (lib/analytics/local-time.ts) is computed here, once, from its
 * room's zone; the local days of the rows written — and, for changed rows, of their old placement —
 * are recorded for the rollup refresh at the end of the transaction.
 *
 * Where the time goes (docs/benchmarks.md): the placement costs several time-zone conversions per row
 * and every written row costs five index entries and two foreign-key checks. So only rows that are new
 * or differ from the stored ones reach the INSERT: a re-import of an unchanged file is one join of the
 * staged keys against the unique index, and writes nothing. An integration with no bookings yet (a
 * first import) skips even that join and the conflict checks: the integration row, locked by the
 * caller's upsert, keeps any other import of it from adding bookings before this transaction commits.
 */
async function mergeStaging(tx: Tx, staging: string, integrationId: number, defaultRoomId: number | null) {
  const table = sql.raw(`"${staging}"`);
  // The de-duplicating sort and the key join spill to disk under the default 4 MB.
  await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
  // Row counts are unknown to the planner here (the staging table was never analysed), and its guesses
  // price these statements high enough for JIT compilation, which costs seconds and saves nothing.
  await tx.execute(sql`SET LOCAL jit = off`);
  await startTouching(tx);
  const [existing] = await queryRows<{ any: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM bookings WHERE integration_id = ${integrationId}::integer) AS any`,
  );
  const fresh = !existing?.any;
  const fields = sql.raw(FIELDS.join(", "));
  // Rows staged `unchanged` (unchanged-rows.ts) are their stored bookings: they only take part in choosing
  // a key's last listing. A row whose fields are all stored as they are but whose digest is not (a cell
  // Roomlens does not read changed, or the key, directory or mapping did) gets its new digest alone.
  const changed = fresh
    ? sql`changed AS MATERIALIZED (
        SELECT src.*, NULL::integer AS old_room_id, NULL::date AS old_local_day, NULL::smallint AS old_last_slot FROM src
      )`
    : sql`compared AS MATERIALIZED (
        SELECT src.*, b.id AS old_id, b.room_id AS old_room_id, b.local_day AS old_local_day, b.last_slot AS old_last_slot,
          b.id IS NULL OR (${sql.raw(prefixed("b", FIELDS))}) IS DISTINCT FROM (${sql.raw(prefixed("src", FIELDS))}) AS differs,
          b.source_digest IS DISTINCT FROM src.source_digest AS redigest
        FROM src LEFT JOIN bookings b ON b.integration_id = ${integrationId}::integer AND b.external_key = src.external_key
        WHERE NOT src.unchanged
      ), changed AS (
        SELECT * FROM compared WHERE differs
      ), redigested AS (
        UPDATE bookings b SET source_digest = c.source_digest FROM compared c WHERE b.id = c.old_id AND NOT c.differs AND c.redigest
      )`;
  // The WHERE on DO UPDATE repeats the comparison for a row another import wrote since `changed` looked.
  const onConflict = fresh
    ? sql``
    : sql`ON CONFLICT (integration_id, external_key) DO UPDATE SET
          room_id = excluded.room_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
          booked_at = excluded.booked_at, organizer_pseudonym = excluded.organizer_pseudonym,
          key_version = excluded.key_version, attendee_count = excluded.attendee_count, status = excluded.status,
          checked_in_at = excluded.checked_in_at, recurring = excluded.recurring, private = excluded.private,
          local_day = excluded.local_day, first_slot = excluded.first_slot, last_slot = excluded.last_slot,
          source_digest = excluded.source_digest, updated_at = now()
        WHERE (${sql.raw(prefixed("b", FIELDS))}) IS DISTINCT FROM (${sql.raw(prefixed("excluded", FIELDS))})`;
  const [row] = await queryRows<{ staged: number; inserted: number; updated: number; cancelled: number }>(
    tx,
    sql`
      WITH src AS MATERIALIZED (
        SELECT DISTINCT ON (external_key COLLATE "C") s.seq, coalesce(s.room_id, ${defaultRoomId}::integer) AS room_id, s.external_key,
          s.starts_at, s.ends_at, s.booked_at, s.organizer_pseudonym, s.key_version, s.attendee_count, s.status,
          s.checked_in_at, s.recurring, s.private, s.source_digest, s.unchanged
        -- Byte order: the keys are digests, any order groups them, and "C" sorts them without the
        -- locale's comparison (~2x faster at 200k rows).
        FROM ${table} s ORDER BY external_key COLLATE "C", seq DESC
      ), ${changed}, merged AS (
        INSERT INTO bookings AS b (${fields}, integration_id, external_key, local_day, first_slot, last_slot, source_digest)
        SELECT ${sql.raw(prefixed("c", FIELDS))}, ${integrationId}::integer, c.external_key, p.local_day, p.first_slot, p.last_slot,
          c.source_digest
        FROM changed c LEFT JOIN rooms r ON r.id = c.room_id
        LEFT JOIN LATERAL ${placement(sql`c.starts_at`, sql`c.ends_at`, sql`r.time_zone`)} p ON true
        -- In room order, two of the five indexes (room and start, room and local day) and the heap take
        -- their rows in runs rather than at random: at 200k rows ~30 % less WAL and fewer pages dirtied,
        -- and a room's bookings share pages, which the rollup refresh reads next, room by room.
        ORDER BY c.room_id, c.starts_at
        ${onConflict}
        RETURNING (xmax = 0) AS inserted, status, room_id, local_day, last_slot
      ), touched AS (
        ${insertPlacedDays(sql`(SELECT room_id, local_day, last_slot FROM merged
          UNION ALL SELECT old_room_id, old_local_day, old_last_slot FROM changed WHERE old_room_id IS NOT NULL)`)}
      )
      SELECT (SELECT count(*) FROM src)::integer AS staged,
        (count(*) FILTER (WHERE inserted))::integer AS inserted,
        (count(*) FILTER (WHERE NOT inserted))::integer AS updated,
        (count(*) FILTER (WHERE status = 'cancelled'))::integer AS cancelled
      FROM merged`,
  );
  if (!row) throw new Error("merge returned no counts");
  return row satisfies MergeCounts;
}

/** The stored fields a re-import compares: a row whose fields all match is left alone. */
const FIELDS = [
  "room_id", "starts_at", "ends_at", "booked_at", "organizer_pseudonym", "key_version",
  "attendee_count", "status", "checked_in_at", "recurring", "private",
] as const;

function prefixed(alias: string, columns: readonly string[]): string {
  return columns.map((column) => `${alias}.${column}`).join(", ");
}

/** One parameter however many values: a JSON array unpacked by the server (no 65k bind limit). */
function textList(values: readonly string[]) {
  return sql`(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * Cancels stored bookings the source cancelled by key. Only confirmed ones: a no-show that a
 * room system auto-released (and so deleted from the calendar) stays a no-show.
 */
async function cancelByKey(tx: Tx, integrationId: number, externalKeys: string[]): Promise<number> {
  if (externalKeys.length === 0) return 0;
  return writeAndTouch(
    tx,
    sql`
      UPDATE bookings SET status = 'cancelled', source_digest = NULL, updated_at = now()
      WHERE integration_id = ${integrationId} AND status = 'confirmed' AND external_key IN ${textList(externalKeys)}
      RETURNING room_id, starts_at, ends_at`,
  );
}

/** The stored bookings a snapshot source lists in full, as a condition on `b`; null when it lists none. */
function coverageRange(staging: string, coverage: IngestSource["coverage"], window: Window) {
  const table = sql.raw(`"${staging}"`);
  if (coverage === "none") return null;
  return coverage === "window"
    ? sql`b.starts_at >= ${window.from.toISOString()}::timestamptz AND b.starts_at < ${window.to.toISOString()}::timestamptz`
    : sql`b.starts_at BETWEEN (SELECT min(starts_at) FROM ${table}) AND (SELECT max(starts_at) FROM ${table})`;
}

/**
 * The confirmed bookings of the rooms a syncing source listed in full, inside the window. As with a
 * cancel by key, a no-show stays one: room systems release a no-show by removing the room.
 */
function completeRoomsRange(checkpoint: SyncCheckpoint | undefined, window: Window) {
  if (!checkpoint || checkpoint.completeRooms.length === 0) return null;
  return sql`b.status = 'confirmed'
    AND b.room_id IN (SELECT room_id FROM room_sources WHERE source_key IN ${textList(checkpoint.completeRooms)})
    AND b.starts_at >= ${window.from.toISOString()}::timestamptz AND b.starts_at < ${window.to.toISOString()}::timestamptz`;
}

/**
 * Bookings the source covers but no longer lists were deleted at the source: mark them cancelled. Their
 * row digest goes too: should the row come back as it was, it must be written again, not skipped.
 */
async function cancelDisappeared(tx: Tx, staging: string, integrationId: number, range: SQL | null): Promise<number> {
  if (range === null) return 0;
  const table = sql.raw(`"${staging}"`);
  return writeAndTouch(
    tx,
    sql`
      UPDATE bookings b SET status = 'cancelled', source_digest = NULL, updated_at = now()
      WHERE b.integration_id = ${integrationId} AND b.status <> 'cancelled' AND ${range}
        AND NOT EXISTS (SELECT 1 FROM ${table} s WHERE s.external_key = b.external_key)
      RETURNING b.room_id, b.starts_at, b.ends_at`,
  );
}

export type { GatedBooking };

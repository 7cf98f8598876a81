import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { candidateColumns, createPieces, insertCells, insertOrganizers, PIECES, type CellScope } from "./rollup-cells";
import { insertTouchedDays, TOUCHED, startTouching } from "./rollup-touch";
import { placement } from "./local-time";
import { loadWorkingTime } from "./scope";
import { rebuildChoiceRooms, refreshChoiceDays, staleChoiceRooms, withGroupMates } from "./choice-periods";
import { rebuildUsageRooms, refreshUsageDays, staleUsageRooms } from "./usage-periods";
import { rebuildCheckinRooms, refreshCheckinDays, staleCheckinRooms } from "./checkin-periods";
import { roomList } from "./periods";
import { rebuildSeatFillRooms, refreshSeatFillDays, staleSeatFillRooms } from "./seat-fill-periods";
import { dirtyPressureBands, lockPressureBands, rebuildPressureBands, refreshPressureDays, repairDirtyPressureDays, stalePressureBands, SWEPT_BAND_DAYS } from "./pressure-periods";
import { capacityBandIds } from "./bands";
import { lockHeatmap, rebuildHeatmap, refreshHeatmapDays, repairHeatmapDays, SWEPT_DAYS } from "./heatmap-periods";

export { startTouching, writeAndTouch, insertTouchedDays, insertPlacedDays } from "./rollup-touch";

/** Sets a booking row's placement columns (bookings.local_day, first_slot, last_slot) from its room's zone. */
const placeRow = sql`(local_day, first_slot, last_slot) =
  (SELECT p.local_day, p.first_slot, p.last_slot FROM rooms r,
     LATERAL ${placement(sql`bookings.starts_at`, sql`bookings.ends_at`, sql`r.time_zone`)} p
   WHERE r.id = bookings.room_id)`;

/**
 * Recomputes the rollups of every room-day this transaction touched (rollup-touch.ts), so they match
 * the bookings at commit. Call once, after the transaction's last write to bookings. Bookings written
 * without placement (by code that bypasses the pipeline) are placed here and their days refreshed too.
 */
export async function refreshTouchedRollups(tx: Db): Promise<void> {
  await startTouching(tx);
  await tx.execute(sql`
    WITH placed AS (UPDATE bookings SET ${placeRow} WHERE local_day IS NULL RETURNING room_id, starts_at, ends_at)
    ${insertTouchedDays(sql`placed`)}`);
  const [any] = await queryRows<{ touched: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM ${TOUCHED}) AS touched`);
  if (!any?.touched) return;
  // With their group mates: their choice periods are rebuilt too (choice-periods.ts).
  await lockRooms(tx, withGroupMates(sql`SELECT room_id FROM ${TOUCHED}`));
  await tx.execute(sql`DELETE FROM room_hour_rollups c USING ${TOUCHED} t WHERE c.room_id = t.room_id AND c.day = t.day`);
  // The candidates are read twice (organizer ids, then cells): find them once. Analysed, so the cell
  // statement is planned for their real number (after a first import: every booking of the file).
  await tx.execute(sql`CREATE TEMP TABLE rollup_candidates ON COMMIT DROP AS ${touchedCandidates()}`);
  await tx.execute(sql`ANALYZE ${CANDIDATES}, ${TOUCHED}`);
  await writeCells(tx, {
    candidates: sql`SELECT ${candidateColumns} FROM ${CANDIDATES} b`,
    keep: (room, day) => sql`EXISTS (SELECT 1 FROM ${TOUCHED} t WHERE t.room_id = ${room} AND t.day = ${day})`,
  });
  await tx.execute(sql`DROP TABLE ${CANDIDATES}`);
  const time = await loadWorkingTime(tx);
  await refreshUsageDays(tx, sql`SELECT room_id, day FROM ${TOUCHED}`, time);
  await refreshCheckinDays(tx, sql`SELECT room_id, day FROM ${TOUCHED}`, time);
  await refreshSeatFillDays(tx, sql`SELECT room_id, day FROM ${TOUCHED}`, time);
  await refreshChoiceDays(tx, sql`SELECT room_id, day FROM ${TOUCHED}`, time);
  // Last: they take the band locks, then the heatmap's, after every room lock (no deadlock with another writer).
  await refreshPressureDays(tx, sql`SELECT room_id, day FROM ${TOUCHED}`, time);
  await refreshHeatmapDays(tx, sql`SELECT room_id, day FROM ${TOUCHED}`, time);
  await tx.execute(sql`TRUNCATE ${TOUCHED}`);
}

/**
 * The candidates of the touched days: per run of consecutive touched days of a room, one range of the
 * (room_id, local_day) index, from two days before (a booking lasts at most 24 h — the
 * bookings_at_most_a_day check — so it reaches two local days after its own at most).
 */
function touchedCandidates(): SQL {
  return sql`
    SELECT DISTINCT ON (b.id) ${candidateColumns}
    FROM (
      SELECT room_id, min(day) AS first_day, max(day) AS last_day
      FROM (SELECT room_id, day, day - (row_number() OVER (PARTITION BY room_id ORDER BY day))::integer AS run FROM ${TOUCHED}) x
      GROUP BY room_id, run
    ) u
    JOIN bookings b ON b.room_id = u.room_id AND b.local_day BETWEEN u.first_day - 2 AND u.last_day
    WHERE b.status <> 'cancelled'`;
}

const CANDIDATES = sql.raw("pg_temp.rollup_candidates");

/** Key space of the advisory locks below (any constant no other lock in Roomlens uses). */
const ROLLUP_LOCKS = 7_270_011;

/**
 * Two transactions refreshing one room would each compute from bookings the other has not committed,
 * and the later writer would drop the earlier one's bookings from the rollups. A lock per room, held to
 * commit and taken in room order (no deadlock), makes the second wait, then read both.
 */
async function lockRooms(tx: Db, roomIds: SQL): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCKS}::integer, room_id) FROM (SELECT DISTINCT room_id FROM (${roomIds}) x ORDER BY room_id) r`,
  );
}

/** Organizer ids of the candidates, then the cells of the kept room-days. */
async function writeCells(tx: Db, scope: CellScope): Promise<void> {
  await writePieceCells(tx, scope, insertOrganizers(scope.candidates));
}

/**
 * The cells of the kept room-days, from pieces of the candidates, after `first` (the organizer ids,
 * unless the caller wrote them already).
 */
async function writePieceCells(tx: Db, scope: CellScope, first?: SQL): Promise<void> {
  // The planner cannot see how few slots a booking has and prices these statements high enough for
  // JIT compilation, which costs seconds and saves nothing on a refresh.
  await tx.execute(sql`SET LOCAL jit = off`);
  if (first) await tx.execute(first);
  await tx.execute(createPieces(scope));
  await tx.execute(sql`ANALYZE ${PIECES}`);
  await tx.execute(insertCells(scope));
  await tx.execute(sql`DROP TABLE ${PIECES}`);
}

/**
 * Rebuilds the rollups of whole rooms, for a change that moves every booking of a room (its time
 * zone): placement first, then every day of the room.
 */
export async function refreshRoomRollups(tx: Db, roomIds: readonly number[]): Promise<void> {
  if (roomIds.length === 0) return;
  const rooms = sql`(SELECT unnest(${`{${roomIds.join(",")}}`}::integer[]) AS room_id)`;
  await lockRooms(tx, withGroupMates(sql`SELECT room_id FROM ${rooms} x`));
  await tx.execute(sql`UPDATE bookings SET ${placeRow} WHERE room_id IN ${rooms}`);
  await tx.execute(sql`DELETE FROM room_hour_rollups WHERE room_id IN ${rooms}`);
  await writeCells(tx, { candidates: everyBooking(sql`b.room_id IN ${rooms}`), keep: () => sql`true` });
  const time = await loadWorkingTime(tx);
  await rebuildUsageRooms(tx, sql`SELECT room_id FROM ${rooms} x`, time);
  await rebuildCheckinRooms(tx, sql`SELECT room_id FROM ${rooms} x`, time);
  await rebuildSeatFillRooms(tx, sql`SELECT room_id FROM ${rooms} x`, time);
  await rebuildChoiceRooms(tx, sql`SELECT room_id FROM ${rooms} x`, time);
}

/**
 * Rebuilds every rollup from the bookings, in one transaction: after a bulk load that wrote bookings
 * directly (benchmarks), or when migrating a database that predates rollups (see `ensureRollups`).
 */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
    await tx.execute(sql`UPDATE bookings SET ${placeRow} WHERE local_day IS NULL`);
    // TRUNCATE, not DELETE: a rebuild replaces every row, and would leave the table twice its size.
    await tx.execute(sql`TRUNCATE room_hour_rollups`);
    await writeCells(tx, { candidates: everyBooking(), keep: () => sql`true` });
    const time = await loadWorkingTime(tx);
    await rebuildUsageRooms(tx, sql`SELECT id FROM rooms`, time);
    await rebuildCheckinRooms(tx, sql`SELECT id FROM rooms`, time);
    await rebuildSeatFillRooms(tx, sql`SELECT id FROM rooms`, time);
    await rebuildChoiceRooms(tx, sql`SELECT id FROM rooms`, time);
    await lockPressureBands(tx, capacityBandIds);
    await rebuildPressureBands(tx, capacityBandIds, time);
    await lockHeatmap(tx);
    await rebuildHeatmap(tx, time);
    await tx.execute(sql`ANALYZE usage_periods, checkin_periods, seat_fill_periods, choice_periods, pressure_periods, heatmap_periods`);
    await pruneOrganizers(tx);
  });
}

/** Every booking that holds its room, as rollup candidates; `where` narrows them. */
function everyBooking(where: SQL = sql`true`): SQL {
  return sql`SELECT ${candidateColumns} FROM bookings b WHERE b.status <> 'cancelled' AND ${where}`;
}

/**
 * `rebuildRollups` for a bulk load on a server with several cores, but for the choice periods
 * (`rebuildChoicePeriodsInParallel`, once the bookings' indexes are back): the room set is cut into `parts`
 * disjoint shares (room id modulo `parts`) whose cells are written side by side, each share in its own
 * transaction on its own connection, as one statement uses one core. Not atomic as a whole, so only
 * for a database nobody reads yet (the benchmarks' bulk loads); placement and organizer ids are
 * written first, in one transaction, so the shares never insert the same organizer.
 */
export async function rebuildRollupsInParallel(db: Db, parts: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE bookings SET ${placeRow} WHERE local_day IS NULL`);
    await tx.execute(sql`TRUNCATE room_hour_rollups`);
    await tx.execute(insertOrganizers(everyBooking()));
  });
  await Promise.all(
    Array.from({ length: parts }, (_, part) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
        // Organizer ids are all written above: each share writes cells only.
        await writePieceCells(tx, { candidates: everyBooking(sql`b.room_id % ${parts}::integer = ${part}::integer`), keep: () => sql`true` });
        const time = await loadWorkingTime(tx);
        await rebuildUsageRooms(tx, sql`SELECT id FROM rooms WHERE id % ${parts}::integer = ${part}::integer`, time);
        await rebuildCheckinRooms(tx, sql`SELECT id FROM rooms WHERE id % ${parts}::integer = ${part}::integer`, time);
        await rebuildSeatFillRooms(tx, sql`SELECT id FROM rooms WHERE id % ${parts}::integer = ${part}::integer`, time);
      }),
    ),
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`ANALYZE usage_periods, checkin_periods, seat_fill_periods`);
    await pruneOrganizers(tx);
  });
}

/**
 * The choice periods of every room, for a bulk load after `rebuildRollupsInParallel`, once the
 * bookings' indexes exist (judging a booking probes its peers' bookings by room and start; without
 * the index a 10 M load ran for over ten minutes). Shared among `parts` transactions by building: a
 * room's periods are built with its whole group, which is one building's.
 */
export async function rebuildChoicePeriodsInParallel(db: Db, parts: number): Promise<void> {
  await Promise.all(
    Array.from({ length: parts }, (_, part) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
        await tx.execute(sql`SET LOCAL jit = off`);
        const rooms = sql`SELECT id FROM rooms WHERE mod(abs(hashtext(building)::bigint), ${parts}::integer) = ${part}::integer`;
        await rebuildChoiceRooms(tx, rooms, await loadWorkingTime(tx));
      }),
    ),
  );
  await db.execute(sql`ANALYZE choice_periods`);
}

/**
 * The pressure periods of every band, for a bulk load once the bookings' indexes exist, shared among
 * `parts` transactions by band (a band's groups are built together).
 */
export async function rebuildPressurePeriodsInParallel(db: Db, parts: number): Promise<void> {
  await Promise.all(
    Array.from({ length: parts }, (_, part) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
        await tx.execute(sql`SET LOCAL jit = off`);
        const bands = capacityBandIds.filter((_, i) => i % parts === part);
        await lockPressureBands(tx, bands);
        await rebuildPressureBands(tx, bands, await loadWorkingTime(tx));
      }),
    ),
  );
  await db.execute(sql`ANALYZE pressure_periods`);
}

/**
 * Rebuilds the periods (room usage, check-ins, seat fill, choices, pressure, then the heatmap) of every room or
 * band whose periods no longer match its capacity, group, zone or the working time (seat-fill-periods.ts,
 * choice-periods.ts, pressure-periods.ts, heatmap-periods.ts), and writes their dirty days, one
 * transaction each with those rooms or bands locked. Views over them read the bookings or the hour
 * rollups until then. Returns how many rooms, bands and days it rebuilt (each counted once per family).
 */
export async function repairPeriods(db: Db): Promise<number> {
  return (
    (await repairUsagePeriods(db)) +
    (await repairCheckinPeriods(db)) +
    (await repairSeatFillPeriods(db)) +
    (await repairChoicePeriods(db)) +
    (await repairPressurePeriods(db)) +
    (await repairHeatmapPeriods(db))
  );
}

/**
 * repairPeriods' part for the heatmap: with a stale basis every day is marked dirty; then the dirty
 * days are written, a run of SWEPT_DAYS per transaction (a write waits for one run at most). Returns
 * how many days.
 */
export async function repairHeatmapPeriods(db: Db): Promise<number> {
  let days = 0;
  let written: number;
  do {
    written = await db.transaction(async (tx) => {
      await lockHeatmap(tx);
      await tx.execute(sql`SET LOCAL jit = off`);
      return repairHeatmapDays(tx, await loadWorkingTime(tx));
    });
    days += written;
  } while (written === SWEPT_DAYS);
  if (days > 0) await db.execute(sql`ANALYZE heatmap_periods`);
  return days;
}

/**
 * repairPeriods' part for pressure: the bands with a stale group, each rebuilt whole in its own
 * transaction (writes to a band wait for its rebuild), then the dirty days of the others, a run of
 * SWEPT_BAND_DAYS per transaction (a write waits for one run at most). Returns how many bands and days.
 */
export async function repairPressurePeriods(db: Db): Promise<number> {
  const stale = await stalePressureBands(db, await loadWorkingTime(db), true);
  for (const band of stale) {
    await db.transaction(async (tx) => {
      await lockPressureBands(tx, [band]);
      await tx.execute(sql`SET LOCAL jit = off`);
      await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
      // Read again under the lock: another repair may have rebuilt it meanwhile.
      const time = await loadWorkingTime(tx);
      if ((await stalePressureBands(tx, time, true)).includes(band)) await rebuildPressureBands(tx, [band], time);
      await tx.execute(sql`ANALYZE pressure_periods`);
    });
  }
  let days = 0;
  for (const band of await dirtyPressureBands(db)) {
    // Until a run comes back short: days a write marks meanwhile wait for the next repair.
    let written: number;
    do {
      written = await db.transaction(async (tx) => {
        await lockPressureBands(tx, [band]);
        await tx.execute(sql`SET LOCAL jit = off`);
        return repairDirtyPressureDays(tx, band, await loadWorkingTime(tx));
      });
      days += written;
    } while (written === SWEPT_BAND_DAYS);
  }
  return stale.length + days;
}

/** repairPeriods' part for room usage (from the hour rollups: quick). */
export async function repairUsagePeriods(db: Db): Promise<number> {
  const stale = await staleUsageRooms(db, await loadWorkingTime(db));
  if (stale.length === 0) return 0;
  await db.transaction(async (tx) => {
    await lockRooms(tx, roomList(stale));
    await tx.execute(sql`SET LOCAL jit = off`);
    await rebuildUsageRooms(tx, roomList(stale), await loadWorkingTime(tx));
    await tx.execute(sql`ANALYZE usage_periods`);
  });
  return stale.length;
}

/** repairPeriods' part for ghosts and occupied utilisation (from the hour rollups and the rooms' check-in bookings). */
export async function repairCheckinPeriods(db: Db): Promise<number> {
  const stale = await staleCheckinRooms(db, await loadWorkingTime(db));
  if (stale.length === 0) return 0;
  await db.transaction(async (tx) => {
    await lockRooms(tx, roomList(stale));
    await tx.execute(sql`SET LOCAL jit = off`);
    await rebuildCheckinRooms(tx, roomList(stale), await loadWorkingTime(tx));
    await tx.execute(sql`ANALYZE checkin_periods`);
  });
  return stale.length;
}

export async function repairSeatFillPeriods(db: Db): Promise<number> {
  const stale = await staleSeatFillRooms(db, await loadWorkingTime(db));
  if (stale.length === 0) return 0;
  await db.transaction(async (tx) => {
    await lockRooms(tx, roomList(stale));
    await tx.execute(sql`SET LOCAL jit = off`);
    await rebuildSeatFillRooms(tx, roomList(stale), await loadWorkingTime(tx));
    // Views plan their joins from the table's statistics: after a rebuild of many rooms they are stale.
    await tx.execute(sql`ANALYZE seat_fill_periods`);
  });
  return stale.length;
}

/** repairPeriods' part for choices: the stale rooms are rebuilt with their whole groups. */
export async function repairChoicePeriods(db: Db): Promise<number> {
  const stale = await staleChoiceRooms(db, await loadWorkingTime(db));
  if (stale.length === 0) return 0;
  await db.transaction(async (tx) => {
    await lockRooms(tx, withGroupMates(roomList(stale)));
    await tx.execute(sql`SET LOCAL jit = off`);
    await rebuildChoiceRooms(tx, roomList(stale), await loadWorkingTime(tx));
    await tx.execute(sql`ANALYZE choice_periods`);
  });
  return stale.length;
}

/** Rebuilds when bookings lack placement (a database from before rollups, or a direct bulk load). */
export async function ensureRollups(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ unplaced: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM bookings WHERE local_day IS NULL) AS unplaced`);
  if (!row?.unplaced) return false;
  await rebuildRollups(db);
  return true;
}

/**
 * Forgets organizer ids no booking carries any more (after a purge or an integration's removal), so
 * the mapping never outlives the bookings' retention.
 */
export async function pruneOrganizers(tx: Db): Promise<void> {
  await tx.execute(
    sql`DELETE FROM organizers o WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.organizer_pseudonym = o.pseudonym)`,
  );
}

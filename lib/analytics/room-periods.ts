import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { servedByRollups } from "./local-time";
import { dayBounds, MAX_ORGANIZER_CAP, roomList, workingTimeFingerprint } from "./periods";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * What the per-room period families (usage-periods.ts, checkin-periods.ts, seat-fill-periods.ts) do
 * alike around their own SQL: which rooms a write rebuilds whole and which it brings up to date day by
 * day, the basis that says what each room's periods were built for, and whether a view may read them.
 *
 * A room's rows depend on its own bookings only (not its peers', unlike choice-periods.ts), so a write
 * touches the rooms it wrote to; and on the working time and some of the room's own columns, which
 * its basis row records. A room whose basis is missing or stale is rebuilt whole; a view reads the
 * periods only when no active room it covers is unreadable so.
 */

/** Columns of `rooms` a family's periods depend on besides the working time: copied into its basis. */
export type BasisColumn = "time_zone" | "capacity";

/** The temp tables of a write: the rooms written (room_id), and a refresh's room-days of them (room_id, day). */
export type RoomPeriodTemps = { rooms: SQL; units: SQL };

export interface RoomPeriodFamily {
  /** The period table, with a `room_id` column; its name prefixes the temp tables' (`<periods>_rooms`, `_units`). */
  periods: string;
  /** The basis table: `room_id`, `working_time` and `basisColumns`. */
  basis: string;
  basisColumns: readonly BasisColumn[];
  /** The days (column `day`) a whole rebuild of the rooms of `rooms` (room_id) covers. */
  rebuildDays(rooms: SQL): SQL;
  /**
   * Writes the rows of the rooms of `temps.rooms` over `range`, replacing theirs: every row of those
   * rooms, or only those of the room-days of `temps.units` (and their months) when `onlyUnits`.
   */
  writePeriods(tx: Db, temps: RoomPeriodTemps, range: DateRange, time: WorkingTime, onlyUnits: boolean): Promise<void>;
}

/** The days with hour rollups of the rooms of `rooms`: what a family summed from the rollups rebuilds. */
export const hourRollupDays = (rooms: SQL): SQL => sql`SELECT day FROM room_hour_rollups WHERE room_id IN (SELECT room_id FROM ${rooms})`;

/**
 * For a family whose month rows sum its day rows (usage, check-in), after `writePeriods` wrote the day
 * rows: deletes the month rows those days fall in and returns them (room_id, month) for the family's
 * insert. A month whose days all went has no day left but changed all the same.
 */
export async function replacedMonths(tx: Db, table: string, { rooms, units }: RoomPeriodTemps, onlyUnits: boolean): Promise<SQL> {
  const periods = sql.raw(table);
  // A whole rebuild may have written most of the table in this transaction (a first import does), and
  // statistics from before it chose the (grain, period) index for the months' reads of a room's days:
  // a check-in month write of 200k bookings took 28 s instead of about one.
  if (!onlyUnits) await tx.execute(sql`ANALYZE ${periods}`);
  const months = onlyUnits
    ? sql`SELECT DISTINCT room_id, date_trunc('month', day)::date AS month FROM ${units}`
    : sql`SELECT DISTINCT room_id, date_trunc('month', period)::date AS month FROM ${periods} WHERE grain = 'day' AND room_id IN (SELECT room_id FROM ${rooms})`;
  await tx.execute(sql`DELETE FROM ${periods} p USING (${months}) m WHERE p.room_id = m.room_id AND p.grain = 'month' AND p.period = m.month`);
  return months;
}

export interface RoomPeriods {
  /**
   * Rebuilds every period of `rooms` (a query of room ids). Rooms locked by the caller. Under working
   * hours the periods cannot hold (not on the hour), their rows and basis go instead (nothing derived
   * from bookings a write removed may stay), so that they are rebuilt before they are read again, even
   * should the working time go back to the one they were built for.
   */
  rebuildRooms(tx: Db, rooms: SQL, time: WorkingTime): Promise<void>;
  /**
   * Brings the periods of the room-days `touched` (a query of room_id, day; their hour rollups just
   * rewritten) up to date; rooms whose basis is missing or stale are rebuilt whole.
   */
  refreshDays(tx: Db, touched: SQL, time: WorkingTime): Promise<void>;
  /** The active rooms (ids) whose periods cannot be read: what a repair rebuilds. */
  staleRooms(db: Db, time: WorkingTime): Promise<number[]>;
  /**
   * Whether the periods can answer a view of the active rooms `scope` (over rooms `r`) selects, all by
   * default, with working time `time` and organizers capped at `cap` (none: not countable from them).
   */
  serve(db: Db, time: WorkingTime, cap: number | undefined, scope?: SQL): Promise<boolean>;
}

export function roomPeriods(family: RoomPeriodFamily): RoomPeriods {
  const periods = sql.raw(family.periods);
  const basis = sql.raw(family.basis);
  const ROOMS = sql.raw(`pg_temp.${family.periods}_rooms`);
  const UNITS = sql.raw(`pg_temp.${family.periods}_units`);
  const temps: RoomPeriodTemps = { rooms: ROOMS, units: UNITS };

  /** Basis row `s` of room `r` no longer matches the room or the working time. */
  const staleBasis = (time: WorkingTime) =>
    sql.join(
      [
        sql`s.working_time <> ${workingTimeFingerprint(time)}::text`,
        ...family.basisColumns.map((column) => sql`s.${sql.raw(column)} IS DISTINCT FROM r.${sql.raw(column)}`),
      ],
      sql` OR `,
    );

  /** Basis row `s` (left-joined) of room `r` cannot be read: missing though the room has bookings, or stale. */
  const unreadable = (time: WorkingTime) =>
    sql`(CASE WHEN s.room_id IS NULL THEN EXISTS (SELECT 1 FROM bookings b WHERE b.room_id = r.id) ELSE (${staleBasis(time)}) END)`;

  async function chooseRooms(tx: Db, rooms: SQL): Promise<void> {
    await tx.execute(sql`DROP TABLE IF EXISTS ${ROOMS}`);
    await tx.execute(sql`CREATE TEMP TABLE ${ROOMS} ON COMMIT DROP AS SELECT DISTINCT x.room_id FROM (${rooms}) AS x(room_id)`);
    await tx.execute(sql`ANALYZE ${ROOMS}`);
  }

  /** Records that the active rooms in ROOMS have periods for `time` and their current basis columns. */
  async function writeBasis(tx: Db, time: WorkingTime): Promise<void> {
    const columns = sql.raw(family.basisColumns.map((column) => `, ${column}`).join(""));
    const values = sql.raw(family.basisColumns.map((column) => `, r.${column}`).join(""));
    await tx.execute(sql`DELETE FROM ${basis} WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
    await tx.execute(sql`
      INSERT INTO ${basis} (room_id, working_time${columns})
      SELECT r.id, ${workingTimeFingerprint(time)}::text${values}
      FROM rooms r WHERE r.active AND r.id IN (SELECT room_id FROM ${ROOMS})`);
  }

  async function rebuildRooms(tx: Db, rooms: SQL, time: WorkingTime): Promise<void> {
    await chooseRooms(tx, rooms);
    if (!servedByRollups(time)) {
      await tx.execute(sql`DELETE FROM ${periods} WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
      await tx.execute(sql`DELETE FROM ${basis} WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
      return;
    }
    const range = await dayBounds(tx, family.rebuildDays(ROOMS));
    if (range) await family.writePeriods(tx, temps, range, time, false);
    else await tx.execute(sql`DELETE FROM ${periods} WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
    // Rooms without rows get their basis all the same: it says they need none.
    await writeBasis(tx, time);
  }

  async function refreshDays(tx: Db, touched: SQL, time: WorkingTime): Promise<void> {
    const touchedRooms = sql`SELECT DISTINCT room_id FROM (${touched}) t`;
    // Not rewritable under these hours: the rebuild drops the rooms' rows and basis.
    if (!servedByRollups(time)) return rebuildRooms(tx, touchedRooms, time);
    const stale = await queryRows<{ room_id: number }>(
      tx,
      sql`SELECT r.id AS room_id FROM rooms r LEFT JOIN ${basis} s ON s.room_id = r.id
        WHERE r.id IN (${touchedRooms}) AND (s.room_id IS NULL OR ${staleBasis(time)})`,
    );
    const staleIds = stale.map((row) => row.room_id);
    if (staleIds.length > 0) await rebuildRooms(tx, roomList(staleIds), time);
    await chooseRooms(tx, sql`SELECT room_id FROM (${touchedRooms}) t WHERE NOT (room_id = ANY (${`{${staleIds.join(",")}}`}::integer[]))`);
    await tx.execute(sql`DROP TABLE IF EXISTS ${UNITS}`);
    await tx.execute(sql`CREATE TEMP TABLE ${UNITS} ON COMMIT DROP AS SELECT DISTINCT t.room_id, t.day FROM (${touched}) t JOIN ${ROOMS} x ON x.room_id = t.room_id`);
    await tx.execute(sql`ANALYZE ${UNITS}`);
    const range = await dayBounds(tx, sql`SELECT day FROM ${UNITS}`);
    if (!range) return;
    await family.writePeriods(tx, temps, range, time, true);
    await writeBasis(tx, time);
  }

  async function staleRooms(db: Db, time: WorkingTime): Promise<number[]> {
    if (!servedByRollups(time)) return [];
    const rows = await queryRows<{ room_id: number }>(
      db,
      sql`SELECT r.id AS room_id FROM rooms r LEFT JOIN ${basis} s ON s.room_id = r.id
        WHERE r.active AND ${unreadable(time)} ORDER BY r.id`,
    );
    return rows.map((row) => row.room_id);
  }

  async function serve(db: Db, time: WorkingTime, cap: number | undefined, scope: SQL = sql`true`): Promise<boolean> {
    if (cap === undefined || cap > MAX_ORGANIZER_CAP || !servedByRollups(time)) return false;
    const [row] = await queryRows<{ serve: boolean }>(
      db,
      sql`SELECT NOT EXISTS (
        SELECT 1 FROM rooms r LEFT JOIN ${basis} s ON s.room_id = r.id WHERE r.active AND ${scope} AND ${unreadable(time)}
      ) AS serve`,
    );
    return row?.serve === true;
  }

  return { rebuildRooms, refreshDays, staleRooms, serve };
}

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { bandSql } from "./bands";
import { servedByRollups } from "./local-time";
import { addDays, dayBounds, MAX_ORGANIZER_CAP, workingTimeFingerprint } from "./periods";
import { fastPressureCtes, PRESSURE_SHARE } from "./pressure-sql";
import { inRange, pressureDayCtes, pressureGroupCtes, pressureResult } from "./reference/pressure";
import { coversEveryRoom, type RoomFilters } from "./room-filter";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Pressure from day periods (db/schema/rollups.ts `pressure_periods`): per group (capacity band ×
 * building, and band × all buildings) and day of the group's zone, the peak, the pressured seconds,
 * the bookings and the 100 smallest organizer ids. A quarter at 10 M bookings then reads some twenty
 * thousand rows instead of sweeping 1.4 M bookings (reference/pressure.ts defines the figures so
 * that a range's are its days' sums, maxima and unions).
 *
 * A group day depends on every room of the group: a write to one room rewrites the days around it for
 * every group of its band (the all-buildings group holds the whole band). A day's figures also depend
 * on who the members are (the share of rooms booked, the group's zone) and on the working time:
 * `pressure_basis` records, per group, the members and working time its rows were built for. While any
 * group's differs, views read the bookings, and the warm-up schedule rebuilds those bands.
 */

const band = bandSql(sql`r.capacity`);

/** Per current group (band, all_buildings, building: '' for all), the key of its members and their zones. */
const groupKeys = sql`
  SELECT ${band} AS band, g.building IS NULL AS all_buildings, coalesce(g.building, '') AS building,
    md5(string_agg(r.id || '/' || r.time_zone, ',' ORDER BY r.id)) AS key
  FROM rooms r CROSS JOIN LATERAL (VALUES (r.building), (NULL::text)) AS g(building)
  WHERE r.active AND ${analysedRoom()} AND ${band} IS NOT NULL
  GROUP BY 1, 2, 3`;

/**
 * The bands with a group whose basis differs, or is missing while the group's rooms have bookings, or
 * with a basis of a group that is gone. A band nobody booked has no rows to read, built or not.
 */
function staleBandsSql(time: WorkingTime, unbuilt: boolean): SQL {
  return sql`
    SELECT coalesce(k.band, s.band) AS band
    FROM (${groupKeys}) k FULL JOIN pressure_basis s ON s.band = k.band AND s.all_buildings = k.all_buildings AND s.building = k.building
    WHERE CASE WHEN s.band IS NULL
      -- One probe of the bookings' room index per room: as a join, a group's check was planned as a scan
      -- of every booking per room (55 s in the import of a million bookings).
      THEN ${unbuilt}::boolean OR EXISTS (
        SELECT 1 FROM rooms r CROSS JOIN LATERAL (SELECT 1 FROM bookings b WHERE b.room_id = r.id LIMIT 1) booked
        WHERE r.active AND ${analysedRoom()} AND ${band} = k.band AND (k.all_buildings OR r.building = k.building))
      ELSE k.key IS DISTINCT FROM s.group_key OR s.working_time <> ${workingTimeFingerprint(time)}::text END
    GROUP BY 1 ORDER BY 1`;
}

/**
 * The bands whose periods cannot be read; with `unbuilt`, also those with a group never built (no
 * bookings yet): what a repair rebuilds, so that the first booking of such a band is refreshed at once.
 */
export async function stalePressureBands(db: Db, time: WorkingTime, unbuilt = false): Promise<string[]> {
  if (!servedByRollups(time)) return [];
  return (await queryRows<{ band: string }>(db, staleBandsSql(time, unbuilt))).map((row) => row.band);
}

/** Key space of the band locks below (any constant no other lock in Roomlens uses). */
const PRESSURE_LOCKS = 7_270_012;

/**
 * A group day is computed from all its rooms' bookings: two transactions refreshing one band would
 * each miss the other's, and the later would drop them. A lock per band, held to commit and taken in
 * band order after the room locks, makes the second wait, then read both.
 */
export async function lockPressureBands(tx: Db, bands: readonly string[]): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${PRESSURE_LOCKS}::integer, hashtext(b)) FROM unnest(${textArray(bands)}::text[]) AS b ORDER BY b`);
}

function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v}"`).join(",")}}`;
}

/** Rooms of the bands `bands` (as pressure's groups see them: active, analysed). */
function inBands(bands: readonly string[]): SQL {
  return sql`(${analysedRoom()} AND ${band} = ANY(${textArray(bands)}::text[]))`;
}

/**
 * Writes the rows of every group of `bands` for the days of `range` that `keep` keeps (a predicate
 * over a group's band and a day), from the bookings `reads` names (of its `days`, and those past midnight
 * of its `overnightDays`), or all. The rows being replaced are deleted by the caller.
 */
async function writeDays(
  tx: Db,
  bands: readonly string[],
  range: DateRange,
  time: WorkingTime,
  keep: (band: SQL, day: SQL) => SQL,
  reads?: { days: readonly string[]; overnightDays: readonly string[] },
) {
  // The groups' members and the parts first, analysed: planned inside one statement, their numbers are
  // guessed forty and a hundred times too low, and the sweep below was planned as nested loops that
  // ran for minutes.
  await tx.execute(sql`DROP TABLE IF EXISTS ${MEMBERS}, ${PARTS}`);
  await tx.execute(sql`CREATE TEMP TABLE pressure_members ON COMMIT DROP AS WITH ${pressureGroupCtes(inBands(bands))} SELECT * FROM grouped`);
  await tx.execute(sql`
    CREATE TEMP TABLE pressure_parts ON COMMIT DROP AS
    WITH ${fastPressureCtes(range, time, inBands(bands), reads?.days)}
    SELECT room_id, day, id, organizer_pseudonym, p FROM parts`);
  if (reads && reads.overnightDays.length > 0) {
    await tx.execute(sql`
      INSERT INTO ${PARTS}
      WITH ${fastPressureCtes(range, time, inBands(bands), reads.overnightDays, sql`b.last_slot >= 24`)}
      SELECT room_id, day, id, organizer_pseudonym, p FROM parts`);
  }
  await tx.execute(sql`ANALYZE ${MEMBERS}, ${PARTS}`);
  await tx.execute(sql`
    INSERT INTO pressure_periods (band, all_buildings, building, day, peak, pressured_seconds, bookings, organizer_ids)
    WITH grouped AS (SELECT * FROM ${MEMBERS}),
    groups AS MATERIALIZED (SELECT gid, building, band, count(*) AS rooms FROM ${MEMBERS} GROUP BY gid, building, band),
    parts AS (SELECT * FROM ${PARTS}),
    ${pressureDayCtes(PRESSURE_SHARE, keep)},
    people AS (
      SELECT s.gid, s.day, count(DISTINCT s.id)::integer AS bookings,
        coalesce((array_agg(DISTINCT o.id ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL))[1:${MAX_ORGANIZER_CAP}], '{}') AS ids
      FROM split s LEFT JOIN organizers o ON o.pseudonym = s.organizer_pseudonym
      GROUP BY s.gid, s.day
    )
    SELECT gr.band, gr.building IS NULL, coalesce(gr.building, ''), w.day, w.peak, w.pressured, p.bookings, p.ids
    FROM day_sweep w JOIN people p ON p.gid = w.gid AND p.day = w.day JOIN groups gr ON gr.gid = w.gid`);
  await tx.execute(sql`DROP TABLE ${MEMBERS}, ${PARTS}`);
}

const MEMBERS = sql.raw("pg_temp.pressure_members");
const PARTS = sql.raw("pg_temp.pressure_parts");

/** Records that the current groups of `bands` have rows for their members and `time`. */
async function writeBasis(tx: Db, bands: readonly string[], time: WorkingTime): Promise<void> {
  await tx.execute(sql`DELETE FROM pressure_basis WHERE band = ANY(${textArray(bands)}::text[])`);
  await tx.execute(sql`
    INSERT INTO pressure_basis (band, all_buildings, building, group_key, working_time)
    SELECT band, all_buildings, building, key, ${workingTimeFingerprint(time)}::text
    FROM (${groupKeys}) k WHERE band = ANY(${textArray(bands)}::text[])`);
}

/** Days per statement of a rebuild: a quarter of 10 M bookings' sweep fits in work_mem. */
const REBUILD_DAYS = 61;

/**
 * Rebuilds every row of the bands `bands` from the bookings, in runs of days. Bands locked by the
 * caller (`lockPressureBands`).
 */
export async function rebuildPressureBands(tx: Db, bands: readonly string[], time: WorkingTime): Promise<void> {
  if (bands.length === 0) return;
  await tx.execute(sql`DELETE FROM pressure_periods WHERE band = ANY(${textArray(bands)}::text[])`);
  await tx.execute(sql`DELETE FROM pressure_dirty WHERE band = ANY(${textArray(bands)}::text[])`);
  if (!servedByRollups(time)) {
    await tx.execute(sql`DELETE FROM pressure_basis WHERE band = ANY(${textArray(bands)}::text[])`);
    return;
  }
  const booked = await dayBounds(
    tx,
    sql`SELECT b.local_day AS day FROM bookings b JOIN rooms r ON r.id = b.room_id WHERE r.active AND ${inBands(bands)}`,
  );
  if (booked) {
    // A booking's time lies on its start day and the two after.
    const all = { from: booked.from, to: addDays(booked.to, 2) };
    for (let from = all.from; from <= all.to; from = addDays(from, REBUILD_DAYS)) {
      const to = addDays(from, REBUILD_DAYS - 1) < all.to ? addDays(from, REBUILD_DAYS - 1) : all.to;
      await writeDays(tx, bands, { from, to }, time, inRange({ from, to }));
    }
  }
  await writeBasis(tx, bands, time);
}

const UNITS = sql.raw("pg_temp.pressure_units");

/**
 * Band days a write sweeps in its own transaction. Each is its rooms' whole day, about 30 ms at 10 M
 * bookings (5,000 rooms), so this keeps a write's share under two seconds; a write touching more (the
 * exclusion of someone who books most days: two thousand band days, a minute) deletes their rows and
 * leaves them to the repair, in runs of this size.
 */
export const SWEPT_BAND_DAYS = 60;

/**
 * Brings the rows up to date after writes to the room-days `touched` (a query of room_id, day): the
 * touched days of every group of the touched rooms' bands, from the bookings that reach them; more
 * than SWEPT_BAND_DAYS of them are deleted and marked in `pressure_dirty` instead (views over them read
 * the bookings until the repair writes them). Bands with a stale basis are left to the repair. Takes
 * the band locks.
 */
export async function refreshPressureDays(tx: Db, touched: SQL, time: WorkingTime): Promise<void> {
  const rows = await queryRows<{ band: string }>(
    tx,
    sql`SELECT DISTINCT ${band} AS band FROM rooms r WHERE r.active AND ${analysedRoom()} AND ${band} IS NOT NULL
      AND r.id IN (SELECT room_id FROM (${touched}) t) ORDER BY 1`,
  );
  const bands = rows.map((row) => row.band);
  if (bands.length === 0) return;
  await lockPressureBands(tx, bands);
  await tx.execute(sql`DROP TABLE IF EXISTS ${UNITS}`);
  await tx.execute(sql`
    CREATE TEMP TABLE pressure_units ON COMMIT DROP AS
    SELECT DISTINCT ${band} AS band, to_char(t.day, 'YYYY-MM-DD') AS day FROM (${touched}) t JOIN rooms r ON r.id = t.room_id
    WHERE ${band} = ANY(${textArray(bands)}::text[])`);
  // Whatever follows, the touched days' rows go: nothing derived from bookings a write removed (an
  // exclusion's) may stay, not even in a band the views do not read until its repair.
  await tx.execute(sql`DELETE FROM pressure_periods p USING ${UNITS} u WHERE p.band = u.band AND p.day = u.day::date`);
  if (!servedByRollups(time)) {
    await tx.execute(sql`DELETE FROM pressure_basis WHERE band = ANY(${textArray(bands)}::text[])`);
    return;
  }
  // A stale band is not read, and is left to the repair (a rebuild of a band reads all its bookings:
  // minutes at 10 M, too long for an import or a click to wait). Read under the lock: a repair that
  // was running has committed, and one that starts later waits for this write.
  const stale = new Set(await stalePressureBands(tx, time));
  const fresh = bands.filter((b) => !stale.has(b));
  const units = await queryRows<{ band: string; day: string }>(
    tx,
    sql`SELECT band, day FROM ${UNITS} WHERE band = ANY(${textArray(fresh)}::text[]) ORDER BY band, day`,
  );
  if (units.length > SWEPT_BAND_DAYS) {
    await tx.execute(sql`INSERT INTO pressure_dirty (band, day) SELECT band, day::date FROM ${UNITS} WHERE band = ANY(${textArray(fresh)}::text[]) ON CONFLICT DO NOTHING`);
    return;
  }
  for (const freshBand of fresh) {
    const days = units.filter((unit) => unit.band === freshBand).map((unit) => unit.day);
    if (days.length > 0) await writeBandDays(tx, freshBand, days, time);
  }
}

/**
 * Writes the rows of every group of band `bandId` for `days` (ISO days, sorted; rows deleted by the
 * caller), and clears their dirty marks.
 */
async function writeBandDays(tx: Db, bandId: string, days: readonly string[], time: WorkingTime): Promise<void> {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return;
  // The bookings that reach a day began on it, or past midnight on one of the two days before
  // (through their partial index): probed by (room, day), so a refresh reads those days only, however
  // far apart.
  const overnightDays = [...new Set(days.flatMap((day) => [addDays(day, -1), addDays(day, -2)]))].filter((day) => !days.includes(day));
  const dayList = `{${days.join(",")}}`;
  await writeDays(tx, [bandId], { from: first, to: last }, time, (_groupBand, day) => sql`${day} = ANY(${dayList}::date[])`, { days, overnightDays });
  await tx.execute(sql`DELETE FROM pressure_dirty WHERE band = ${bandId} AND day = ANY(${dayList}::date[])`);
}

/**
 * Writes up to SWEPT_BAND_DAYS of the dirty days of band `bandId` (its first), under its lock taken
 * by the caller. Returns how many; none for a stale band, which its rebuild writes whole.
 */
export async function repairDirtyPressureDays(tx: Db, bandId: string, time: WorkingTime): Promise<number> {
  if (!servedByRollups(time) || (await stalePressureBands(tx, time, true)).includes(bandId)) return 0;
  const rows = await queryRows<{ day: string }>(
    tx,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM pressure_dirty WHERE band = ${bandId} ORDER BY day LIMIT ${SWEPT_BAND_DAYS}`,
  );
  const days = rows.map((row) => row.day);
  await writeBandDays(tx, bandId, days, time);
  return days.length;
}

/** The bands with dirty days. */
export async function dirtyPressureBands(db: Db): Promise<string[]> {
  return (await queryRows<{ band: string }>(db, sql`SELECT DISTINCT band FROM pressure_dirty ORDER BY band`)).map((row) => row.band);
}

/**
 * Whether the periods can answer pressure over `range` for `filters` with working time `time` and
 * organizers capped at `cap`: every band current, and no dirty day of a band in scope in the range.
 */
export async function pressurePeriodsServe(db: Db, range: DateRange, time: WorkingTime, filters: RoomFilters, cap: number | undefined): Promise<boolean> {
  if (cap === undefined || cap > MAX_ORGANIZER_CAP || !servedByRollups(time)) return false;
  // Groups are whole bands: a band filter keeps whole groups; any other filter makes other ones.
  if (!coversEveryRoom({ ...filters, band: undefined })) return false;
  // One round trip per view read: no stale band, and no dirty day in scope.
  const [row] = await queryRows<{ serve: boolean }>(
    db,
    sql`SELECT NOT EXISTS (${staleBandsSql(time, false)}) AND NOT EXISTS (
      SELECT 1 FROM pressure_dirty WHERE day BETWEEN ${range.from}::date AND ${range.to}::date
        AND ${filters.band === undefined ? sql`true` : sql`band = ${filters.band}`}) AS serve`,
  );
  return row?.serve === true;
}

/** pressure.ts's result rows from the periods of the range, organizers counted up to `cap`. */
export function pressureFromPeriodsSql(range: DateRange, time: WorkingTime, scope: SQL, cap: number): SQL {
  return sql`
    WITH ${fastPressureCtes(range, time, scope)},
    day_parts AS MATERIALIZED (
      SELECT gr.gid, p.day, p.peak, p.pressured_seconds AS pressured, p.bookings, p.organizer_ids AS ids
      FROM groups gr JOIN pressure_periods p ON p.band = gr.band AND p.all_buildings = (gr.building IS NULL)
        AND p.building = coalesce(gr.building, '') AND p.day BETWEEN ${range.from}::date AND ${range.to}::date
    ),
    day_rows AS (
      SELECT gid, day, peak, pressured, bookings, least(cardinality(ids), ${cap}::integer) AS organizers FROM day_parts
    ),
    -- A group is at the cap when one of its days is; only the others take a union of their days' ids.
    group_sums AS MATERIALIZED (
      SELECT gid, sum(bookings) AS bookings, bool_or(cardinality(ids) >= ${cap}::integer) AS full FROM day_parts GROUP BY gid
    ),
    group_people AS (
      SELECT s.gid, s.bookings, CASE WHEN s.full THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END AS organizers
      FROM group_sums s LEFT JOIN (
        SELECT d.gid, count(DISTINCT u.id) AS organizers
        FROM day_parts d JOIN group_sums s ON s.gid = d.gid AND NOT s.full CROSS JOIN LATERAL unnest(d.ids) AS u(id)
        GROUP BY d.gid
      ) n ON n.gid = s.gid
    )
    ${pressureResult}`;
}

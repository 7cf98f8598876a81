import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { bandSql } from "./bands";
import { servedByRollups } from "./local-time";
import { SEAT_BUCKET, SEAT_DATA, SEAT_FILL } from "./reference/seat-fill";
import { roomLabelColumns } from "./room-filter";
import { fastCtes, placedBookings } from "./rollup-sql";
import { dayBounds, MAX_ORGANIZER_CAP, periodRowsOf, roomList, workingTimeFingerprint } from "./periods";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Seat fill from periods (db/schema/rollups.ts `seat_fill_periods`): per room, local day or month and
 * bucket, the bookings, the weighted seconds and the smallest 100 organizer ids. A quarter of 5,000
 * rooms at 10 M bookings reads ~75,000 of these rows instead of 1.4 M bookings.
 *
 * Two things make that exact:
 * - Only bookings that end on their local start day are in the periods. All their minutes fall on that
 *   day, so whether one counts and how much does not depend on the range around it. The few that run
 *   past midnight (`last_slot` ≥ 24) are read from the bookings, clipped to the range as before.
 * - Organizers are counted up to a cap, the view's k: min(k, distinct) is exact from each part's 100
 *   smallest ids, and the small-group rule needs no more (cell-suppression.ts). A cell is at the cap as
 *   soon as one of its parts holds k ids; only the others take a union of ids.
 *
 * The periods are built for one working time and one capacity per room (`seat_fill_basis`). A view
 * asked with another working time (a what-if, a settings change not yet rebuilt) or over a room whose
 * capacity or zone changed reads the bookings instead (seat-fill.ts).
 */

/** A basis row that no longer matches its room or the working time (`s`: seat_fill_basis, `r`: rooms). */
const staleBasis = (fingerprint: string) =>
  sql`(s.working_time <> ${fingerprint}::text OR s.capacity IS DISTINCT FROM r.capacity OR s.time_zone <> r.time_zone)`;

/**
 * Room `r` (rooms, with its basis `s` left-joined) has periods that cannot be read: its basis is stale,
 * or it has none though it has bookings (a room without bookings needs no periods).
 */
const unreadable = (fingerprint: string) =>
  sql`(CASE WHEN s.room_id IS NULL THEN EXISTS (SELECT 1 FROM bookings b WHERE b.room_id = r.id) ELSE ${staleBasis(fingerprint)} END)`;

const UNITS = sql.raw("pg_temp.seat_fill_units");

/** Seconds of booking `b` inside the working windows `z` it is joined with, summed (as seat-fill.ts weighs it). */
export const secondsInWindows = sql`sum(date_part('epoch', upper(z.win * tstzrange(b.starts_at, b.ends_at)) - lower(z.win * tstzrange(b.starts_at, b.ends_at))))`;
/** For booking `b` and its weight `w` (null when it has no seat fill): its bucket, 4 for none, and fill × seconds. */
const bucketOrLeft = sql`CASE WHEN w.id IS NULL THEN 4 ELSE ${SEAT_BUCKET} END`;
const weightedOrZero = sql`CASE WHEN w.id IS NULL THEN 0 ELSE ${SEAT_FILL} * w.seconds END`;

/**
 * Rebuilds the periods of the (room_id, month) pairs `units` yields (month: its first day) from the
 * bookings, and records each active unit room's basis. Call with the rooms locked (rollup-refresh.ts).
 */
async function writeUnits(tx: Db, units: SQL, time: WorkingTime): Promise<void> {
  await tx.execute(sql`DROP TABLE IF EXISTS ${UNITS}`);
  await tx.execute(sql`CREATE TEMP TABLE seat_fill_units ON COMMIT DROP AS SELECT DISTINCT room_id, month FROM (${units}) u`);
  const range = await dayBounds(tx, sql`SELECT month AS day FROM ${UNITS} UNION ALL SELECT (month + interval '1 month' - interval '1 day')::date FROM ${UNITS}`);
  if (!range) return;
  await tx.execute(sql`ANALYZE ${UNITS}`);
  await tx.execute(sql`
    DELETE FROM seat_fill_periods p USING ${UNITS} u
    WHERE p.room_id = u.room_id AND p.period >= u.month AND p.period < (u.month + interval '1 month')::date`);
  await tx.execute(sql`
    INSERT INTO seat_fill_periods (room_id, grain, period, bucket, bookings, weighted_fill_seconds, seconds, organizer_ids)
    WITH ${fastCtes(range, time, sql`r.id IN (SELECT room_id FROM ${UNITS})`)},
    same_day AS MATERIALIZED (
      SELECT b.* FROM in_range b JOIN ${UNITS} u ON u.room_id = b.room_id AND u.month = date_trunc('month', b.local_day)::date
      WHERE b.last_slot < 24 AND b.status <> 'cancelled' AND b.capacity >= 1
    ),
    weights AS (
      SELECT b.id, ${secondsInWindows} AS seconds
      FROM same_day b JOIN window_days z ON z.window_key = b.window_key AND z.day = b.local_day
      WHERE b.work_days & 1 <> 0 AND ${SEAT_DATA}
      GROUP BY b.id
    ),
    per_booking AS (
      SELECT b.room_id, b.local_day, o.id AS organizer,
        ${bucketOrLeft} AS bucket, ${weightedOrZero} AS weighted, coalesce(w.seconds, 0) AS seconds
      FROM same_day b LEFT JOIN weights w ON w.id = b.id LEFT JOIN organizers o ON o.pseudonym = b.organizer_pseudonym
    )
    SELECT p.room_id, g.grain, g.period, p.bucket, count(*)::integer, sum(p.weighted), sum(p.seconds),
      coalesce((array_agg(DISTINCT p.organizer ORDER BY p.organizer) FILTER (WHERE p.organizer IS NOT NULL))[1:${MAX_ORGANIZER_CAP}], '{}')
    FROM per_booking p CROSS JOIN LATERAL (VALUES ('day', p.local_day), ('month', date_trunc('month', p.local_day)::date)) AS g(grain, period)
    GROUP BY p.room_id, g.grain, g.period, p.bucket`);
  await writeBasis(tx, sql`SELECT room_id FROM ${UNITS}`, time);
  await tx.execute(sql`DROP TABLE ${UNITS}`);
}

/**
 * Periods cannot be built for working hours that do not start and end on the hour (servedByRollups),
 * so a write under such hours cannot rewrite its rooms' periods: their rows go (nothing derived from
 * bookings it removed may stay) and their basis too, so that they are rebuilt before they are read
 * again, even should the working time go back to the one they were built for.
 */
async function forgetRooms(tx: Db, rooms: SQL): Promise<void> {
  await tx.execute(sql`DELETE FROM seat_fill_periods WHERE room_id IN (${rooms})`);
  await tx.execute(sql`DELETE FROM seat_fill_basis WHERE room_id IN (${rooms})`);
}

/** Records that `rooms`' periods match their capacity, zone and `time`; an inactive room gets none (it is not built). */
async function writeBasis(tx: Db, rooms: SQL, time: WorkingTime): Promise<void> {
  await tx.execute(sql`DELETE FROM seat_fill_basis WHERE room_id IN (${rooms})`);
  await tx.execute(sql`
    INSERT INTO seat_fill_basis (room_id, capacity, time_zone, working_time)
    SELECT r.id, r.capacity, r.time_zone, ${workingTimeFingerprint(time)}::text FROM rooms r WHERE r.active AND r.id IN (${rooms})`);
}

/**
 * Rebuilds every period of `rooms` (a query of room_id) from their bookings. Rooms locked by the caller.
 */
export async function rebuildSeatFillRooms(tx: Db, rooms: SQL, time: WorkingTime): Promise<void> {
  if (!servedByRollups(time)) return forgetRooms(tx, rooms);
  await tx.execute(sql`DELETE FROM seat_fill_periods WHERE room_id IN (${rooms})`);
  await writeUnits(tx, sql`SELECT room_id, date_trunc('month', local_day)::date AS month FROM bookings WHERE room_id IN (${rooms}) AND local_day IS NOT NULL`, time);
  // Rooms without bookings have no units: their basis says so all the same.
  await writeBasis(tx, rooms, time);
}

/**
 * Brings the periods of the room-days `touched` (a query of room_id, day) up to date: the months
 * they fall in, for rooms whose periods match their basis; every period, for the others (a room new to
 * the periods, or one whose capacity, zone or working time changed since).
 */
export async function refreshSeatFillDays(tx: Db, touched: SQL, time: WorkingTime): Promise<void> {
  if (!servedByRollups(time)) return forgetRooms(tx, sql`SELECT room_id FROM (${touched}) t`);
  const fingerprint = workingTimeFingerprint(time);
  const stale = await queryRows<{ room_id: number }>(
    tx,
    sql`SELECT DISTINCT t.room_id FROM (${touched}) t JOIN rooms r ON r.id = t.room_id
      LEFT JOIN seat_fill_basis s ON s.room_id = t.room_id
      WHERE s.room_id IS NULL OR ${staleBasis(fingerprint)}`,
  );
  await writeUnits(
    tx,
    sql`SELECT t.room_id, date_trunc('month', t.day)::date AS month FROM (${touched}) t
      JOIN seat_fill_basis s ON s.room_id = t.room_id JOIN rooms r ON r.id = t.room_id
      WHERE NOT ${staleBasis(fingerprint)}`,
    time,
  );
  if (stale.length > 0) await rebuildSeatFillRooms(tx, roomList(stale.map((row) => row.room_id)), time);
}

/** The rooms (ids) whose periods do not match their basis though they have bookings: what a repair rebuilds. */
export async function staleSeatFillRooms(db: Db, time: WorkingTime): Promise<number[]> {
  if (!servedByRollups(time)) return [];
  const rows = await queryRows<{ room_id: number }>(
    db,
    sql`SELECT r.id AS room_id FROM rooms r LEFT JOIN seat_fill_basis s ON s.room_id = r.id
      WHERE r.active AND ${unreadable(workingTimeFingerprint(time))}
      ORDER BY r.id`,
  );
  return rows.map((row) => row.room_id);
}


/**
 * Whether the periods can answer a view of the rooms `scope` selects with working time `time`: every
 * such room's basis matches it, or the room has no bookings at all.
 */
export async function periodsServe(db: Db, time: WorkingTime, scope: SQL, cap: number | undefined): Promise<boolean> {
  if (cap === undefined || cap > MAX_ORGANIZER_CAP || !servedByRollups(time)) return false;
  const [row] = await queryRows<{ serve: boolean }>(
    db,
    sql`SELECT NOT EXISTS (
      SELECT 1 FROM rooms r LEFT JOIN seat_fill_basis s ON s.room_id = r.id
      WHERE r.active AND ${scope} AND ${unreadable(workingTimeFingerprint(time))}
    ) AS serve`,
  );
  return row?.serve === true;
}

/**
 * seat-fill.ts's result rows (the same levels and columns as `seatFillResult`) from the periods of
 * the range and its overnight bookings, organizers counted up to `cap`.
 */
export function seatFillPeriodsSql(range: DateRange, time: WorkingTime, scope: SQL, cap: number): SQL {
  const band = bandSql(sql`r.capacity`);
  // Each part counts towards these cells: its room's bucket, room, band bucket, band and the total (buckets 0–3),
  // its room's left-out bookings (bucket 4), and all its room's bookings.
  return sql`
    WITH ${fastCtes(range, time, scope)},
    -- From the bookings themselves, through their partial index: in_range, read by several CTEs, would be materialised whole.
    overnight AS MATERIALIZED (
      SELECT * FROM (${placedBookings(range, sql`b.last_slot >= 24 AND b.status <> 'cancelled'`)}) b WHERE b.capacity >= 1
    ),
    overnight_weights AS (
      SELECT b.id, ${secondsInWindows} AS seconds
      FROM overnight b CROSS JOIN (VALUES (0), (1), (2)) AS k(k)
      JOIN window_days z ON z.window_key = b.window_key AND z.day = b.local_day + k.k
      WHERE b.work_days & (1 << k.k) <> 0 AND ${SEAT_DATA}
      GROUP BY b.id
    ),
    parts AS (
      SELECT p.room_id, p.bucket, p.bookings, p.weighted_fill_seconds AS weighted, p.seconds, p.organizer_ids AS ids
      FROM scoped r JOIN rooms rr ON rr.id = r.id JOIN seat_fill_periods p ON p.room_id = rr.id
      WHERE ${periodRowsOf(range)}
      UNION ALL
      SELECT b.room_id,
        ${bucketOrLeft}, 1, ${weightedOrZero}, coalesce(w.seconds, 0),
        CASE WHEN o.id IS NULL THEN '{}'::integer[] ELSE ARRAY[o.id] END
      FROM overnight b LEFT JOIN overnight_weights w ON w.id = b.id LEFT JOIN organizers o ON o.pseudonym = b.organizer_pseudonym
    ),
    -- Per room and bucket (0–4): the sums, and whether one part alone holds the cap of organizers.
    room_buckets AS MATERIALIZED (
      SELECT room_id, bucket, sum(bookings) AS bookings, sum(weighted) AS weighted, sum(seconds) AS seconds,
        bool_or(cardinality(ids) >= ${cap}::integer) AS full
      FROM parts GROUP BY room_id, bucket
    ),
    -- The organizers of the room-buckets no single part fills: one union each, over a few periods.
    room_bucket_ids AS MATERIALIZED (
      SELECT DISTINCT p.room_id, p.bucket, u.id
      FROM parts p JOIN room_buckets rb ON rb.room_id = p.room_id AND rb.bucket = p.bucket AND NOT rb.full
      CROSS JOIN LATERAL unnest(p.ids) AS u(id)
    ),
    room_bucket_counts AS (
      SELECT rb.*, rb.full OR coalesce(n.organizers, 0) >= ${cap}::integer AS saturated
      FROM room_buckets rb
      LEFT JOIN (SELECT room_id, bucket, count(*) AS organizers FROM room_bucket_ids GROUP BY room_id, bucket) n
        ON n.room_id = rb.room_id AND n.bucket = rb.bucket
    ),
    -- The cells each room-bucket counts towards: itself; its room, band bucket, band and the total (buckets
    -- 0–3); its room's left-out bookings (4); all its room's bookings. A cell reaches the cap when one of
    -- its room-buckets does; only the others take a union of their room-buckets' organizers.
    memberships AS MATERIALIZED (
      SELECT rb.room_id, rb.bucket, rb.bookings, rb.weighted, rb.seconds, rb.saturated, c.level, c.band, c.cell_room, c.cell_bucket
      FROM room_bucket_counts rb JOIN scoped r ON r.id = rb.room_id
      CROSS JOIN LATERAL (VALUES
        ('room-bucket', ${band}, rb.room_id, rb.bucket),
        ('room', ${band}, rb.room_id, -1),
        ('band-bucket', ${band}, 0, rb.bucket),
        ('band', ${band}, 0, -1),
        ('total', '', 0, -1),
        ('left', ${band}, rb.room_id, -1),
        ('all', ${band}, rb.room_id, -1)
      ) AS c(level, band, cell_room, cell_bucket)
      WHERE CASE WHEN rb.bucket = 4 THEN c.level IN ('left', 'all') ELSE c.level <> 'left' END
    ),
    seat_cells AS (
      SELECT level, band, cell_room, cell_bucket, sum(bookings) AS bookings, sum(weighted) AS weighted, sum(seconds) AS seconds,
        bool_or(saturated) AS saturated
      FROM memberships GROUP BY level, band, cell_room, cell_bucket
    ),
    counted AS (
      SELECT c.level, c.band, c.cell_room, c.cell_bucket, count(DISTINCT i.id) AS organizers
      FROM seat_cells c
      JOIN memberships m ON m.level = c.level AND m.band = c.band AND m.cell_room = c.cell_room AND m.cell_bucket = c.cell_bucket
      JOIN room_bucket_ids i ON i.room_id = m.room_id AND i.bucket = m.bucket
      WHERE NOT c.saturated
      GROUP BY c.level, c.band, c.cell_room, c.cell_bucket
    )
    SELECT c.level, ${roomLabelColumns}, CASE WHEN c.level = 'total' THEN NULL ELSE c.band END AS band,
      CASE WHEN c.cell_bucket < 0 THEN NULL ELSE c.cell_bucket END::integer AS bucket, c.bookings::integer AS bookings,
      (CASE WHEN c.saturated THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END)::integer AS organizers,
      CASE WHEN c.level IN ('left', 'all') THEN 0 ELSE c.weighted END::float8 AS "weightedFillSeconds",
      CASE WHEN c.level IN ('left', 'all') THEN 0 ELSE c.seconds END::float8 AS seconds
    FROM seat_cells c
    LEFT JOIN counted n ON (n.level, n.band, n.cell_room, n.cell_bucket) = (c.level, c.band, c.cell_room, c.cell_bucket)
    LEFT JOIN rooms r ON r.id = CASE WHEN c.cell_room = 0 THEN NULL ELSE c.cell_room END`;
}

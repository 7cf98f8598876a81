import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bandSql } from "./bands";
import { SEAT_BUCKET, SEAT_DATA, SEAT_FILL } from "./reference/seat-fill";
import { roomLabelColumns } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { MAX_ORGANIZER_CAP, periodRowsOf, wholeMonths } from "./periods";
import { roomPeriods, type RoomPeriodTemps } from "./room-periods";
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
 * The periods are built for one working time and one capacity and zone per room (`seat_fill_basis`).
 * A view asked with another working time (a what-if, a settings change not yet rebuilt) or over a room
 * whose capacity or zone changed reads the bookings instead (seat-fill.ts).
 */

/** The (room_id, month) pairs (month: its first day) whose rows a write rebuilds: seat fill writes whole months. */
const MONTHS = sql.raw("pg_temp.seat_fill_months");

/** Seconds of booking `b` inside the working windows `z` it is joined with, summed (as seat-fill.ts weighs it). */
export const secondsInWindows = sql`sum(date_part('epoch', upper(z.win * tstzrange(b.starts_at, b.ends_at)) - lower(z.win * tstzrange(b.starts_at, b.ends_at))))`;
/** For booking `b` and its weight `w` (null when it has no seat fill): its bucket, 4 for none, and fill × seconds. */
const bucketOrLeft = sql`CASE WHEN w.id IS NULL THEN 4 ELSE ${SEAT_BUCKET} END`;
const weightedOrZero = sql`CASE WHEN w.id IS NULL THEN 0 ELSE ${SEAT_FILL} * w.seconds END`;

/**
 * Writes the rows of the rooms of `rooms` from their bookings, by whole month (day and month rows alike,
 * both from the bookings): every month they have bookings in, or only the months of the (room_id, day)
 * pairs of `units` when `onlyUnits`. Replaced rows are deleted first.
 */
async function writePeriods(tx: Db, { rooms, units }: RoomPeriodTemps, range: DateRange, time: WorkingTime, onlyUnits: boolean): Promise<void> {
  if (!onlyUnits) await tx.execute(sql`DELETE FROM seat_fill_periods WHERE room_id IN (SELECT room_id FROM ${rooms})`);
  const months = onlyUnits
    ? sql`SELECT room_id, date_trunc('month', day)::date AS month FROM ${units}`
    : sql`SELECT room_id, date_trunc('month', local_day)::date AS month FROM bookings WHERE room_id IN (SELECT room_id FROM ${rooms}) AND local_day IS NOT NULL`;
  await tx.execute(sql`DROP TABLE IF EXISTS ${MONTHS}`);
  await tx.execute(sql`CREATE TEMP TABLE ${MONTHS} ON COMMIT DROP AS SELECT DISTINCT room_id, month FROM (${months}) u`);
  await tx.execute(sql`ANALYZE ${MONTHS}`);
  await tx.execute(sql`
    DELETE FROM seat_fill_periods p USING ${MONTHS} u
    WHERE p.room_id = u.room_id AND p.period >= u.month AND p.period < (u.month + interval '1 month')::date`);
  await tx.execute(sql`
    INSERT INTO seat_fill_periods (room_id, grain, period, bucket, bookings, weighted_fill_seconds, seconds, organizer_ids)
    WITH ${fastCtes(wholeMonths(range), time, sql`r.id IN (SELECT room_id FROM ${MONTHS})`)},
    same_day AS MATERIALIZED (
      SELECT b.* FROM in_range b JOIN ${MONTHS} u ON u.room_id = b.room_id AND u.month = date_trunc('month', b.local_day)::date
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
  await tx.execute(sql`DROP TABLE ${MONTHS}`);
}

const seatFill = roomPeriods({
  periods: "seat_fill_periods",
  basis: "seat_fill_basis",
  // A booking's bucket is its fill of the room's capacity; its local day is in the room's zone.
  basisColumns: ["capacity", "time_zone"],
  rebuildDays: (rooms) => sql`SELECT local_day AS day FROM bookings WHERE room_id IN (SELECT room_id FROM ${rooms})`,
  writePeriods,
});

/** Rebuilds every seat-fill period of `rooms` (a query of room ids) from their bookings (room-periods.ts). */
export const rebuildSeatFillRooms = seatFill.rebuildRooms;
/**
 * Brings the seat-fill periods of the room-days `touched` (a query of room_id, day) up to date: the
 * months they fall in, or every period of a room whose basis is missing or stale (room-periods.ts).
 */
export const refreshSeatFillDays = seatFill.refreshDays;
/** The active rooms (ids) whose seat-fill periods cannot be read: what a repair rebuilds. */
export const staleSeatFillRooms = seatFill.staleRooms;

/**
 * Whether the periods can answer a view of the rooms `scope` selects with working time `time`: every
 * such room's basis matches it, or the room has no bookings at all.
 */
export function periodsServe(db: Db, time: WorkingTime, scope: SQL, cap: number | undefined): Promise<boolean> {
  return seatFill.serve(db, time, cap, scope);
}

/**
 * seat-fill.ts's result rows (the same levels and columns as `seatFillResult`) from the periods of
 * the range and its overnight bookings, organizers counted up to `cap`.
 *
 * The sums and organizers go up level by level: room-buckets, then each room's cells, then the cells
 * over rooms (band buckets, bands, the total) from the room cells. A cell over rooms with one room cell
 * at the cap is at the cap too, as nearly all are on a large estate; only the others take a union of
 * their rooms' organizers. (Joining every room-bucket to each of its seven cells and counting each
 * cell's organizers by a join took ~1 s of the ~1.3 s of a quarter at 1 M bookings.)
 */
export function seatFillPeriodsSql(range: DateRange, time: WorkingTime, scope: SQL, cap: number): SQL {
  const atCap = sql`${cap}::integer`;
  // fastCtes' in_range holds only the bookings past midnight, read through their partial index: the
  // periods hold the others. It is planned even unread (CTEs this query does not use refer to it), and
  // its cost over all bookings made Postgres compile the statement (JIT, ~150 ms).
  const overnight = sql`b.last_slot >= 24 AND b.status <> 'cancelled'`;
  return sql`
    WITH ${fastCtes(range, time, scope, overnight)},
    overnight AS (
      SELECT * FROM in_range b WHERE b.capacity >= 1
    ),
    overnight_weights AS (
      SELECT b.id, ${secondsInWindows} AS seconds
      FROM overnight b CROSS JOIN (VALUES (0), (1), (2)) AS k(k)
      JOIN window_days z ON z.window_key = b.window_key AND z.day = b.local_day + k.k
      WHERE b.work_days & (1 << k.k) <> 0 AND ${SEAT_DATA}
      GROUP BY b.id
    ),
    parts AS (
      SELECT p.room_id, ${bandSql(sql`r.capacity`)} AS band, p.bucket, p.bookings, p.weighted_fill_seconds AS weighted, p.seconds,
        p.organizer_ids AS ids
      FROM scoped r JOIN rooms rr ON rr.id = r.id JOIN seat_fill_periods p ON p.room_id = rr.id
      WHERE ${periodRowsOf(range)}
      UNION ALL
      SELECT b.room_id, ${bandSql(sql`b.capacity`)},
        ${bucketOrLeft}, 1, ${weightedOrZero}, coalesce(w.seconds, 0),
        CASE WHEN o.id IS NULL THEN '{}'::integer[] ELSE ARRAY[o.id] END
      FROM overnight b LEFT JOIN overnight_weights w ON w.id = b.id LEFT JOIN organizers o ON o.pseudonym = b.organizer_pseudonym
    ),
    -- Per room and bucket (0–4): the sums, and whether one part alone holds the cap of organizers.
    room_buckets AS MATERIALIZED (
      SELECT room_id, band, bucket, sum(bookings) AS bookings, sum(weighted) AS weighted, sum(seconds) AS seconds,
        bool_or(cardinality(ids) >= ${atCap}) AS full
      FROM parts GROUP BY room_id, band, bucket
    ),
    -- Each organizer of a room once, with the buckets it was met in (bit b: bucket b). A part that holds
    -- the cap alone adds none: every cell it counts towards is at the cap already (room_buckets.full).
    room_organizers AS MATERIALIZED (
      SELECT room_id, id, bit_or(1 << bucket) AS buckets
      FROM (SELECT room_id, bucket, unnest(ids) AS id FROM parts WHERE cardinality(ids) < ${atCap}) p
      GROUP BY room_id, id
    ),
    -- Per room, its organizers in each bucket (0–4, in that order), in buckets 0–3 and in all.
    room_counts AS (
      SELECT room_id,
        ARRAY[count(*) FILTER (WHERE buckets & 1 <> 0), count(*) FILTER (WHERE buckets & 2 <> 0), count(*) FILTER (WHERE buckets & 4 <> 0),
          count(*) FILTER (WHERE buckets & 8 <> 0), count(*) FILTER (WHERE buckets & 16 <> 0)] AS in_bucket,
        count(*) FILTER (WHERE buckets & 15 <> 0) AS seat_filled, count(*) AS every
      FROM room_organizers GROUP BY room_id
    ),
    -- Per room, the sums of buckets 0–3 (null when it has none) and of all its bookings.
    room_totals AS MATERIALIZED (
      SELECT room_id, band, sum(bookings) FILTER (WHERE bucket < 4) AS bookings, sum(weighted) FILTER (WHERE bucket < 4) AS weighted,
        sum(seconds) FILTER (WHERE bucket < 4) AS seconds, bool_or(rb.full) FILTER (WHERE bucket < 4) AS full,
        sum(bookings) AS all_bookings, bool_or(rb.full) AS all_full
      FROM room_buckets rb GROUP BY room_id, band
    ),
    -- A room's cells, each with the buckets it takes: its buckets 0–3 and left-out bookings (4) are its
    -- room-buckets; the room takes buckets 0–3, 'all' every one.
    room_cells AS MATERIALIZED (
      SELECT rb.room_id, rb.band, CASE WHEN rb.bucket = 4 THEN 'left' ELSE 'room-bucket' END AS level,
        CASE WHEN rb.bucket = 4 THEN -1 ELSE rb.bucket END AS cell_bucket, 1 << rb.bucket AS buckets,
        rb.bookings, rb.weighted, rb.seconds,
        CASE WHEN rb.full THEN ${atCap} ELSE least(coalesce(n.in_bucket[rb.bucket + 1], 0), ${atCap}) END AS organizers
      FROM room_buckets rb LEFT JOIN room_counts n ON n.room_id = rb.room_id
      UNION ALL
      SELECT t.room_id, t.band, 'room', -1, 15, t.bookings, t.weighted, t.seconds,
        CASE WHEN t.full THEN ${atCap} ELSE least(coalesce(n.seat_filled, 0), ${atCap}) END
      FROM room_totals t LEFT JOIN room_counts n ON n.room_id = t.room_id
      WHERE t.bookings IS NOT NULL
      UNION ALL
      SELECT t.room_id, t.band, 'all', -1, 31, t.all_bookings, 0, 0,
        CASE WHEN t.all_full THEN ${atCap} ELSE least(coalesce(n.every, 0), ${atCap}) END
      FROM room_totals t LEFT JOIN room_counts n ON n.room_id = t.room_id
    ),
    -- The cells over rooms, from the room cells of the same buckets: a band's room-buckets of bucket b
    -- make its bucket b, its rooms (0–3) the band, all rooms the total (band ''). Each is at the cap
    -- when one of those room cells is.
    wide_cells AS MATERIALIZED (
      SELECT CASE WHEN cell_bucket < 0 THEN 'band' ELSE 'band-bucket' END AS level, band, cell_bucket, buckets,
        sum(bookings) AS bookings, sum(weighted) AS weighted, sum(seconds) AS seconds, bool_or(organizers >= ${atCap}) AS saturated
      FROM room_cells WHERE level IN ('room-bucket', 'room') GROUP BY band, cell_bucket, buckets
      UNION ALL
      SELECT 'total', '', -1, 15, sum(bookings), sum(weighted), sum(seconds), bool_or(organizers >= ${atCap})
      FROM room_cells WHERE level = 'room' GROUP BY level
    ),
    -- For the cells over rooms below the cap: each organizer once per band (and once in all, band ''),
    -- with the buckets it was met in there. None are above the cap, so no part left its organizers out.
    band_organizers AS (
      SELECT w.band, o.id, bit_or(o.buckets) AS buckets
      FROM room_organizers o JOIN room_totals t ON t.room_id = o.room_id CROSS JOIN LATERAL (VALUES (t.band), ('')) AS w(band)
      WHERE w.band IN (SELECT band FROM wide_cells WHERE NOT saturated)
      GROUP BY w.band, o.id
    ),
    wide_counts AS (
      SELECT c.level, c.band, c.cell_bucket, count(*) AS organizers
      FROM wide_cells c JOIN band_organizers o ON o.band = c.band AND o.buckets & c.buckets <> 0
      WHERE NOT c.saturated
      GROUP BY c.level, c.band, c.cell_bucket
    ),
    seat_cells AS (
      SELECT level, band, room_id AS cell_room, cell_bucket, bookings, weighted, seconds, organizers FROM room_cells
      UNION ALL
      SELECT c.level, c.band, 0, c.cell_bucket, c.bookings, c.weighted, c.seconds,
        CASE WHEN c.saturated THEN ${atCap} ELSE least(coalesce(n.organizers, 0), ${atCap}) END
      FROM wide_cells c LEFT JOIN wide_counts n ON (n.level, n.band, n.cell_bucket) = (c.level, c.band, c.cell_bucket)
    )
    SELECT c.level, ${roomLabelColumns}, CASE WHEN c.level = 'total' THEN NULL ELSE c.band END AS band,
      CASE WHEN c.cell_bucket < 0 THEN NULL ELSE c.cell_bucket END::integer AS bucket, c.bookings::integer AS bookings,
      c.organizers::integer AS organizers,
      CASE WHEN c.level IN ('left', 'all') THEN 0 ELSE c.weighted END::float8 AS "weightedFillSeconds",
      CASE WHEN c.level IN ('left', 'all') THEN 0 ELSE c.seconds END::float8 AS seconds
    FROM seat_cells c
    LEFT JOIN rooms r ON r.id = CASE WHEN c.cell_room = 0 THEN NULL ELSE c.cell_room END`;
}

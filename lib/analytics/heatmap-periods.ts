import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { deleteBehaviourDays, writeBehaviourDays } from "./behaviour-periods";
import { heatmapAvailable, heatmapResult } from "./heatmap-sql";
import { servedByRollups } from "./local-time";
import { secondsFrom, dayBounds, edgeSeconds, MAX_ORGANIZER_CAP, workingBooked, workingHourRows, workingTimeFingerprint } from "./periods";
import { roomScope } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * The heatmap (heatmap.ts) and the weekly trends (trends.ts) from day periods (db/schema/rollups.ts
 * `heatmap_periods`): per local day and hour slot, over every analysed room, the booked seconds inside
 * the rooms' working hours, the bookings started and the smallest 100 organizer ids, summed from the
 * hour rollups. A quarter then reads some two thousand
 * rows instead of 1.6 M hour rows and their 1.9 M organizer ids (1.8 s of the dashboard's 2.6 s at
 * 10 M bookings).
 *
 * Exact because:
 * - a day's booked seconds are the sum of its hour rows, which count every booking touching the
 *   day. Only a range's first two days count fewer (bookings from before the range are left out:
 *   rollup-sql.ts `cells`), so a row also keeps the sums of its hours' own and recent seconds;
 * - a slot's organizer ids belong to the bookings' start day, whatever the range;
 * - organizers are counted up to a cap, the view's k: the heatmap's suppression reads its organizer
 *   counts only against k (dashboard.ts).
 *
 * The same days hold booking behaviour's rows (behaviour-periods.ts), written, deleted and marked with
 * these: both are over every room, for one working time.
 *
 * A day row depends on every room: a write to one room rewrites the days it touched, under one lock
 * for the table (`lockHeatmap`). A write touching more than SWEPT_DAYS deletes their rows and marks
 * them in `heatmap_dirty` instead, as pressure-periods.ts does: views over a range holding a dirty day
 * read the hour rollups until the repair (the server's warm-up schedule) writes them. The rows also
 * depend on which rooms are analysed, their buildings and zones, and the working time:
 * `heatmap_basis` records those, and when they change the repair marks every day dirty.
 */

/** The current rooms of the heatmap (active, analysed) with their buildings and zones, as one key. */
const roomsKey = sql`
  SELECT coalesce(md5(string_agg(r.id || '/' || r.building || '/' || r.time_zone, ',' ORDER BY r.id)), '') AS key
  FROM rooms r WHERE r.active AND ${analysedRoom()}`;

/** True when the basis row is for the current rooms and working time `time`. */
const basisCurrent = (time: WorkingTime) => sql`EXISTS (
  SELECT 1 FROM heatmap_basis s WHERE s.rooms_key = (${roomsKey}) AND s.working_time = ${workingTimeFingerprint(time)}::text)`;

/** Key space of the lock below (any constant no other lock in Roomlens uses). */
const HEATMAP_LOCK = 7_270_013;

/**
 * A day row is computed from every room's hour rows: two transactions refreshing one day would each
 * miss the other's rooms, and the later would drop them. One lock for the table, held to commit and
 * taken after the room and band locks (last in a write), makes the second wait, then read both.
 */
export async function lockHeatmap(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${HEATMAP_LOCK}::integer, 0)`);
}

/** Whether the heatmap's basis is missing or differs from the current rooms and working time. */
async function heatmapStale(db: Db, time: WorkingTime): Promise<boolean> {
  const [row] = await queryRows<{ current: boolean }>(db, sql`SELECT ${basisCurrent(time)} AS current`);
  return row?.current !== true;
}

/**
 * Writes the rows of `days` (ISO days, sorted) from the hour rollups, replacing any there, and clears
 * their dirty marks. Under the lock.
 */
async function writeDays(tx: Db, days: readonly string[], time: WorkingTime): Promise<void> {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return;
  const dayList = `{${days.join(",")}}`;
  await tx.execute(sql`DELETE FROM heatmap_periods WHERE day = ANY(${dayList}::date[])`);
  await tx.execute(sql`
    INSERT INTO heatmap_periods (day, hour, booked_seconds, booked_own_seconds, booked_recent_seconds, bookings, organizer_ids)
    WITH ${fastCtes({ from: first, to: last }, time, roomScope())},
    hours AS MATERIALIZED (
      SELECT c.day, c.hour, c.organizer_ids, c.bookings_started, ${workingBooked}
      FROM ${workingHourRows}
      WHERE c.day = ANY(${dayList}::date[])
    )
    SELECT h.day, h.hour, h.booked, h.booked_own, h.booked_recent, h.bookings, coalesce(i.ids, '{}')
    FROM (
      SELECT day, hour, sum(booked)::float8 AS booked, ${edgeSeconds(sql`booked_own`, sql`booked`)} AS booked_own,
        ${edgeSeconds(sql`booked_recent`, sql`booked`)} AS booked_recent, sum(bookings_started)::integer AS bookings
      FROM hours GROUP BY day, hour
    ) h
    LEFT JOIN (
      SELECT day, hour, (array_agg(DISTINCT o ORDER BY o))[1:${MAX_ORGANIZER_CAP}] AS ids
      FROM (SELECT day, hour, unnest(organizer_ids) AS o FROM hours) x GROUP BY day, hour
    ) i ON i.day = h.day AND i.hour = h.hour`);
  await deleteBehaviourDays(tx, days);
  await writeBehaviourDays(tx, days, time);
  await tx.execute(sql`DELETE FROM heatmap_dirty WHERE day = ANY(${dayList}::date[])`);
}

/**
 * Drops every row and marks every day a booking reaches dirty, for the current rooms and `time` (none
 * under working hours the rollups cannot serve: the basis goes instead). Under the lock.
 */
async function markEveryDay(tx: Db, time: WorkingTime): Promise<void> {
  await tx.execute(sql`TRUNCATE heatmap_periods, heatmap_dirty`);
  await deleteBehaviourDays(tx, "all");
  await tx.execute(sql`DELETE FROM heatmap_basis`);
  if (!servedByRollups(time)) return;
  // Every day a booking reaches, cancelled ones included (behaviour counts them; the hour rollups do not).
  const bounds = await dayBounds(tx, sql`SELECT unnest(ARRAY[min(local_day), max(local_day) + 2]) AS day FROM bookings`);
  if (bounds) {
    await tx.execute(sql`INSERT INTO heatmap_dirty (day) SELECT generate_series(${bounds.from}::date, ${bounds.to}::date, interval '1 day')::date`);
  }
  await tx.execute(sql`INSERT INTO heatmap_basis (rooms_key, working_time) SELECT key, ${workingTimeFingerprint(time)}::text FROM (${roomsKey}) k`);
}

/**
 * Days a write sweeps in its own transaction. Each reads every room's hour rows of the day and, for
 * booking behaviour, every room's bookings of the day: at 10 M bookings, 5,000 rooms, a write touching
 * 53 days spent 23 s here (beside a test run), about 0.4 s a day. Ten keeps a small write (a webhook,
 * a sync of this week) to a few seconds at that size; a write touching more (a person's exclusion, an
 * import of months) leaves them to the repair, in runs of this size, each holding the lock as long.
 */
export const SWEPT_DAYS = 10;

/**
 * Brings the rows up to date after writes to the room-days `touched` (a query of room_id, day; their
 * hour rollups just rewritten): the touched days are written again, or, more than SWEPT_DAYS of them,
 * deleted and marked dirty. With a stale basis they are deleted only (the repair marks every day).
 * Takes the lock: call after every room and band lock.
 */
export async function refreshHeatmapDays(tx: Db, touched: SQL, time: WorkingTime): Promise<void> {
  await lockHeatmap(tx);
  const rows = await queryRows<{ day: string }>(tx, sql`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM (${touched}) t ORDER BY 1`);
  const days = rows.map((row) => row.day);
  if (days.length === 0) return;
  const dayList = `{${days.join(",")}}`;
  // Whatever follows, the touched days' rows go: nothing derived from bookings a write removed (an
  // exclusion's) may stay, not even while the views do not read them.
  await tx.execute(sql`DELETE FROM heatmap_periods WHERE day = ANY(${dayList}::date[])`);
  await deleteBehaviourDays(tx, days);
  if (!servedByRollups(time)) {
    await tx.execute(sql`DELETE FROM heatmap_basis`);
    return;
  }
  if (await heatmapStale(tx, time)) return;
  if (days.length > SWEPT_DAYS) {
    await tx.execute(sql`INSERT INTO heatmap_dirty (day) SELECT unnest(${dayList}::date[]) ON CONFLICT DO NOTHING`);
    return;
  }
  await writeDays(tx, days, time);
}

/**
 * Marks every day dirty when the basis is stale, then writes up to SWEPT_DAYS dirty days (the first).
 * Under the lock. Returns how many days it wrote.
 */
export async function repairHeatmapDays(tx: Db, time: WorkingTime): Promise<number> {
  if (!servedByRollups(time)) return 0;
  if (await heatmapStale(tx, time)) await markEveryDay(tx, time);
  const rows = await queryRows<{ day: string }>(
    tx,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM heatmap_dirty ORDER BY day LIMIT ${SWEPT_DAYS}`,
  );
  const days = rows.map((row) => row.day);
  await writeDays(tx, days, time);
  return days.length;
}

/**
 * Rebuilds every row in the caller's transaction (after every hour row was rebuilt), in runs of days
 * so that a run's organizer ids fit in memory. Under the lock.
 */
export async function rebuildHeatmap(tx: Db, time: WorkingTime): Promise<void> {
  await markEveryDay(tx, time);
  for (;;) {
    const rows = await queryRows<{ day: string }>(tx, sql`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM heatmap_dirty ORDER BY day LIMIT 61`);
    if (rows.length === 0) return;
    await writeDays(tx, rows.map((row) => row.day), time);
  }
}

/**
 * Whether the periods can answer the heatmap over `range` with working time `time` and organizers
 * capped at `cap`: a current basis, and no dirty day in the range.
 */
export async function heatmapPeriodsServe(db: Db, range: DateRange, time: WorkingTime, cap: number): Promise<boolean> {
  if (cap > MAX_ORGANIZER_CAP || !servedByRollups(time)) return false;
  const [row] = await queryRows<{ serve: boolean }>(
    db,
    sql`SELECT ${basisCurrent(time)} AND NOT EXISTS (
      SELECT 1 FROM heatmap_dirty WHERE day BETWEEN ${range.from}::date AND ${range.to}::date) AS serve`,
  );
  return row?.serve === true;
}

/**
 * The periods of the range's days as CTE `parts`, with their weekday and ISO week, and their booked
 * seconds as the range counts them (`secondsFrom`: its first two days leave out earlier bookings).
 */
export const heatmapParts = (range: DateRange) => sql`
    parts AS MATERIALIZED (
      SELECT date_part('isodow', day)::integer AS weekday, date_trunc('week', day)::date AS week, hour, day,
        ${secondsFrom(range.from, sql`day`, sql`booked_seconds`, sql`booked_own_seconds`, sql`booked_recent_seconds`)} AS booked,
        bookings, organizer_ids AS ids
      FROM heatmap_periods WHERE day BETWEEN ${range.from}::date AND ${range.to}::date
    )`;

/**
 * heatmap.ts's rows from the periods of the range, organizers counted up to `cap`; available time
 * from the working windows, as the hour rollups' path counts it.
 */
export function heatmapFromPeriodsSql(range: DateRange, time: WorkingTime, cap: number): SQL {
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    ${heatmapAvailable},
    ${heatmapParts(range)},
    booked AS (SELECT weekday, hour, sum(booked) AS seconds FROM parts GROUP BY weekday, hour),
    -- A cell is at the cap when one of its days is; only the others take a union of their days' ids.
    sums AS MATERIALIZED (
      SELECT weekday, hour, bool_or(cardinality(ids) >= ${cap}::integer) AS full FROM parts GROUP BY weekday, hour
    ),
    people AS (
      SELECT s.weekday, s.hour, CASE WHEN s.full THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END AS organizers
      FROM sums s LEFT JOIN (
        SELECT p.weekday, p.hour, count(DISTINCT u.id) AS organizers
        FROM parts p JOIN sums s ON s.weekday = p.weekday AND s.hour = p.hour AND NOT s.full CROSS JOIN LATERAL unnest(p.ids) AS u(id)
        GROUP BY p.weekday, p.hour
      ) n ON n.weekday = s.weekday AND n.hour = s.hour
    )
    ${heatmapResult}`;
}

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { bandSql } from "./bands";
import { servedByRollups } from "./local-time";
import { busyPeers, choiceCtes } from "./choices-sql";
import { revealedSelect } from "./reference/preference";
import { roomScope, type RoomFilters } from "./room-filter";
import { fastCtes, placedBookings } from "./rollup-sql";
import { dayBounds, MAX_ORGANIZER_CAP, periodRowsOf, roomList, workingTimeFingerprint } from "./periods";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Revealed preference from periods (db/schema/rollups.ts `choice_periods`): per room, local day or
 * month and answer (a peer was free, or none was), the bookings and the smallest 100 organizer ids.
 * A quarter at 10 M bookings then reads tens of thousands of rows instead of judging 1.1 M bookings
 * against their peers' (preference.ts, `choiceCtes`).
 *
 * What makes that exact, as for seat fill (seat-fill-periods.ts):
 * - Only bookings that end on their local start day are in the periods; whether they count (inside
 *   working hours) does not depend on the range. The few that run past midnight are judged at read
 *   time, one index probe per peer.
 * - Organizers are counted up to a cap, the view's k (cell-suppression.ts ranks by bookings).
 *
 * Unlike seat fill, a booking's answer depends on other rooms: on its peers' bookings that overlap it
 * (so a write to a room rebuilds the days around it for its whole group) and on who its peers are
 * (the group: active, analysed rooms of its building and band, with their zones). `choice_basis`
 * records, per room, the group and working time its periods were built for; a view over any room
 * whose group or working time differs reads the bookings instead.
 */

const band = bandSql(sql`r.capacity`);

/**
 * Per active room (`room_id`), its group's key: the members' ids and zones, hashed. Rooms in no group
 * (no band, inactive, sensitive) have none. Two groups never share a key: no room is in two.
 *
 * A window over the rooms, not a join of the rooms to their groups: the planner cannot estimate a join
 * on the band (a CASE over capacity), guessed 7 rows for 5,000, and chose nested loops for the joins on
 * the key that took 3 s for the stale check and 9 s for the room locks of a first import of
 * 1 M bookings. A scan of the rooms it estimates as well as it knows the table.
 */
const groupKeys = sql`
  SELECT r.id AS room_id,
    md5(string_agg(r.id || '/' || r.time_zone, ',') OVER (
      PARTITION BY r.building, ${band} ORDER BY r.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )) AS key
  FROM rooms r WHERE r.active AND ${analysedRoom()} AND ${band} IS NOT NULL`;

/** `rooms` (a query of room ids, in its first column) and every other member of their groups, as room_id. */
export function withGroupMates(rooms: SQL): SQL {
  // Distinct first: `rooms` may list a room once per touched day (a first import: a million rows),
  // and joining each to its group before the UNION removed the repeats took 9 s at 1 M bookings.
  return sql`
    WITH x AS MATERIALIZED (SELECT DISTINCT room_id FROM (${rooms}) AS x(room_id))
    SELECT x.room_id FROM x
    UNION
    SELECT m.room_id FROM x JOIN (${groupKeys}) g ON g.room_id = x.room_id JOIN (${groupKeys}) m ON m.key = g.key`;
}

/** A basis row `s` that no longer matches room `r`'s group (`k`: its groupKeys row, left-joined) or the working time. */
const staleBasis = (fingerprint: string) => sql`(s.working_time <> ${fingerprint}::text OR s.group_key <> coalesce(k.key, 'none'))`;

/** Room `r` has periods that cannot be read: a stale basis, or none though it has bookings. */
const unreadable = (fingerprint: string) =>
  sql`(CASE WHEN s.room_id IS NULL THEN EXISTS (SELECT 1 FROM bookings b WHERE b.room_id = r.id) ELSE ${staleBasis(fingerprint)} END)`;

/** Active rooms `r` with their basis `s` and current group key `k`. */
const roomsWithBasis = sql`rooms r LEFT JOIN choice_basis s ON s.room_id = r.id LEFT JOIN (${groupKeys}) k ON k.room_id = r.id`;

const ROOMS = sql.raw("pg_temp.choice_rooms");
const UNITS = sql.raw("pg_temp.choice_units");

/**
 * Writes the day periods of the rooms in ROOMS (whole groups) over `range`: every day, or only the
 * days UNITS holds (`held`), reading the peers' bookings of UNITS' days. The rows being replaced
 * are deleted by the caller.
 */
async function writeDays(tx: Db, range: DateRange, time: WorkingTime, onlyUnits: boolean): Promise<void> {
  const inRooms = sql`r.id IN (SELECT room_id FROM ${ROOMS})`;
  const only = onlyUnits
    ? {
        held: sql`(b.room_id, b.local_day) IN (SELECT room_id, day FROM ${UNITS} WHERE held)`,
        context: sql`(x.room_id, x.local_day) IN (SELECT room_id, day FROM ${UNITS})`,
      }
    : undefined;
  await tx.execute(sql`
    INSERT INTO choice_periods (room_id, grain, period, peer_free, bookings, organizer_ids)
    WITH ${choiceCtes(range, time, inRooms, inRooms, only)}
    SELECT c.room_id, 'day', c.local_day, c.peer_free, count(*)::integer,
      coalesce((array_agg(DISTINCT o.id ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL))[1:${MAX_ORGANIZER_CAP}], '{}')
    FROM choices c LEFT JOIN organizers o ON o.pseudonym = c.organizer_pseudonym
    WHERE c.last_slot < 24
    GROUP BY c.room_id, c.local_day, c.peer_free`);
}

/** Rewrites the month rows of the (room_id, month) pairs `months` yields from their day rows. */
async function writeMonths(tx: Db, months: SQL): Promise<void> {
  await tx.execute(sql`
    DELETE FROM choice_periods p USING (${months}) m
    WHERE p.room_id = m.room_id AND p.grain = 'month' AND p.period = m.month`);
  await tx.execute(sql`
    INSERT INTO choice_periods (room_id, grain, period, peer_free, bookings, organizer_ids)
    SELECT d.room_id, 'month', d.month, d.peer_free, d.bookings, coalesce(i.ids, '{}')
    FROM (
      SELECT p.room_id, m.month, p.peer_free, sum(p.bookings)::integer AS bookings
      FROM (${months}) m JOIN choice_periods p ON p.room_id = m.room_id AND p.grain = 'day'
        AND p.period >= m.month AND p.period < (m.month + interval '1 month')::date
      GROUP BY p.room_id, m.month, p.peer_free
    ) d
    CROSS JOIN LATERAL (
      SELECT (array_agg(DISTINCT u.id ORDER BY u.id))[1:${MAX_ORGANIZER_CAP}] AS ids
      FROM choice_periods p, unnest(p.organizer_ids) AS u(id)
      WHERE p.room_id = d.room_id AND p.grain = 'day' AND p.peer_free = d.peer_free
        AND p.period >= d.month AND p.period < (d.month + interval '1 month')::date
    ) i`);
}

/** Records that the rooms in ROOMS have periods for their current group and `time`. */
async function writeBasis(tx: Db, time: WorkingTime): Promise<void> {
  await tx.execute(sql`DELETE FROM choice_basis WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
  await tx.execute(sql`
    INSERT INTO choice_basis (room_id, group_key, working_time)
    SELECT r.id, coalesce(k.key, 'none'), ${workingTimeFingerprint(time)}::text
    FROM rooms r LEFT JOIN (${groupKeys}) k ON k.room_id = r.id
    WHERE r.active AND r.id IN (SELECT room_id FROM ${ROOMS})`);
}

/** Fills ROOMS with `rooms` and their group mates, for the statements above. */
async function chooseRooms(tx: Db, rooms: SQL): Promise<void> {
  await tx.execute(sql`DROP TABLE IF EXISTS ${ROOMS}`);
  await tx.execute(sql`CREATE TEMP TABLE choice_rooms ON COMMIT DROP AS ${withGroupMates(rooms)}`);
  await tx.execute(sql`ANALYZE ${ROOMS}`);
}

/**
 * Rebuilds every period of `rooms` (a query of room_id) and of their group mates from the bookings.
 * Rooms locked by the caller (with their group mates: `withGroupMates`).
 */
export async function rebuildChoiceRooms(tx: Db, rooms: SQL, time: WorkingTime): Promise<void> {
  await chooseRooms(tx, rooms);
  // Also the rooms asked for that are in no group now: their old rows go.
  await tx.execute(sql`DELETE FROM choice_periods WHERE room_id IN (SELECT room_id FROM ${ROOMS}) OR room_id IN (SELECT x.room_id FROM (${rooms}) AS x(room_id))`);
  if (!servedByRollups(time)) {
    await tx.execute(sql`DELETE FROM choice_basis WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
    return;
  }
  const range = await dayBounds(tx, sql`SELECT local_day AS day FROM bookings WHERE room_id IN (SELECT room_id FROM ${ROOMS})`);
  if (range) {
    await writeDays(tx, range, time, false);
    await writeMonths(
      tx,
      sql`SELECT DISTINCT room_id, date_trunc('month', period)::date AS month FROM choice_periods
        WHERE grain = 'day' AND room_id IN (SELECT room_id FROM ${ROOMS})`,
    );
  }
  await writeBasis(tx, time);
}

/**
 * Brings the periods up to date after writes to the room-days `touched` (a query of room_id, day):
 * for each room's whole group, the days from two before to two after (a peer's booking overlapping one
 * of these starts within 24 h of it, in zones a day apart at most), and their months. Groups with a
 * room whose basis is stale are rebuilt whole. Rooms locked by the caller, with their group mates.
 */
export async function refreshChoiceDays(tx: Db, touched: SQL, time: WorkingTime): Promise<void> {
  const touchedRooms = sql`SELECT DISTINCT room_id FROM (${touched}) t`;
  // Not rewritable under these hours: the rebuild drops the rows and basis of the rooms and their group
  // mates (a peer's booking is in a room's rows), so nothing derived from removed bookings stays.
  if (!servedByRollups(time)) return rebuildChoiceRooms(tx, touchedRooms, time);
  const fingerprint = workingTimeFingerprint(time);
  const stale = await queryRows<{ room_id: number }>(
    tx,
    sql`SELECT r.id AS room_id FROM ${roomsWithBasis}
      WHERE r.id IN (${withGroupMates(touchedRooms)}) AND (s.room_id IS NULL OR ${staleBasis(fingerprint)})`,
  );
  const staleRooms = roomList(stale.map((row) => row.room_id));
  if (stale.length > 0) await rebuildChoiceRooms(tx, staleRooms, time);
  // The other groups: the days around the touched ones (ROOMS is then every member).
  await chooseRooms(tx, sql`SELECT room_id FROM (${touchedRooms}) t WHERE room_id NOT IN (${withGroupMates(staleRooms)})`);
  await tx.execute(sql`DROP TABLE IF EXISTS ${UNITS}`);
  // Held: the days judged again. The rest: the peers' bookings they are judged against (choiceCtes' `only`).
  await tx.execute(sql`
    CREATE TEMP TABLE choice_units ON COMMIT DROP AS
    SELECT m.room_id, t.day + d.d AS day, bool_or(abs(d.d) <= 2) AS held
    FROM (${touched}) t JOIN (${groupKeys}) g ON g.room_id = t.room_id JOIN (${groupKeys}) m ON m.key = g.key
      JOIN ${ROOMS} x ON x.room_id = m.room_id
      CROSS JOIN generate_series(-4, 4) AS d(d)
    GROUP BY 1, 2`);
  await tx.execute(sql`ANALYZE ${UNITS}`);
  const range = await dayBounds(tx, sql`SELECT day FROM ${UNITS} WHERE held`);
  if (!range) return;
  await tx.execute(sql`DELETE FROM choice_periods p USING ${UNITS} u WHERE u.held AND p.room_id = u.room_id AND p.grain = 'day' AND p.period = u.day`);
  await writeDays(tx, range, time, true);
  await writeMonths(tx, sql`SELECT DISTINCT room_id, date_trunc('month', day)::date AS month FROM ${UNITS} WHERE held`);
  await writeBasis(tx, time);
}

/** The rooms (ids) whose choice periods cannot be read: what a repair rebuilds (with their groups). */
export async function staleChoiceRooms(db: Db, time: WorkingTime): Promise<number[]> {
  if (!servedByRollups(time)) return [];
  const rows = await queryRows<{ room_id: number }>(
    db,
    sql`SELECT r.id AS room_id FROM ${roomsWithBasis} WHERE r.active AND ${unreadable(workingTimeFingerprint(time))} ORDER BY r.id`,
  );
  return rows.map((row) => row.room_id);
}

/** Whether the periods can answer revealed preference with working time `time` and organizers capped at `cap`. */
export async function choicePeriodsServe(db: Db, time: WorkingTime, cap: number | undefined): Promise<boolean> {
  if (cap === undefined || cap > MAX_ORGANIZER_CAP || !servedByRollups(time)) return false;
  const [row] = await queryRows<{ serve: boolean }>(
    db,
    // A count, not NOT EXISTS: planned to stop at a first row, the EXISTS joined each room to every
    // group key by a nested loop (25 M comparisons, 0.7–2 s on 5,000 rooms); counting hashes them (20 ms).
    sql`SELECT (SELECT count(*) FROM ${roomsWithBasis} WHERE r.active AND ${unreadable(workingTimeFingerprint(time))}) = 0 AS serve`,
  );
  return row?.serve === true;
}

/**
 * preference.ts's choice rows (the columns of `revealedSelect`) from the periods of the range and its
 * bookings past midnight, organizers counted up to `cap`.
 */
export function choicesFromPeriodsSql(range: DateRange, time: WorkingTime, filters: RoomFilters, cap: number): SQL {
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    grouped AS MATERIALIZED (
      SELECT r.id AS room_id, dense_rank() OVER (ORDER BY r.building, ${band}) AS gid
      FROM rooms r WHERE r.active AND ${analysedRoom()} AND ${band} IS NOT NULL
    ),
    peered AS MATERIALIZED (
      SELECT g.room_id, g.gid, n.rooms::integer AS rooms FROM grouped g
      JOIN (SELECT gid, count(*) AS rooms FROM grouped GROUP BY gid HAVING count(*) > 1) n ON n.gid = g.gid
    ),
    -- Bookings past midnight, through their partial index, judged as choiceCtes judges every booking.
    overnight AS MATERIALIZED (
      SELECT b.id, b.room_id, b.starts_at, b.ends_at, b.booked_at, b.organizer_pseudonym, p.gid, p.rooms
      FROM (${placedBookings(range, sql`b.last_slot >= 24 AND b.status <> 'cancelled'`)}) b JOIN peered p ON p.room_id = b.room_id
      WHERE b.works
    ),
    overnight_busy AS (${busyPeers(sql`overnight`)}),
    parts AS (
      SELECT p.room_id, p.peer_free, p.bookings, p.organizer_ids AS ids
      FROM peered g JOIN rooms rr ON rr.id = g.room_id JOIN choice_periods p ON p.room_id = rr.id
      WHERE ${periodRowsOf(range)}
      UNION ALL
      SELECT b.room_id, coalesce(x.peers, 0) < b.rooms - 1, 1, CASE WHEN o.id IS NULL THEN '{}'::integer[] ELSE ARRAY[o.id] END
      FROM overnight b LEFT JOIN overnight_busy x ON x.id = b.id LEFT JOIN organizers o ON o.pseudonym = b.organizer_pseudonym
    ),
    -- Each part counts towards its room's cell for its answer and the room's cell of all its choices.
    choice_cells AS MATERIALIZED (
      SELECT p.room_id, c.cell, p.bookings, p.ids
      FROM parts p CROSS JOIN LATERAL (VALUES ('all'), (CASE WHEN p.peer_free THEN 'free' ELSE 'busy' END)) AS c(cell)
    ),
    -- A cell is at the cap when one of its parts is; only the others take a union of ids.
    sums AS MATERIALIZED (
      SELECT room_id, cell, sum(bookings) AS bookings, bool_or(cardinality(ids) >= ${cap}::integer) AS full
      FROM choice_cells GROUP BY room_id, cell
    ),
    counted AS (
      SELECT s.room_id, s.cell, count(DISTINCT u.id) AS organizers
      FROM sums s JOIN choice_cells c ON c.room_id = s.room_id AND c.cell = s.cell CROSS JOIN LATERAL unnest(c.ids) AS u(id)
      WHERE NOT s.full
      GROUP BY s.room_id, s.cell
    ),
    capped AS (
      SELECT s.room_id, s.cell, s.bookings,
        CASE WHEN s.full THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END AS organizers
      FROM sums s LEFT JOIN counted n ON n.room_id = s.room_id AND n.cell = s.cell
    ),
    revealed AS (
      SELECT room_id,
        sum(bookings) FILTER (WHERE cell = 'all') AS all_bookings, max(organizers) FILTER (WHERE cell = 'all') AS all_organizers,
        sum(bookings) FILTER (WHERE cell = 'free') AS free_bookings, max(organizers) FILTER (WHERE cell = 'free') AS free_organizers,
        sum(bookings) FILTER (WHERE cell = 'busy') AS busy_bookings, max(organizers) FILTER (WHERE cell = 'busy') AS busy_organizers
      FROM capped GROUP BY room_id
    )
    ${revealedSelect(filters)}`;
}

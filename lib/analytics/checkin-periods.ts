import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fastCtes, placedBookings } from "./rollup-sql";
import { addDays, MAX_ORGANIZER_CAP, periodRowsOf, secondsFrom } from "./periods";
import { hourRollupDays, replacedMonths, roomPeriods, type RoomPeriodTemps } from "./room-periods";
import type { DateRange } from "./types";
import { isWorkingDay, type WorkingTime } from "./working-time";

/**
 * The ghost rate (ghosts.ts) and occupied utilisation (occupied.ts) from periods (db/schema/rollups.ts
 * `checkin_periods`): per room and local day or month, the occupied and lost seconds inside working
 * hours, and the no-shows, attended and occupying bookings with their smallest 100 organizer ids. A
 * quarter of 5,000 rooms at 10 M bookings then reads tens of thousands of rows, not every booking.
 *
 * Exact because:
 * - the seconds are sums of the hour rollups' working slots, which count every booking touching the
 *   day; only a range's first two days count fewer (bookings from before the range are left out:
 *   rollup-sql.ts `cells`), so a day row also keeps its seconds as a range's first or second day counts
 *   them, and those two days' full seconds are taken out of the periods' sum and these put in;
 * - only bookings that end on their local start day are counted in the periods: whether one works,
 *   and on which window, depends on that day alone, not on the range around it. The few that run past
 *   midnight (`last_slot` ≥ 24) are read from the bookings through their partial index;
 * - organizers are counted up to a cap, the view's k: suppression only compares organizer counts with
 *   k and ranks rows by bookings (cell-suppression.ts), so min(k, distinct) hides what exact counts hide.
 *
 * Built for one working time and time zone per room (`checkin_basis`): a view with another (a what-if,
 * a change not yet rebuilt) reads the hour rollups and the bookings.
 */

/** Bookings (`b`) that count towards no figure here unless they are a no-show or were checked in. */
const withCheckInData = sql`b.status <> 'cancelled' AND (b.status = 'no_show' OR b.checked_in_at IS NOT NULL)`;

/**
 * Per booking `b` of fastCtes' `in_range` (not cancelled, with check-in data), left-joined with `oc`
 * (its row of `occupyingBookings`): whether it is a ghost, an attended booking (ghosts.ts's `checked`,
 * population `in_hours`) and whether it adds occupied time (occupied.ts's `attended_days`), as columns
 * of a select list.
 */
const bookingKinds = sql`
  b.works AND b.status = 'no_show' AS ghost,
  b.works AND b.status <> 'no_show' AND b.checked_in_at IS NOT NULL AS attended,
  oc.id IS NOT NULL AS occupying`;

/**
 * The ids of the bookings of `work` (rows of in_range_work's columns: each booking once per working day
 * it works on, `day`) whose occupied time meets that day's working window: occupied.ts's
 * `attended_days`. The day is a column there, not `local_day + k` here: joined on an expression over
 * two relations, the planner joined on the window key alone and filtered 36 M pairs at 300 k bookings.
 */
const occupyingBookings = (work: SQL) => sql`
  SELECT DISTINCT w.id FROM ${work} w JOIN window_days z ON z.window_key = w.window_key AND z.day = w.day
  WHERE w.status = 'confirmed' AND w.checked_in_at < w.ends_at AND tstzrange(greatest(w.checked_in_at, w.starts_at), w.ends_at) && z.win`;

/** The smallest MAX_ORGANIZER_CAP distinct ids of `column` over rows where `kind` holds, `{}` for none. */
const smallestIds = (column: SQL, kind: SQL) =>
  sql`coalesce((array_agg(DISTINCT ${column} ORDER BY ${column}) FILTER (WHERE ${kind} AND ${column} IS NOT NULL))[1:${MAX_ORGANIZER_CAP}], '{}')`;

const COLUMNS = sql`room_id, grain, period, occupied_seconds, lost_seconds, ghosts, ghost_organizer_ids, attended, attended_organizer_ids,
  occupying, occupying_organizer_ids, checkin_data`;

/**
 * Writes the day rows of the rooms of `rooms` over `range` (only the (room_id, day) pairs of `units` when
 * `onlyUnits`), then their months from the days. Replaced rows are deleted first.
 */
async function writePeriods(tx: Db, { rooms, units }: RoomPeriodTemps, range: DateRange, time: WorkingTime, onlyUnits: boolean): Promise<void> {
  const keep = onlyUnits ? sql`AND (c.room_id, c.day) IN (SELECT room_id, day FROM ${units})` : sql``;
  const keepBookings = onlyUnits ? sql`AND (b.room_id, b.local_day) IN (SELECT room_id, day FROM ${units})` : sql``;
  await tx.execute(sql`
    DELETE FROM checkin_periods p USING ${onlyUnits ? units : sql`(SELECT room_id, NULL::date AS day FROM ${rooms})`} u
    WHERE p.room_id = u.room_id AND (u.day IS NULL OR (p.grain = 'day' AND p.period = u.day))`);
  await tx.execute(sql`
    INSERT INTO checkin_periods (${COLUMNS}, occupied_own_seconds, occupied_recent_seconds, lost_own_seconds, lost_recent_seconds)
    WITH ${fastCtes(range, time, sql`r.id IN (SELECT room_id FROM ${rooms})`, sql`b.last_slot < 24 AND ${withCheckInData} ${keepBookings}`)},
    seconds AS (
      SELECT c.room_id, c.day,
        coalesce(sum(c.occupied_seconds) FILTER (WHERE w.working), 0) AS occupied,
        coalesce(sum(c.lost_seconds) FILTER (WHERE w.working), 0) AS lost,
        coalesce(sum(coalesce(c.occupied_own_seconds, c.occupied_seconds)) FILTER (WHERE w.working), 0) AS occupied_own,
        coalesce(sum(coalesce(c.occupied_recent_seconds, c.occupied_seconds)) FILTER (WHERE w.working), 0) AS occupied_recent,
        coalesce(sum(coalesce(c.lost_own_seconds, c.lost_seconds)) FILTER (WHERE w.working), 0) AS lost_own,
        coalesce(sum(coalesce(c.lost_recent_seconds, c.lost_seconds)) FILTER (WHERE w.working), 0) AS lost_recent
      FROM scoped r JOIN rooms rr ON rr.id = r.id JOIN room_hour_rollups c ON c.room_id = rr.id
      CROSS JOIN LATERAL (SELECT c.hour BETWEEN r.first_hour AND r.last_hour AND ${isWorkingDay(sql`c.day`, sql`r`)} AS working) w
      WHERE c.day BETWEEN ${range.from}::date AND ${range.to}::date ${keep}
      GROUP BY c.room_id, c.day
    ),
    occupying AS (${occupyingBookings(sql`in_range_work`)}),
    kinds AS (
      SELECT b.room_id, b.local_day AS day, o.id AS organizer, ${bookingKinds}
      FROM in_range b LEFT JOIN occupying oc ON oc.id = b.id LEFT JOIN organizers o ON o.pseudonym = b.organizer_pseudonym
    ),
    counts AS (
      SELECT room_id, day,
        count(*) FILTER (WHERE ghost) AS ghosts, ${smallestIds(sql`organizer`, sql`ghost`)} AS ghost_ids,
        count(*) FILTER (WHERE attended) AS attended, ${smallestIds(sql`organizer`, sql`attended`)} AS attended_ids,
        count(*) FILTER (WHERE occupying) AS occupying, ${smallestIds(sql`organizer`, sql`occupying`)} AS occupying_ids
      FROM kinds GROUP BY room_id, day
    )
    SELECT coalesce(s.room_id, n.room_id), 'day', coalesce(s.day, n.day), coalesce(s.occupied, 0), coalesce(s.lost, 0),
      coalesce(n.ghosts, 0), coalesce(n.ghost_ids, '{}'), coalesce(n.attended, 0), coalesce(n.attended_ids, '{}'),
      coalesce(n.occupying, 0), coalesce(n.occupying_ids, '{}'), n.room_id IS NOT NULL,
      nullif(s.occupied_own, s.occupied), nullif(s.occupied_recent, s.occupied), nullif(s.lost_own, s.lost), nullif(s.lost_recent, s.lost)
    FROM seconds s FULL JOIN counts n ON n.room_id = s.room_id AND n.day = s.day
    -- A day with nothing to say has no row: most booked days of a room without check-ins.
    WHERE n.room_id IS NOT NULL OR s.occupied <> 0 OR s.lost <> 0`);
  const months = await replacedMonths(tx, "checkin_periods", { rooms, units }, onlyUnits);
  // A month's smallest 100 ids are among the smallest 100 of its days: the union of theirs, cut again.
  const monthIds = (column: string) => sql`(
    SELECT coalesce((array_agg(DISTINCT u.id ORDER BY u.id))[1:${MAX_ORGANIZER_CAP}], '{}')
    FROM checkin_periods p, unnest(p.${sql.raw(column)}) AS u(id)
    WHERE p.room_id = d.room_id AND p.grain = 'day' AND p.period >= d.month AND p.period < (d.month + interval '1 month')::date)`;
  await tx.execute(sql`
    INSERT INTO checkin_periods (${COLUMNS})
    SELECT d.room_id, 'month', d.month, d.occupied, d.lost, d.ghosts, ${monthIds("ghost_organizer_ids")}, d.attended,
      ${monthIds("attended_organizer_ids")}, d.occupying, ${monthIds("occupying_organizer_ids")}, d.checkin_data
    FROM (
      SELECT p.room_id, m.month, sum(p.occupied_seconds) AS occupied, sum(p.lost_seconds) AS lost, sum(p.ghosts)::integer AS ghosts,
        sum(p.attended)::integer AS attended, sum(p.occupying)::integer AS occupying, bool_or(p.checkin_data) AS checkin_data
      FROM (${months}) m JOIN checkin_periods p ON p.room_id = m.room_id AND p.grain = 'day'
        AND p.period >= m.month AND p.period < (m.month + interval '1 month')::date
      GROUP BY p.room_id, m.month
    ) d`);
}

const checkin = roomPeriods({
  periods: "checkin_periods",
  basis: "checkin_basis",
  basisColumns: ["time_zone"],
  // Every day with rollups: a booking (not cancelled) has hour slots on its start day.
  rebuildDays: hourRollupDays,
  writePeriods,
});

/**
 * Rebuilds every check-in period of `rooms` (a query of room ids) from their hour rollups, which must
 * be current, and their bookings (room-periods.ts).
 */
export const rebuildCheckinRooms = checkin.rebuildRooms;
/** Brings the check-in periods of the room-days `touched` (a query of room_id, day) up to date (room-periods.ts). */
export const refreshCheckinDays = checkin.refreshDays;
/** The active rooms (ids) whose check-in periods cannot be read: what a repair rebuilds. */
export const staleCheckinRooms = checkin.staleRooms;

/** Whether the periods can answer ghosts and occupied utilisation with working time `time` and organizers capped at `cap`. */
export function checkinPeriodsServe(db: Db, time: WorkingTime, cap: number | undefined): Promise<boolean> {
  return checkin.serve(db, time, cap);
}

/** The organizer kinds counted: `kind` of checkinFiguresCtes' `organizer_counts`. */
export const GHOST = 1;
export const ATTENDED = 2;
export const OCCUPYING = 3;

/**
 * WITH-list (after fastCtes) of the figures both families read, over the rooms `scope` selects:
 * - `room_sums` (room_id, occupied, lost, ghosts, attended, occupying, checkin_data): per room, from the
 *   periods of the range (its first two days' seconds as it counts them) and the bookings past midnight;
 * - `organizer_counts` (room_id, kind, organizers): per room and kind (GHOST, ATTENDED, OCCUPYING), and
 *   with room_id NULL in total over the rooms, the distinct organizers up to `cap`.
 */
export function checkinFiguresCtes(range: DateRange, time: WorkingTime, scope: SQL, cap: number): SQL {
  const edgeEnd = addDays(range.from, 1) < range.to ? addDays(range.from, 1) : range.to;
  return sql`
    ${fastCtes(range, time, scope)},
    -- From the bookings themselves, through their partial index: in_range would be read whole.
    overnight AS MATERIALIZED (
      SELECT * FROM (${placedBookings(range, sql`b.last_slot >= 24 AND ${withCheckInData}`)}) b
    ),
    overnight_work AS MATERIALIZED (
      SELECT b.id, b.window_key, b.starts_at, b.ends_at, b.status, b.checked_in_at, b.local_day + k.k AS day
      FROM overnight b CROSS JOIN (VALUES (0), (1), (2)) AS k(k) WHERE b.work_days & (1 << k.k) <> 0
    ),
    overnight_occupying AS (${occupyingBookings(sql`overnight_work`)}),
    parts AS (
      -- The periods tiling the range: a quarter of whole months is three rows per room.
      SELECT p.room_id, p.occupied_seconds AS occupied, p.lost_seconds AS lost,
        p.ghosts, p.ghost_organizer_ids AS ghost_ids, p.attended, p.attended_organizer_ids AS attended_ids,
        p.occupying, p.occupying_organizer_ids AS occupying_ids, p.checkin_data
      FROM scoped r JOIN rooms rr ON rr.id = r.id JOIN checkin_periods p ON p.room_id = rr.id
      WHERE ${periodRowsOf(range)}
      UNION ALL
      -- The first two days' seconds as the periods hold them (with bookings from before the range) taken
      -- out again, and as the range counts them (without) put in: two day rows per room, where reading
      -- the rest by day would be a month of them.
      SELECT p.room_id,
        ${secondsFrom(range.from, sql`p.period`, sql`p.occupied_seconds`, sql`p.occupied_own_seconds`, sql`p.occupied_recent_seconds`)} - p.occupied_seconds,
        ${secondsFrom(range.from, sql`p.period`, sql`p.lost_seconds`, sql`p.lost_own_seconds`, sql`p.lost_recent_seconds`)} - p.lost_seconds,
        0, '{}'::integer[], 0, '{}'::integer[], 0, '{}'::integer[], false
      FROM scoped r JOIN rooms rr ON rr.id = r.id JOIN checkin_periods p ON p.room_id = rr.id
      WHERE p.grain = 'day' AND p.period BETWEEN ${range.from}::date AND ${edgeEnd}::date
      UNION ALL
      SELECT b.room_id, 0, 0,
        k.ghost::integer, CASE WHEN k.ghost AND o.id IS NOT NULL THEN ARRAY[o.id] ELSE '{}'::integer[] END,
        k.attended::integer, CASE WHEN k.attended AND o.id IS NOT NULL THEN ARRAY[o.id] ELSE '{}'::integer[] END,
        k.occupying::integer, CASE WHEN k.occupying AND o.id IS NOT NULL THEN ARRAY[o.id] ELSE '{}'::integer[] END,
        true
      FROM overnight b LEFT JOIN overnight_occupying oc ON oc.id = b.id
      CROSS JOIN LATERAL (SELECT ${bookingKinds}) k LEFT JOIN organizers o ON o.pseudonym = b.organizer_pseudonym
    ),
    room_sums AS MATERIALIZED (
      SELECT room_id, sum(occupied) AS occupied, sum(lost) AS lost, sum(ghosts) AS ghosts, sum(attended) AS attended,
        sum(occupying) AS occupying, bool_or(checkin_data) AS checkin_data
      FROM parts GROUP BY room_id
    ),
    kind_ids AS MATERIALIZED (
      SELECT p.room_id, k.kind, k.ids
      FROM parts p CROSS JOIN LATERAL (VALUES (${GHOST}::integer, p.ghost_ids), (${ATTENDED}::integer, p.attended_ids), (${OCCUPYING}::integer, p.occupying_ids)) AS k(kind, ids)
      WHERE cardinality(k.ids) > 0
    ),
    -- A room's kind is at the cap when one part alone is, and the total when one room is: only the
    -- others take a union of ids.
    room_kinds AS MATERIALIZED (
      SELECT room_id, kind, bool_or(cardinality(ids) >= ${cap}::integer) AS saturated FROM kind_ids GROUP BY room_id, kind
    ),
    unions AS (
      SELECT i.room_id, i.kind, count(DISTINCT u.id) AS organizers, GROUPING(i.room_id) = 1 AS is_total
      FROM kind_ids i JOIN room_kinds rk ON rk.room_id = i.room_id AND rk.kind = i.kind AND NOT rk.saturated
      CROSS JOIN LATERAL unnest(i.ids) AS u(id)
      GROUP BY GROUPING SETS ((i.room_id, i.kind), (i.kind))
    ),
    organizer_counts AS (
      SELECT rk.room_id, rk.kind,
        CASE WHEN rk.saturated THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END AS organizers
      FROM room_kinds rk LEFT JOIN unions n ON NOT n.is_total AND n.room_id = rk.room_id AND n.kind = rk.kind
      UNION ALL
      SELECT NULL, t.kind,
        CASE WHEN t.saturated THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END
      FROM (SELECT kind, bool_or(saturated) AS saturated FROM room_kinds GROUP BY kind) t
      LEFT JOIN unions n ON n.is_total AND n.kind = t.kind
    )`;
}

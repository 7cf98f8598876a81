import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { roomScope } from "./room-filter";
import { fastCtes, roomWorkingSeconds } from "./rollup-sql";
import { addDays, secondsFrom, edgeSeconds, MAX_ORGANIZER_CAP, periodRowsOf, workingBooked, workingHourRows } from "./periods";
import { hourRollupDays, replacedMonths, roomPeriods, type RoomPeriodTemps } from "./room-periods";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Room usage (utilisation.ts) from periods (db/schema/rollups.ts `usage_periods`): per room and local
 * day or month, the bookings started, the booked seconds inside working hours and the smallest 100
 * organizer ids, summed from the hour rollups. A quarter of 5,000 rooms then reads tens of thousands
 * of rows instead of 1.6 M hour rows and their 1.9 M organizer ids.
 *
 * Exact because:
 * - a day's row is the sum of that day's hour rows, whose booked seconds count every booking touching
 *   the day. Only a range's first two days count fewer (bookings from before the range are left out:
 *   rollup-sql.ts `cells`), so a day row also keeps the sums of its hours' own and recent seconds,
 *   what it counts as a range's first or second day, and those two days are always read by day;
 * - organizers are counted up to a cap, the view's k: the dashboard's suppression ranks rooms by
 *   bookings and reads their organizer counts only against k (lib/privacy/suppression.ts).
 *
 * Built for one working time (`usage_basis`, per room): a view with another (a what-if, a change not
 * yet rebuilt) reads the hour rollups.
 */

/**
 * Writes the day rows of the rooms of `rooms` from their hour rows over `range` (only the (room_id, day)
 * pairs of `units` when `onlyUnits`), then their months from the days. Replaced rows are deleted first.
 */
async function writePeriods(tx: Db, { rooms, units }: RoomPeriodTemps, range: DateRange, time: WorkingTime, onlyUnits: boolean): Promise<void> {
  const keep = onlyUnits ? sql`AND (c.room_id, c.day) IN (SELECT room_id, day FROM ${units})` : sql``;
  await tx.execute(sql`
    DELETE FROM usage_periods p USING ${onlyUnits ? units : sql`(SELECT room_id, NULL::date AS day FROM ${rooms})`} u
    WHERE p.room_id = u.room_id AND (u.day IS NULL OR (p.grain = 'day' AND p.period = u.day))`);
  await tx.execute(sql`
    INSERT INTO usage_periods (room_id, grain, period, bookings, booked_seconds, booked_own_seconds, booked_recent_seconds, organizer_ids)
    WITH ${fastCtes(range, time, sql`r.id IN (SELECT room_id FROM ${rooms})`)},
    hours AS (
      SELECT c.room_id, c.day, c.bookings_started, c.organizer_ids, ${workingBooked}
      FROM ${workingHourRows}
      WHERE c.day BETWEEN ${range.from}::date AND ${range.to}::date ${keep}
    )
    SELECT h.room_id, 'day', h.day, sum(h.bookings_started)::integer, sum(h.booked)::float8,
      ${edgeSeconds(sql`h.booked_own`, sql`h.booked`)}, ${edgeSeconds(sql`h.booked_recent`, sql`h.booked`)}, coalesce(i.ids, '{}')
    FROM hours h
    LEFT JOIN (
      SELECT c.room_id, c.day, (array_agg(DISTINCT u.id ORDER BY u.id))[1:${MAX_ORGANIZER_CAP}] AS ids
      FROM hours c CROSS JOIN LATERAL unnest(c.organizer_ids) AS u(id) GROUP BY c.room_id, c.day
    ) i ON i.room_id = h.room_id AND i.day = h.day
    GROUP BY h.room_id, h.day, i.ids`);
  const months = await replacedMonths(tx, "usage_periods", { rooms, units }, onlyUnits);
  await tx.execute(sql`
    INSERT INTO usage_periods (room_id, grain, period, bookings, booked_seconds, organizer_ids)
    SELECT d.room_id, 'month', d.month, d.bookings, d.booked, coalesce(i.ids, '{}')
    FROM (
      SELECT p.room_id, m.month, sum(p.bookings)::integer AS bookings, sum(p.booked_seconds)::float8 AS booked
      FROM (${months}) m JOIN usage_periods p ON p.room_id = m.room_id AND p.grain = 'day'
        AND p.period >= m.month AND p.period < (m.month + interval '1 month')::date
      GROUP BY p.room_id, m.month
    ) d
    CROSS JOIN LATERAL (
      SELECT (array_agg(DISTINCT u.id ORDER BY u.id))[1:${MAX_ORGANIZER_CAP}] AS ids
      FROM usage_periods p, unnest(p.organizer_ids) AS u(id)
      WHERE p.room_id = d.room_id AND p.grain = 'day' AND p.period >= d.month AND p.period < (d.month + interval '1 month')::date
    ) i`);
}

const usage = roomPeriods({
  periods: "usage_periods",
  basis: "usage_basis",
  // No zone (usage_basis has no column for it): a zone change rebuilds the room's rollups and these
  // periods with them, in its transaction (rollup-refresh.ts refreshRoomRollups).
  basisColumns: [],
  rebuildDays: hourRollupDays,
  writePeriods,
});

/** Rebuilds every usage period of `rooms` (a query of room ids) from their hour rollups, which must be current (room-periods.ts). */
export const rebuildUsageRooms = usage.rebuildRooms;
/** Brings the usage periods of the room-days `touched` (a query of room_id, day) up to date (room-periods.ts). */
export const refreshUsageDays = usage.refreshDays;
/** The active rooms (ids) whose usage periods cannot be read: what a repair rebuilds. */
export const staleUsageRooms = usage.staleRooms;

/** Whether the periods can answer room usage with working time `time` and organizers capped at `cap`. */
export function usagePeriodsServe(db: Db, time: WorkingTime, cap: number): Promise<boolean> {
  return usage.serve(db, time, cap);
}

/**
 * utilisation.ts's room rows (the columns of `RoomUsageRow`) from the periods of the range, organizers
 * counted up to `cap`: its first two days by day (as a range's first days count them), the rest by
 * whole month where it can.
 */
export function roomUsageFromPeriodsSql(range: DateRange, time: WorkingTime, cap: number): SQL {
  const edgeEnd = addDays(range.from, 1) < range.to ? addDays(range.from, 1) : range.to;
  const rest = edgeEnd < range.to ? periodRowsOf({ from: addDays(edgeEnd, 1), to: range.to }) : sql`false`;
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    working AS (${roomWorkingSeconds}),
    parts AS (
      SELECT p.room_id, p.bookings, p.organizer_ids AS ids,
        CASE WHEN p.grain = 'day' THEN ${secondsFrom(range.from, sql`p.period`, sql`p.booked_seconds`, sql`p.booked_own_seconds`, sql`p.booked_recent_seconds`)}
          ELSE p.booked_seconds END AS booked
      FROM scoped r JOIN rooms rr ON rr.id = r.id JOIN usage_periods p ON p.room_id = rr.id
      WHERE ${rest} OR (p.grain = 'day' AND p.period BETWEEN ${range.from}::date AND ${edgeEnd}::date)
    ),
    -- A room is at the cap when one part is; only the others take a union of ids.
    sums AS MATERIALIZED (
      SELECT room_id, sum(bookings) AS bookings, sum(booked) AS booked, bool_or(cardinality(ids) >= ${cap}::integer) AS full
      FROM parts GROUP BY room_id
    ),
    counted AS (
      SELECT s.room_id, count(DISTINCT u.id) AS organizers
      FROM sums s JOIN parts p ON p.room_id = s.room_id CROSS JOIN LATERAL unnest(p.ids) AS u(id)
      WHERE NOT s.full GROUP BY s.room_id
    )
    SELECT r.id, r.name, r.building, r.floor, r.capacity,
      coalesce(s.bookings, 0)::integer AS bookings,
      coalesce(s.booked, 0)::float8 AS "bookedSeconds",
      coalesce(w.seconds, 0)::float8 AS "workingSeconds",
      (CASE WHEN s.full THEN ${cap}::integer ELSE least(coalesce(n.organizers, 0), ${cap}::integer) END)::integer AS organizers
    FROM rooms r
    LEFT JOIN working w ON w.room_id = r.id
    LEFT JOIN sums s ON s.room_id = r.id
    LEFT JOIN counted n ON n.room_id = r.id
    WHERE r.active AND ${analysedRoom()}
    ORDER BY r.name`;
}

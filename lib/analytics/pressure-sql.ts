import { sql, type SQL } from "drizzle-orm";
import { pressureGroupCtes, pressureReach } from "./reference/pressure";
import { fastCtes } from "./rollup-sql";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/** A moment is under pressure when at least this share of a group's rooms is booked (DESIGN.md). */
export const PRESSURE_SHARE = 0.8;

/**
 * The fast path's start for pressure over `range` (reference/pressure.ts says what is computed):
 * fastCtes from two days before the range (bookings that began then reach its days), the groups of
 * the rooms `scope` selects, and
 * - `listed_days`: the range's days some room in scope works (a group's day peaks are listed over these);
 * - `group_time` (gid, seconds): the union of the group's working windows inside the range, from the
 *   windows rooms of one zone and working time share (fastCtes' window key);
 * - `parts`: each booking that holds its room, clipped to each working window it meets, found through
 *   its stored local days; `bookingDays`, when given, the only local days whose bookings are read, and
 *   `bookingsWhere` (over `b`, bookings) narrows them further.
 */
export function fastPressureCtes(range: DateRange, time: WorkingTime, scope: SQL, bookingDays?: readonly string[], bookingsWhere: SQL = sql`true`): SQL {
  return sql`
    ${fastCtes(pressureReach(range), time, scope, bookingsWhere, bookingDays)},
    ${pressureGroupCtes(scope)},
    listed_days AS (SELECT day FROM days WHERE day BETWEEN ${range.from}::date AND ${range.to}::date),
    group_time AS (
      SELECT gid, sum(date_part('epoch', upper(w) - lower(w))) AS seconds
      FROM (
        SELECT g.gid, range_agg(z.win) AS wins
        FROM (SELECT DISTINCT g.gid, s.window_key FROM grouped g JOIN scoped s ON s.id = g.room_id) g
        JOIN window_days z ON z.window_key = g.window_key AND z.day BETWEEN ${range.from}::date AND ${range.to}::date
        GROUP BY g.gid
      ) x, unnest(x.wins) AS w
      GROUP BY gid
    ),
    parts AS MATERIALIZED (
      SELECT b.room_id, b.day, b.id, b.organizer_pseudonym, tstzrange(b.starts_at, b.ends_at) * z.win AS p
      FROM in_range_work b JOIN window_days z ON z.window_key = b.window_key AND z.day = b.day
      WHERE b.status <> 'cancelled' AND b.starts_at < upper(z.win) AND b.ends_at > lower(z.win)
    )`;
}

import { sql, type SQL } from "drizzle-orm";
import { roomLabelColumns } from "../room-filter";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/**
 * ghosts.ts's counts and result rows, over CTEs `in_hours` (bookings) and `lost` (room_id, seconds):
 * the same on both paths, which differ only in how those are found.
 */
export const ghostCountsAndResult = sql`
  checked AS (
    SELECT * FROM in_hours WHERE status = 'no_show' OR (status <> 'cancelled' AND checked_in_at IS NOT NULL)
  ),
  counts AS (
    SELECT room_id,
      count(*) FILTER (WHERE status = 'no_show') AS ghosts,
      count(DISTINCT organizer_pseudonym) FILTER (WHERE status = 'no_show') AS ghost_organizers,
      count(*) FILTER (WHERE status <> 'no_show') AS attended,
      count(DISTINCT organizer_pseudonym) FILTER (WHERE status <> 'no_show') AS attended_organizers,
      GROUPING(room_id) = 1 AS is_total
    FROM checked GROUP BY GROUPING SETS ((room_id), ())
  )
  SELECT ${roomLabelColumns}, c.is_total AS "isTotal",
    c.ghosts::integer AS ghosts, c.ghost_organizers::integer AS "ghostOrganizers",
    c.attended::integer AS attended, c.attended_organizers::integer AS "attendedOrganizers",
    CASE WHEN c.is_total THEN (SELECT coalesce(sum(seconds), 0) FROM lost) ELSE coalesce(l.seconds, 0) END::float8 AS "lostSeconds"
  FROM counts c LEFT JOIN rooms r ON r.id = c.room_id AND NOT c.is_total LEFT JOIN lost l ON l.room_id = r.id
  ORDER BY c.is_total, r.name`;

/** Reference SQL of ghosts.ts, straight from the bookings (see reference/utilisation.ts). */
export function ghostsReferenceSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, scope)},
    lost_days AS (
      SELECT rd.room_id, range_agg(tstzrange(b.starts_at, b.ends_at) * rd.win) AS pieces
      FROM room_days rd JOIN in_range_days b ON b.room_id = rd.room_id AND b.day = rd.day AND b.status = 'no_show'
        AND b.starts_at < upper(rd.win) AND b.ends_at > lower(rd.win)
      GROUP BY rd.room_id, rd.day
    ),
    lost AS (SELECT room_id, sum(${rangeSeconds(sql`p`)}) AS seconds FROM lost_days, unnest(pieces) AS p GROUP BY room_id),
    ${ghostCountsAndResult}`;
}

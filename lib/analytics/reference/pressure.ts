import { sql, type SQL } from "drizzle-orm";
import { bandSql } from "../bands";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/** The groups of pressure.ts (band × building, and band × all buildings) and their rooms, with each room's zone. */
export function pressureGroupCtes(scope: SQL): SQL {
  const band = bandSql(sql`r.capacity`);
  return sql`
    memberships AS (
      SELECT r.id AS room_id, g.building, ${band} AS band, r.time_zone
      FROM rooms r CROSS JOIN LATERAL (VALUES (r.building), (NULL::text)) AS g(building)
      WHERE r.active AND ${scope} AND ${band} IS NOT NULL
    ),
    -- An integer id per group keeps the joins below hashable (building is NULL for "all buildings").
    grouped AS (
      SELECT room_id, time_zone, building, band, dense_rank() OVER (ORDER BY band, building NULLS FIRST) AS gid FROM memberships
    ),
    groups AS (
      SELECT gid, building, band, count(*) AS rooms, min(time_zone) AS time_zone FROM grouped GROUP BY gid, building, band
    )`;
}

/**
 * pressure.ts's sweep and result rows over CTEs `days`, `groups`, `group_time` (gid, seconds),
 * `pieces` (gid, p: each room's booked time, clipped to working hours) and `people` (gid, day, whole,
 * bookings, organizers): the same on both paths. `share`: pressure.ts's PRESSURE_SHARE.
 */
export function pressureResult(share: number): SQL {
  return sql`
  steps AS (
    SELECT gid, at, sum(delta) AS delta
    FROM (SELECT gid, lower(p) AS at, 1 AS delta FROM pieces UNION ALL SELECT gid, upper(p), -1 FROM pieces) e
    GROUP BY gid, at
  ),
  levels AS (
    SELECT gid, at, sum(delta) OVER w AS concurrent, lead(at) OVER w AS until
    FROM steps WINDOW w AS (PARTITION BY gid ORDER BY at)
  ),
  segments AS (
    SELECT l.gid, l.concurrent, (l.at AT TIME ZONE gr.time_zone)::date AS day,
      date_part('epoch', l.until - l.at) AS seconds,
      l.concurrent >= ${share}::numeric * gr.rooms AS pressured
    FROM levels l JOIN groups gr ON gr.gid = l.gid
    WHERE l.until IS NOT NULL AND l.concurrent > 0
  ),
  day_peaks AS (SELECT gid, day, max(concurrent) AS peak FROM segments GROUP BY gid, day),
  pressured AS (SELECT gid, sum(seconds) FILTER (WHERE pressured) AS seconds FROM segments GROUP BY gid)
  SELECT 'group' AS kind, gr.building, gr.band, NULL AS day, gr.rooms::integer AS rooms,
    coalesce(gt.seconds, 0)::float8 AS "workingSeconds", coalesce(t.seconds, 0)::float8 AS "pressuredSeconds",
    0 AS peak, coalesce(p.bookings, 0)::integer AS bookings, coalesce(p.organizers, 0)::integer AS organizers
  FROM groups gr
  LEFT JOIN group_time gt ON gt.gid = gr.gid
  LEFT JOIN pressured t ON t.gid = gr.gid
  LEFT JOIN people p ON p.whole AND p.gid = gr.gid
  UNION ALL
  SELECT 'day', gr.building, gr.band, to_char(d.day, 'YYYY-MM-DD'), gr.rooms::integer, 0, 0,
    coalesce(dp.peak, 0)::integer, coalesce(p.bookings, 0)::integer, coalesce(p.organizers, 0)::integer
  FROM groups gr CROSS JOIN days d
  LEFT JOIN day_peaks dp ON dp.gid = gr.gid AND dp.day = d.day
  LEFT JOIN people p ON NOT p.whole AND p.gid = gr.gid AND p.day = d.day
  ORDER BY 4 NULLS FIRST`;
}

/** Reference SQL of pressure.ts, straight from the bookings (see reference/utilisation.ts). */
export function pressureReferenceSql(range: DateRange, time: WorkingTime, scope: SQL, share: number): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, scope)},
    ${pressureGroupCtes(scope)},
    group_time AS (
      SELECT gid, sum(${rangeSeconds(sql`w`)}) AS seconds
      FROM (SELECT g.gid, range_agg(rd.win) AS wins FROM grouped g JOIN room_days rd ON rd.room_id = g.room_id GROUP BY g.gid) x,
        unnest(x.wins) AS w
      GROUP BY gid
    ),
    pieces AS (
      SELECT g.gid, p FROM grouped g JOIN room_union u ON u.room_id = g.room_id CROSS JOIN LATERAL unnest(u.booked) AS p
    ),
    people AS (
      SELECT g.gid, rd.day, GROUPING(rd.day) = 1 AS whole,
        count(DISTINCT b.id) AS bookings, count(DISTINCT b.organizer_pseudonym) AS organizers
      FROM grouped g JOIN room_days rd ON rd.room_id = g.room_id
      JOIN in_range_days b ON b.room_id = g.room_id AND b.day = rd.day AND b.status <> 'cancelled'
        AND tstzrange(b.starts_at, b.ends_at) && rd.win
      GROUP BY GROUPING SETS ((g.gid, rd.day), (g.gid))
    ),
    ${pressureResult(share)}`;
}

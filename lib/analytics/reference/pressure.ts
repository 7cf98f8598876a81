import { sql, type SQL } from "drizzle-orm";
import { addDays } from "../periods";
import { bandSql } from "../bands";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/**
 * Pressure is computed per group and local day, so that a range's figures are sums (pressured
 * seconds, bookings), maxima (peaks) and unions (organizers) of its days' — which is what lets
 * pressure-periods.ts keep one row per group and day. A group's day D is its rooms' working windows
 * of their own day D; concurrency counts, at each instant, the rooms booked inside those windows,
 * whichever day the booking began on.
 */

/**
 * The local days of the bookings that can reach `range`'s days: bookings last at most a day (the
 * bookings_at_most_a_day check), so they start at most two days earlier.
 */
export function pressureReach(range: DateRange): DateRange {
  return { from: addDays(range.from, -2), to: range.to };
}

/**
 * The groups of pressure.ts (band × building, and band × all buildings) and their rooms.
 */
export function pressureGroupCtes(scope: SQL): SQL {
  const band = bandSql(sql`r.capacity`);
  return sql`
    memberships AS (
      SELECT r.id AS room_id, g.building, ${band} AS band
      FROM rooms r CROSS JOIN LATERAL (VALUES (r.building), (NULL::text)) AS g(building)
      WHERE r.active AND ${scope} AND ${band} IS NOT NULL
    ),
    -- An integer id per group keeps the joins below hashable (building is NULL for "all buildings").
    grouped AS MATERIALIZED (
      SELECT room_id, building, band, dense_rank() OVER (ORDER BY band, building NULLS FIRST) AS gid FROM memberships
    ),
    groups AS MATERIALIZED (
      SELECT gid, building, band, count(*) AS rooms FROM grouped GROUP BY gid, building, band
    )`;
}

/**
 * Per group and day kept by `keep` (a predicate over a group's band and a day), from CTE `parts`
 * (room_id, day, id, organizer_pseudonym, p: a booking that holds its room, clipped to the room's
 * working window of its local day `day`, not empty) and the group CTEs above:
 * - `split`: the parts of each group's kept days;
 * - `day_sweep` (gid, day, peak, pressured): concurrency is exact, with no time slots. Each room's
 *   booked time (the union of its parts, so a room counts once however double-booked) gives +1 where
 *   a piece starts and −1 where it ends; a running sum over a group day's events is the number of
 *   its rooms booked between one event and the next. Pressured: seconds where that number ≥ `share`
 *   of the group's rooms; peak: the highest number.
 * A group day's people are those of its `split` rows.
 */
export function pressureDayCtes(share: number, keep: (band: SQL, day: SQL) => SQL): SQL {
  return sql`
    split AS MATERIALIZED (
      SELECT g.gid, x.day, x.room_id, x.id, x.organizer_pseudonym, x.p
      FROM parts x JOIN grouped g ON g.room_id = x.room_id
      WHERE ${keep(sql`g.band`, sql`x.day`)}
    ),
    pieces AS (
      SELECT u.gid, u.day, p FROM (SELECT gid, day, range_agg(p) AS booked FROM split GROUP BY gid, day, room_id) u CROSS JOIN LATERAL unnest(u.booked) AS p
    ),
    steps AS (
      SELECT gid, day, at, sum(delta) AS delta
      FROM (SELECT gid, day, lower(p) AS at, 1 AS delta FROM pieces UNION ALL SELECT gid, day, upper(p), -1 FROM pieces) e
      GROUP BY gid, day, at
    ),
    levels AS (
      SELECT gid, day, at, sum(delta) OVER w AS concurrent, lead(at) OVER w AS until
      FROM steps WINDOW w AS (PARTITION BY gid, day ORDER BY at)
    ),
    day_sweep AS (
      SELECT l.gid, l.day, max(l.concurrent)::integer AS peak,
        coalesce(sum(date_part('epoch', l.until - l.at)) FILTER (WHERE l.concurrent >= ${share}::numeric * gr.rooms), 0)::float8 AS pressured
      FROM levels l JOIN groups gr ON gr.gid = l.gid
      WHERE l.until IS NOT NULL AND l.concurrent > 0
      GROUP BY l.gid, l.day
    )`;
}

/** `pressureDayCtes`' `keep` for the days of `range`. */
export function inRange(range: DateRange): (band: SQL, day: SQL) => SQL {
  return (_band, day) => sql`${day} BETWEEN ${range.from}::date AND ${range.to}::date`;
}

/**
 * pressure.ts's result rows over CTEs `groups`, `group_time` (gid, seconds: working time inside the
 * range), `listed_days` (day), `day_rows` (gid, day, peak, pressured, bookings, organizers) and
 * `group_people` (gid, bookings, organizers): the same on every path. One row per group, its listed
 * days as arrays in day order: a row per group and day was 17,000 rows for a quarter of 5,000 rooms,
 * and turning them into JavaScript objects took the embedded database ~170 ms of its ~550.
 */
export const pressureResult = sql`
  SELECT gr.building, gr.band, gr.rooms::integer AS rooms,
    coalesce(gt.seconds, 0)::float8 AS "workingSeconds", coalesce(t.pressured, 0)::float8 AS "pressuredSeconds",
    coalesce(p.bookings, 0)::integer AS bookings, coalesce(p.organizers, 0)::integer AS organizers,
    coalesce(d.days, '{}') AS days, coalesce(d.peaks, '{}') AS "dayPeaks",
    coalesce(d.bookings, '{}') AS "dayBookings", coalesce(d.organizers, '{}') AS "dayOrganizers"
  FROM groups gr
  LEFT JOIN group_time gt ON gt.gid = gr.gid
  LEFT JOIN (SELECT gid, sum(pressured) AS pressured FROM day_rows GROUP BY gid) t ON t.gid = gr.gid
  LEFT JOIN group_people p ON p.gid = gr.gid
  LEFT JOIN (
    SELECT g.gid, array_agg(to_char(l.day, 'YYYY-MM-DD') ORDER BY l.day) AS days,
      array_agg(coalesce(r.peak, 0)::integer ORDER BY l.day) AS peaks,
      array_agg(coalesce(r.bookings, 0)::integer ORDER BY l.day) AS bookings,
      array_agg(coalesce(r.organizers, 0)::integer ORDER BY l.day) AS organizers
    FROM groups g CROSS JOIN listed_days l
    LEFT JOIN day_rows r ON r.gid = g.gid AND r.day = l.day
    GROUP BY g.gid
  ) d ON d.gid = gr.gid`;

/**
 * `day_rows` and `group_people` from `split` and `day_sweep`, with organizers counted
 * exactly: a group's bookings are summed over its days (a booking across midnight counts on both).
 */
export const exactPeople = sql`
  day_bookings AS (
    SELECT gid, day, count(*) AS bookings FROM (SELECT DISTINCT gid, day, id FROM split) s GROUP BY gid, day
  ),
  day_organizers AS (
    SELECT gid, day, count(organizer_pseudonym) AS organizers FROM (SELECT DISTINCT gid, day, organizer_pseudonym FROM split) s GROUP BY gid, day
  ),
  day_rows AS (
    SELECT s.gid, s.day, s.peak, s.pressured, b.bookings, o.organizers
    FROM day_sweep s JOIN day_bookings b ON b.gid = s.gid AND b.day = s.day JOIN day_organizers o ON o.gid = s.gid AND o.day = s.day
  ),
  group_people AS (
    SELECT r.gid, r.bookings, o.organizers
    FROM (SELECT gid, sum(bookings) AS bookings FROM day_rows GROUP BY gid) r
    JOIN (SELECT gid, count(organizer_pseudonym) AS organizers FROM (SELECT DISTINCT gid, organizer_pseudonym FROM split) s GROUP BY gid) o ON o.gid = r.gid
  )`;

/** Reference SQL of pressure.ts, straight from the bookings (see reference/utilisation.ts). */
export function pressureReferenceSql(range: DateRange, time: WorkingTime, scope: SQL, share: number): SQL {
  // The windows and bookings from two days before the range (pressureReach): the wider range's
  // bookings are those that start in it, and `keep` drops the windows before the range.
  return sql`
    WITH ${workingTimeCtes(pressureReach(range), time, scope)},
    ${pressureGroupCtes(scope)},
    listed_days AS (SELECT day FROM days WHERE day BETWEEN ${range.from}::date AND ${range.to}::date),
    group_time AS (
      SELECT gid, sum(${rangeSeconds(sql`w`)}) AS seconds
      FROM (
        SELECT g.gid, range_agg(rd.win) AS wins
        FROM grouped g JOIN room_days rd ON rd.room_id = g.room_id AND rd.day BETWEEN ${range.from}::date AND ${range.to}::date
        GROUP BY g.gid
      ) x, unnest(x.wins) AS w
      GROUP BY gid
    ),
    parts AS (
      SELECT b.room_id, rd.day, b.id, b.organizer_pseudonym, tstzrange(b.starts_at, b.ends_at) * rd.win AS p
      FROM room_days rd JOIN relevant b ON b.room_id = rd.room_id AND b.starts_at < upper(rd.win) AND b.ends_at > lower(rd.win)
    ),
    ${pressureDayCtes(share, inRange(range))},
    ${exactPeople}
    ${pressureResult}`;
}

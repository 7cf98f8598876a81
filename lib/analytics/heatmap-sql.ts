import { sql } from "drizzle-orm";
import { slotStart } from "./local-time";

/**
 * What heatmap.ts's two fast paths share, over fastCtes (rollup-sql.ts): `available`, a CTE of the
 * available seconds per weekday and hour (per time zone, as every room of a zone has the same slots,
 * times its rooms), and the result, over CTEs `booked` and `people` (weekday, hour, seconds or
 * organizers).
 */
const slotSeconds = sql`date_part('epoch', ${slotStart(sql`z.day`, sql`h.hour + 1`, sql`z.time_zone`)} - ${slotStart(sql`z.day`, sql`h.hour`, sql`z.time_zone`)})`;

export const heatmapAvailable = sql`
    available AS (
      -- The skipped spring hour is an empty slot: no available time (NULL, as an empty range's length).
      SELECT date_part('isodow', z.day)::integer AS weekday, h.hour,
        sum(n.rooms * nullif(${slotSeconds}, 0)) AS seconds
      FROM (SELECT window_key, count(*) AS rooms FROM scoped GROUP BY window_key) n
      JOIN window_days z ON z.window_key = n.window_key CROSS JOIN LATERAL generate_series(z.first_hour, z.last_hour) AS h(hour)
      GROUP BY 1, 2
    )`;

export const heatmapResult = sql`
    SELECT a.weekday, a.hour,
      coalesce(b.seconds, 0)::float8 AS "bookedSeconds",
      a.seconds::float8 AS "availableSeconds",
      coalesce(p.organizers, 0)::integer AS organizers
    FROM available a
    LEFT JOIN booked b ON b.weekday = a.weekday AND b.hour = a.hour
    LEFT JOIN people p ON p.weekday = a.weekday AND p.hour = a.hour
    ORDER BY a.weekday, a.hour`;

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { servedByRollups, slotStart } from "./local-time";
import { heatmapReferenceSql } from "./reference/heatmap";
import { roomScope } from "./room-filter";
import { cellOrganizers, fastCtes } from "./rollup-sql";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/** Raw figures of one weekday × local hour cell, summed over rooms and days. */
export type HeatmapRow = {
  weekday: number;
  hour: number;
  bookedSeconds: number;
  availableSeconds: number;
  organizers: number;
};

/**
 * Hour × weekday utilisation. Each room-day's working window is cut into local hour slots (clipped
 * to the window when working hours do not start on the hour); a slot's booked time is the room's
 * booking union inside it. Organizers per cell are those whose bookings overlap one of its slots.
 * Read from the hourly rollups: a cell is the sum of its slots; available time is counted per time
 * zone (every room of a zone has the same slots) times its rooms.
 */
export async function listHeatmap(db: Db, range: DateRange, time: WorkingTime): Promise<HeatmapRow[]> {
  return queryRows<HeatmapRow>(db, servedByRollups(time) ? heatmapSql(range, time) : heatmapReferenceSql(range, time));
}

export async function listHeatmapRaw(db: Db, range: DateRange, time: WorkingTime): Promise<HeatmapRow[]> {
  return queryRows<HeatmapRow>(db, heatmapReferenceSql(range, time));
}

function heatmapSql(range: DateRange, time: WorkingTime): SQL {
  const slotSeconds = sql`date_part('epoch', ${slotStart(sql`z.day`, sql`h.hour + 1`, sql`z.time_zone`)} - ${slotStart(sql`z.day`, sql`h.hour`, sql`z.time_zone`)})`;
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    available AS (
      -- The skipped spring hour is an empty slot: no available time (NULL, as an empty range's length).
      SELECT date_part('isodow', z.day)::integer AS weekday, h.hour,
        sum(n.rooms * nullif(${slotSeconds}, 0)) AS seconds
      FROM (SELECT window_key, count(*) AS rooms FROM scoped GROUP BY window_key) n
      JOIN window_days z ON z.window_key = n.window_key CROSS JOIN LATERAL generate_series(z.first_hour, z.last_hour) AS h(hour)
      GROUP BY 1, 2
    ),
    -- Filtered inside the sum, not in a WHERE: the planner guesses the working cells a hundred times too
    -- few and then sorts them all for the grouping instead of hashing them into 168 cells.
    booked AS (
      SELECT date_part('isodow', day)::integer AS weekday, hour, sum(booked) FILTER (WHERE working) AS seconds FROM cells GROUP BY 1, 2
    ),
    people AS (
      SELECT weekday, hour, count(*) AS organizers
      FROM (SELECT DISTINCT date_part('isodow', c.day)::integer AS weekday, c.hour, c.o FROM (${cellOrganizers(range)}) c) x
      GROUP BY weekday, hour
    )
    SELECT a.weekday, a.hour,
      coalesce(b.seconds, 0)::float8 AS "bookedSeconds",
      a.seconds::float8 AS "availableSeconds",
      coalesce(p.organizers, 0)::integer AS organizers
    FROM available a
    LEFT JOIN booked b ON b.weekday = a.weekday AND b.hour = a.hour
    LEFT JOIN people p ON p.weekday = a.weekday AND p.hour = a.hour
    ORDER BY a.weekday, a.hour`;
}

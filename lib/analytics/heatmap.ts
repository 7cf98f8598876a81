import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { heatmapFromPeriodsSql, heatmapPeriodsServe } from "./heatmap-periods";
import { heatmapAvailable, heatmapResult } from "./heatmap-sql";
import { servedByRollups } from "./local-time";
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
 * With organizers counted up to `cap` (the view's k), from the day periods when they are current
 * (heatmap-periods.ts); else from the hourly rollups: a cell is the sum of its slots; available time
 * is counted per time zone (every room of a zone has the same slots) times its rooms. With `cap`,
 * counts are min(count, cap) whichever path answers; without, exact.
 */
export async function listHeatmap(db: Db, range: DateRange, time: WorkingTime, cap?: number): Promise<HeatmapRow[]> {
  if (cap === undefined) return queryRows<HeatmapRow>(db, servedByRollups(time) ? heatmapSql(range, time) : heatmapReferenceSql(range, time));
  if (await heatmapPeriodsServe(db, range, time, cap)) return queryRows<HeatmapRow>(db, heatmapFromPeriodsSql(range, time, cap));
  // The same answer whichever path gives it.
  const rows = await listHeatmap(db, range, time);
  return rows.map((row) => ({ ...row, organizers: Math.min(row.organizers, cap) }));
}

export async function listHeatmapRaw(db: Db, range: DateRange, time: WorkingTime): Promise<HeatmapRow[]> {
  return queryRows<HeatmapRow>(db, heatmapReferenceSql(range, time));
}

function heatmapSql(range: DateRange, time: WorkingTime): SQL {
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    ${heatmapAvailable},
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
    ${heatmapResult}`;
}

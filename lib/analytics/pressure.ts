import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { bandSql, capacityBandIds, type CapacityBand } from "./bands";
import { ratio, suppressLinked, type Cell } from "./cell-suppression";
import { roomScope, type RoomFilters } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "./working-time";

/** A moment is under pressure when at least this share of a group's rooms is booked (DESIGN.md). */
export const PRESSURE_SHARE = 0.8;

/** Rooms of one capacity band in one building, or in all buildings (`building` null). */
type GroupKey = { building: string | null; band: CapacityBand };

export type PressureGroupRow = GroupKey & {
  rooms: number;
  workingSeconds: number;
  pressuredSeconds: number;
  bookings: number;
  organizers: number;
  days: { day: string; peak: number; bookings: number; organizers: number }[];
};

type Row = GroupKey & {
  kind: "group" | "day";
  day: string | null;
  rooms: number;
  workingSeconds: number;
  pressuredSeconds: number;
  peak: number;
  bookings: number;
  organizers: number;
};

/**
 * Concurrency is computed exactly, with no time slots: each room's booked time (the per-day union
 * clipped to working hours, so a room counts once however double-booked) gives +1 where a piece
 * starts and −1 where it ends; a running sum over a group's events is the number of its rooms booked
 * between one event and the next. Pressure = seconds where that number ≥ 80 % of the group's rooms /
 * the group's working seconds; a day's peak = its highest number. Rooms without a known capacity
 * belong to no band and are left out. A building's rooms are assumed to share one time zone (days
 * are cut in it).
 */
export async function getPressure(
  db: Db,
  range: DateRange,
  filters: RoomFilters = {},
  time?: WorkingTime,
): Promise<PressureGroupRow[]> {
  const working = await resolveWorkingTime(db, time);
  const band = bandSql(sql`r.capacity`);
  const rows = await queryRows<Row>(
    db,
    sql`
      WITH ${workingTimeCtes(range, working, roomScope(filters))},
      memberships AS (
        SELECT r.id AS room_id, g.building, ${band} AS band, r.time_zone
        FROM rooms r CROSS JOIN LATERAL (VALUES (r.building), (NULL::text)) AS g(building)
        WHERE r.active AND ${roomScope(filters)} AND ${band} IS NOT NULL
      ),
      -- An integer id per group keeps the joins below hashable (building is NULL for "all buildings").
      groups AS (
        SELECT row_number() OVER () AS gid, building, band, count(*) AS rooms, min(time_zone) AS time_zone
        FROM memberships GROUP BY building, band
      ),
      grouped AS (
        SELECT m.room_id, g.gid FROM memberships m JOIN groups g ON g.building IS NOT DISTINCT FROM m.building AND g.band = m.band
      ),
      group_time AS (
        SELECT gid, sum(${rangeSeconds(sql`w`)}) AS seconds
        FROM (SELECT g.gid, range_agg(rd.win) AS wins FROM grouped g JOIN room_days rd ON rd.room_id = g.room_id GROUP BY g.gid) x,
          unnest(x.wins) AS w
        GROUP BY gid
      ),
      pieces AS (
        SELECT g.gid, p FROM grouped g JOIN room_union u ON u.room_id = g.room_id CROSS JOIN LATERAL unnest(u.booked) AS p
      ),
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
          l.concurrent >= ${PRESSURE_SHARE}::numeric * gr.rooms AS pressured
        FROM levels l JOIN groups gr ON gr.gid = l.gid
        WHERE l.until IS NOT NULL AND l.concurrent > 0
      ),
      people AS (
        SELECT g.gid, rd.day, GROUPING(rd.day) = 1 AS whole,
          count(DISTINCT b.id) AS bookings, count(DISTINCT b.organizer_pseudonym) AS organizers
        FROM grouped g JOIN room_days rd ON rd.room_id = g.room_id
        JOIN in_range_days b ON b.room_id = g.room_id AND b.day = rd.day AND b.status <> 'cancelled'
          AND tstzrange(b.starts_at, b.ends_at) && rd.win
        GROUP BY GROUPING SETS ((g.gid, rd.day), (g.gid))
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
      ORDER BY 4 NULLS FIRST`,
  );
  return shapeGroups(rows);
}

function shapeGroups(rows: Row[]): PressureGroupRow[] {
  const key = (row: GroupKey) => `${row.band}\u0000${row.building ?? ""}\u0000${row.building === null}`;
  const groups = new Map<string, PressureGroupRow>();
  for (const row of rows) {
    if (row.kind === "group") {
      const { building, band, rooms, workingSeconds, pressuredSeconds, bookings, organizers } = row;
      groups.set(key(row), { building, band, rooms, workingSeconds, pressuredSeconds, bookings, organizers, days: [] });
    } else if (row.day !== null) {
      groups.get(key(row))?.days.push({ day: row.day, peak: row.peak, bookings: row.bookings, organizers: row.organizers });
    }
  }
  // Band order, then "all buildings" before each building by name.
  return [...groups.values()].sort(
    (a, b) =>
      capacityBandIds.indexOf(a.band) - capacityBandIds.indexOf(b.band) ||
      Number(a.building !== null) - Number(b.building !== null) ||
      (a.building ?? "").localeCompare(b.building ?? ""),
  );
}

export type PressureGroup = GroupKey & {
  rooms: number;
  /** Working hours of the group (a directory fact: the union of its rooms' working windows). */
  workingHours: number;
  pressuredHours: number | null;
  /** Share of working time with ≥ 80 % of the group's rooms booked, 0–1. */
  pressure: number | null;
  /** Highest number of the group's rooms booked at once in the range. */
  peak: number | null;
  peakDays: { day: string; peak: number | null; suppressed: boolean }[];
  suppressed: boolean;
};

/**
 * A group's figures cover the organizers of its bookings, a day's peak those of that day's. The
 * range's peak is the largest day peak, so the days are treated like the parts of a total: a lone
 * hidden day takes its smallest neighbour with it. Groups do not add up (pressure is not additive).
 */
export function suppressPressure(raw: PressureGroupRow[], k: number): PressureGroup[] {
  return raw.map((group) => {
    const cells: Cell[] = [{ organizers: group.organizers, bookings: group.bookings }, ...group.days];
    const hidden = suppressLinked(cells, [{ whole: 0, parts: group.days.map((_, i) => i + 1) }], k);
    const suppressed = hidden[0] ?? true;
    const peak = group.days.reduce((max, day) => Math.max(max, day.peak), 0);
    return {
      building: group.building,
      band: group.band,
      rooms: group.rooms,
      workingHours: group.workingSeconds / 3600,
      pressuredHours: shown(group.pressuredSeconds / 3600, suppressed),
      pressure: shown(ratio(group.pressuredSeconds, group.workingSeconds), suppressed),
      peak: shown(peak, suppressed),
      peakDays: group.days.map((day, i) => {
        const daySuppressed = hidden[i + 1] ?? true;
        return { day: day.day, peak: shown(day.peak, daySuppressed), suppressed: daySuppressed };
      }),
      suppressed,
    };
  });
}

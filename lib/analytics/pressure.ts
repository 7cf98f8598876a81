import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { capacityBandIds, type CapacityBand } from "./bands";
import { ratio, suppressLinked, type Cell } from "./cell-suppression";
import { servedByRollups } from "./local-time";
import { pressureGroupCtes, pressureReferenceSql, pressureResult } from "./reference/pressure";
import { roomScope, type RoomFilters } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

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
  const scope = roomScope(filters);
  const query = servedByRollups(working) ? pressureSql(range, working, scope) : pressureReferenceSql(range, working, scope, PRESSURE_SHARE);
  return shapeGroups(await queryRows<Row>(db, query));
}

/** `getPressure` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getPressureRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime): Promise<PressureGroupRow[]> {
  return shapeGroups(await queryRows<Row>(db, pressureReferenceSql(range, time, roomScope(filters), PRESSURE_SHARE)));
}

/**
 * Concurrency needs each room's booked intervals, which no sum keeps: they come from the placed
 * bookings, found through their stored local days (no time-zone conversion, no booking × day search)
 * and clipped to their room's working window. Rooms with the same zone and working time share their
 * windows (fastCtes' window key).
 */
function pressureSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${fastCtes(range, time, scope)},
    ${pressureGroupCtes(scope)},
    group_time AS (
      SELECT gid, sum(date_part('epoch', upper(w) - lower(w))) AS seconds
      FROM (
        SELECT g.gid, range_agg(z.win) AS wins
        FROM (SELECT DISTINCT g.gid, s.window_key FROM grouped g JOIN scoped s ON s.id = g.room_id) g JOIN window_days z ON z.window_key = g.window_key
        GROUP BY g.gid
      ) x, unnest(x.wins) AS w
      GROUP BY gid
    ),
    -- Materialized: computed once even where a mis-estimated plan would re-run it per group.
    room_union AS MATERIALIZED (
      SELECT b.room_id, range_agg(tstzrange(b.starts_at, b.ends_at) * z.win) AS booked
      FROM in_range_work b JOIN window_days z ON z.window_key = b.window_key AND z.day = b.day
      WHERE b.status <> 'cancelled'
      GROUP BY b.room_id, b.day
    ),
    pieces AS (
      SELECT g.gid, p FROM grouped g JOIN room_union u ON u.room_id = g.room_id CROSS JOIN LATERAL unnest(u.booked) AS p
    ),
    people AS (
      SELECT g.gid, b.day, GROUPING(b.day) = 1 AS whole,
        count(DISTINCT b.id) AS bookings, count(DISTINCT b.organizer_pseudonym) AS organizers
      FROM grouped g JOIN in_range_work b ON b.room_id = g.room_id AND b.status <> 'cancelled'
      GROUP BY GROUPING SETS ((g.gid, b.day), (g.gid))
    ),
    ${pressureResult(PRESSURE_SHARE)}`;
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

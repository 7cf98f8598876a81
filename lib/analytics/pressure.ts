import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { capacityBandIds, type CapacityBand } from "./bands";
import { ratio, suppressLinked, type Cell } from "./cell-suppression";
import { servedByRollups } from "./local-time";
import { pressureFromPeriodsSql, pressurePeriodsServe } from "./pressure-periods";
import { fastPressureCtes, PRESSURE_SHARE } from "./pressure-sql";
import { exactPeople, pressureDayCtes, pressureReferenceSql, pressureResult, inRange } from "./reference/pressure";
import { roomScope, type RoomFilters } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

export { PRESSURE_SHARE } from "./pressure-sql";

/** Rooms of one capacity band in one building, or in all buildings (`building` null). */
type GroupKey = { building: string | null; band: CapacityBand };

export type PressureGroupRow = GroupKey & {
  rooms: number;
  workingSeconds: number;
  pressuredSeconds: number;
  /** Bookings summed over the days (one across midnight counts on each day it has time on). */
  bookings: number;
  organizers: number;
  days: { day: string; peak: number; bookings: number; organizers: number }[];
};

/** pressureResult's rows: a group, and its listed days as parallel arrays in day order. */
type Row = GroupKey & {
  rooms: number;
  workingSeconds: number;
  pressuredSeconds: number;
  bookings: number;
  organizers: number;
  days: string[];
  dayPeaks: number[];
  dayBookings: number[];
  dayOrganizers: number[];
};

/**
 * Concurrency per capacity band, per building and across buildings (reference/pressure.ts defines it:
 * exact, per local day, every booking that holds a room counted). Rooms without a
 * known capacity belong to no band and are left out. With a cap (the view's k), organizers are
 * counted up to it and the pressure periods answer when they were built for this working time
 * (pressure-periods.ts); else the bookings are read.
 */
export async function getPressure(
  db: Db,
  range: DateRange,
  filters: RoomFilters = {},
  time?: WorkingTime,
  organizerCap?: number,
): Promise<PressureGroupRow[]> {
  const working = await resolveWorkingTime(db, time);
  const scope = roomScope(filters);
  if (organizerCap !== undefined && (await pressurePeriodsServe(db, range, working, filters, organizerCap))) {
    return shapeGroups(await queryRows<Row>(db, pressureFromPeriodsSql(range, working, scope, organizerCap)), organizerCap);
  }
  const query = servedByRollups(working) ? pressureSql(range, working, scope) : pressureReferenceSql(range, working, scope, PRESSURE_SHARE);
  return shapeGroups(await queryRows<Row>(db, query), organizerCap);
}

/** `getPressure` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getPressureRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime, organizerCap?: number): Promise<PressureGroupRow[]> {
  return shapeGroups(await queryRows<Row>(db, pressureReferenceSql(range, time, roomScope(filters), PRESSURE_SHARE)), organizerCap);
}

/**
 * Concurrency needs each room's booked intervals, which no sum keeps: they come from the placed
 * bookings, found through their stored local days (no time-zone conversion, no booking × day search)
 * and clipped to their room's working window (pressure-sql.ts).
 */
function pressureSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${fastPressureCtes(range, time, scope)},
    ${pressureDayCtes(PRESSURE_SHARE, inRange(range))},
    ${exactPeople}
    ${pressureResult}`;
}

/** The groups with their days; organizers as min(count, cap), all the small-group rule reads of them. */
function shapeGroups(rows: Row[], cap: number | undefined): PressureGroupRow[] {
  const organizers = (count: number) => (cap === undefined ? count : Math.min(count, cap));
  const groups = rows.map((row): PressureGroupRow => {
    const { building, band, rooms, workingSeconds, pressuredSeconds, bookings } = row;
    const days = row.days.map((day, i) => ({
      day,
      peak: row.dayPeaks[i] ?? 0,
      bookings: row.dayBookings[i] ?? 0,
      organizers: organizers(row.dayOrganizers[i] ?? 0),
    }));
    return { building, band, rooms, workingSeconds, pressuredSeconds, bookings, organizers: organizers(row.organizers), days };
  });
  // Band order, then "all buildings" before each building by name.
  return groups.sort(
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

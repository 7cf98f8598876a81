import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { servedByRollups } from "./local-time";
import { organizersReferenceSql, roomUsageReferenceSql } from "./reference/utilisation";
import { roomUsageFromPeriodsSql, usagePeriodsServe } from "./usage-periods";
import { roomScope } from "./room-filter";
import { cellOrganizers, fastCtes, roomWorkingSeconds } from "./rollup-sql";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/** Raw, unsuppressed figures of one room; only the dashboard's suppression step may expose them. */
export type RoomUsageRow = {
  id: number;
  name: string;
  building: string;
  floor: string;
  capacity: number | null;
  bookings: number;
  bookedSeconds: number;
  workingSeconds: number;
  organizers: number;
};

/**
 * Per active room: bookings starting in the range, booked seconds (union inside working hours),
 * working seconds and distinct organizers. Read from the hourly rollups: booked time from the
 * working slots, bookings and organizers from every slot of the range's days; or, with organizers
 * counted up to `organizerCap`, from the usage periods summed from them (usage-periods.ts).
 */
export async function listRoomUsage(db: Db, range: DateRange, time: WorkingTime, organizerCap?: number): Promise<RoomUsageRow[]> {
  // With a cap (the view's k), the usage periods answer when they were built for this working time.
  if (organizerCap !== undefined && (await usagePeriodsServe(db, time, organizerCap))) {
    return queryRows<RoomUsageRow>(db, roomUsageFromPeriodsSql(range, time, organizerCap));
  }
  const rows = await queryRows<RoomUsageRow>(db, servedByRollups(time) ? roomUsageSql(range, time) : roomUsageReferenceSql(range, time));
  return capRoomOrganizers(rows, organizerCap);
}

/** Rooms' organizer counts as min(count, cap), whichever path answered, so that both give one result. */
export function capRoomOrganizers(rows: RoomUsageRow[], cap: number | undefined): RoomUsageRow[] {
  return cap === undefined ? rows : rows.map((row) => ({ ...row, organizers: Math.min(row.organizers, cap) }));
}

/** `listRoomUsage` straight from the bookings (reference SQL), for tests that compare the two. */
export async function listRoomUsageRaw(db: Db, range: DateRange, time: WorkingTime): Promise<RoomUsageRow[]> {
  return queryRows<RoomUsageRow>(db, roomUsageReferenceSql(range, time));
}

function roomUsageSql(range: DateRange, time: WorkingTime): SQL {
  return sql`
    WITH ${fastCtes(range, time, roomScope())},
    working AS (${roomWorkingSeconds}),
    per_room AS (
      SELECT room_id, sum(booked) FILTER (WHERE working) AS booked, sum(bookings_started) AS bookings
      FROM cells GROUP BY room_id
    ),
    -- Distinct (room, organizer) pairs first: hashing them beats sorting per room.
    people AS (
      SELECT room_id, count(*) AS organizers
      FROM (SELECT DISTINCT room_id, o FROM (${cellOrganizers(range)}) c) x GROUP BY room_id
    )
    SELECT r.id, r.name, r.building, r.floor, r.capacity,
      coalesce(p.bookings, 0)::integer AS bookings,
      coalesce(p.booked, 0)::float8 AS "bookedSeconds",
      coalesce(w.seconds, 0)::float8 AS "workingSeconds",
      coalesce(o.organizers, 0)::integer AS organizers
    FROM rooms r
    LEFT JOIN working w ON w.room_id = r.id
    LEFT JOIN per_room p ON p.room_id = r.id
    LEFT JOIN people o ON o.room_id = r.id
    WHERE r.active AND ${analysedRoom()}
    ORDER BY r.name`;
}

/**
 * Every active room's usage and the distinct organizers over the range: what the dashboard and the
 * preference index both read (preference over all rooms whatever the filters, to hide rooms exactly
 * as the dashboard does). A page showing both loads it once and hands it to each.
 */
export type RangeUsage = { rooms: RoomUsageRow[]; organizers: number };

/**
 * With `cap` (the view's k), `organizers`, the range's and each room's, are counted up to it: they are
 * only compared with k (rooms are ranked by bookings: dashboard.ts), and that is what lets the usage
 * periods answer. Once any room reaches the cap, so does the total, and the range's distinct
 * organizers (0.8 s at 10 M bookings) are not counted at all. Without a cap, every count is exact.
 */
export async function loadRangeUsage(db: Db, range: DateRange, time: WorkingTime, cap: number | undefined): Promise<RangeUsage> {
  const rooms = await listRoomUsage(db, range, time, cap);
  if (cap === undefined) return { rooms, organizers: await countOrganizers(db, range, time) };
  const organizers = rooms.some((room) => room.organizers >= cap) ? cap : Math.min(await countOrganizers(db, range, time), cap);
  return { rooms, organizers };
}

/** Distinct organizers over the whole range: a total's own k check (it cannot be summed from rooms). */
export async function countOrganizers(db: Db, range: DateRange, time: WorkingTime): Promise<number> {
  const query = servedByRollups(time)
    ? sql`WITH ${fastCtes(range, time, roomScope())}
        SELECT count(*)::integer AS organizers FROM (SELECT DISTINCT o FROM (${cellOrganizers(range)}) c) x`
    : organizersReferenceSql(range, time);
  const [row] = await queryRows<{ organizers: number }>(db, query);
  return row?.organizers ?? 0;
}

export async function countOrganizersRaw(db: Db, range: DateRange, time: WorkingTime): Promise<number> {
  const [row] = await queryRows<{ organizers: number }>(db, organizersReferenceSql(range, time));
  return row?.organizers ?? 0;
}

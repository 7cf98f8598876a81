import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { ratio, suppressLinked, type Cell } from "./cell-suppression";
import { servedByRollups } from "./local-time";
import { occupiedReferenceSql, occupiedResult } from "./reference/occupied";
import { checkinFiguresCtes, checkinPeriodsServe, OCCUPYING } from "./checkin-periods";
import { roomLabelColumns, roomScope, toRoomLabel, type RoomFilters, type RoomLabel } from "./room-filter";
import { fastCtes, roomWorkingSeconds } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/** Raw, unsuppressed figures of one room with check-in data. */
export type OccupiedRoomRow = RoomLabel & {
  occupiedSeconds: number;
  workingSeconds: number;
  /** Checked-in bookings that add occupied time, and their distinct organizers. */
  bookings: number;
  organizers: number;
};

export type OccupiedRows = { rooms: OccupiedRoomRow[]; total: { bookings: number; organizers: number } };

/**
 * Occupied utilisation = checked-in minutes / working minutes, only for rooms whose source reports
 * check-ins: a room has check-in data in the range when one of its bookings there is a no-show or
 * carries a check-in time. A checked-in booking occupies the room from its check-in (from its start
 * when checked in early: before that the booking did not hold the room) to its end; per room and day
 * these intervals are unioned and clipped to working hours, like booked minutes. A booking without
 * check-in in such a room adds nothing: the room was booked, not seen in use.
 */
export async function getOccupiedUtilisation(
  db: Db,
  range: DateRange,
  filters: RoomFilters = {},
  time?: WorkingTime,
  organizerCap?: number,
): Promise<OccupiedRows> {
  const working = await resolveWorkingTime(db, time);
  const scope = roomScope(filters);
  // With a cap (the view's k), the check-in periods answer when they were built for this working
  // time; else the hour rollups and the bookings (checkin-periods.ts).
  if (organizerCap !== undefined && (await checkinPeriodsServe(db, working, organizerCap))) {
    return readOccupied(db, occupiedFromPeriodsSql(range, working, scope, organizerCap));
  }
  const query = servedByRollups(working) ? occupiedSql(range, working, scope) : occupiedReferenceSql(range, working, scope);
  return capOccupiedOrganizers(await readOccupied(db, query), organizerCap);
}

/** `getOccupiedUtilisation` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getOccupiedUtilisationRaw(
  db: Db,
  range: DateRange,
  filters: RoomFilters,
  time: WorkingTime,
  organizerCap?: number,
): Promise<OccupiedRows> {
  return capOccupiedOrganizers(await readOccupied(db, occupiedReferenceSql(range, time, roomScope(filters))), organizerCap);
}

/** Organizer counts as min(count, cap), whichever path answered: all the small-group rule reads of them (cell-suppression.ts). */
function capOccupiedOrganizers(rows: OccupiedRows, cap: number | undefined): OccupiedRows {
  if (cap === undefined) return rows;
  return {
    rooms: rows.rooms.map((room) => ({ ...room, organizers: Math.min(room.organizers, cap) })),
    total: { ...rows.total, organizers: Math.min(rows.total.organizers, cap) },
  };
}

/** occupiedSql's rows from the check-in periods, organizers counted up to `cap`. */
function occupiedFromPeriodsSql(range: DateRange, time: WorkingTime, scope: SQL, cap: number): SQL {
  return sql`
    WITH ${checkinFiguresCtes(range, time, scope, cap)},
    working AS (${roomWorkingSeconds})
    SELECT ${roomLabelColumns},
      coalesce(s.occupied, 0)::float8 AS "occupiedSeconds",
      coalesce(w.seconds, 0)::float8 AS "workingSeconds",
      s.occupying::integer AS bookings,
      coalesce(n.organizers, 0)::integer AS organizers,
      (SELECT coalesce(sum(occupying), 0) FROM room_sums)::integer AS "totalBookings",
      coalesce((SELECT organizers FROM organizer_counts WHERE room_id IS NULL AND kind = ${OCCUPYING}::integer), 0)::integer AS "totalOrganizers"
    FROM room_sums s JOIN rooms r ON r.id = s.room_id
    LEFT JOIN working w ON w.room_id = r.id
    LEFT JOIN organizer_counts n ON n.room_id = s.room_id AND n.kind = ${OCCUPYING}::integer
    -- Rooms with check-in data only (occupied.ts's checkin_rooms).
    WHERE s.checkin_data
    ORDER BY r.name`;
}

/**
 * Occupied seconds from the hourly rollups' working slots; the checked-in bookings (and their
 * organizers) from the placed bookings: those whose occupied time meets a working window.
 */
function occupiedSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${fastCtes(range, time, scope)},
    checkin_rooms AS (
      SELECT DISTINCT room_id FROM relevant WHERE status = 'no_show' OR checked_in_at IS NOT NULL
    ),
    attended_days AS (
      SELECT w.room_id, w.id, w.organizer_pseudonym
      FROM in_range_work w JOIN window_days z ON z.window_key = w.window_key AND z.day = w.day
      WHERE w.status = 'confirmed' AND w.checked_in_at < w.ends_at
        AND tstzrange(greatest(w.checked_in_at, w.starts_at), w.ends_at) && z.win
    ),
    occupied AS (SELECT room_id, sum(occupied) FILTER (WHERE working) AS seconds FROM cells GROUP BY room_id),
    working AS (${roomWorkingSeconds}),
    people AS (
      SELECT room_id, count(DISTINCT id) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
      FROM attended_days GROUP BY GROUPING SETS ((room_id), ())
    )
    ${occupiedResult}`;
}

async function readOccupied(db: Db, query: SQL): Promise<OccupiedRows> {
  const rows = await queryRows<OccupiedRoomRow & { totalBookings: number | null; totalOrganizers: number | null }>(db, query);
  return {
    rooms: rows.map((row) => ({
      ...toRoomLabel(row),
      occupiedSeconds: row.occupiedSeconds,
      workingSeconds: row.workingSeconds,
      bookings: row.bookings,
      organizers: row.organizers,
    })),
    total: { bookings: rows[0]?.totalBookings ?? 0, organizers: rows[0]?.totalOrganizers ?? 0 },
  };
}

export type OccupiedRoom = RoomLabel & { occupiedHours: number | null; occupiedUtilisation: number | null; suppressed: boolean };

export type OccupiedUtilisation = {
  /** Rooms with check-in data in the range (a directory fact, not about people). */
  rooms: number;
  occupiedHours: number | null;
  occupiedUtilisation: number | null;
  suppressed: boolean;
  byRoom: OccupiedRoom[];
};

/** Total = sum of rooms, so the rooms are one partition under the complementary rule. */
export function suppressOccupiedUtilisation(raw: OccupiedRows, k: number): OccupiedUtilisation {
  const cells: Cell[] = [raw.total, ...raw.rooms];
  const hidden = suppressLinked(cells, [{ whole: 0, parts: raw.rooms.map((_, i) => i + 1) }], k);
  const totalHidden = hidden[0] ?? true;
  const occupied = raw.rooms.reduce((sum, room) => sum + room.occupiedSeconds, 0);
  const workingSeconds = raw.rooms.reduce((sum, room) => sum + room.workingSeconds, 0);
  return {
    rooms: raw.rooms.length,
    occupiedHours: shown(occupied / 3600, totalHidden),
    occupiedUtilisation: shown(ratio(occupied, workingSeconds), totalHidden),
    suppressed: totalHidden,
    byRoom: raw.rooms.map((room, index) => {
      const suppressed = hidden[index + 1] ?? true;
      return {
        ...toRoomLabel(room),
        occupiedHours: shown(room.occupiedSeconds / 3600, suppressed),
        occupiedUtilisation: shown(ratio(room.occupiedSeconds, room.workingSeconds), suppressed),
        suppressed,
      };
    }),
  };
}

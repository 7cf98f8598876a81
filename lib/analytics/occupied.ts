import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { ratio, suppressLinked, type Cell } from "./cell-suppression";
import { roomLabelColumns, roomScope, toRoomLabel, type RoomFilters, type RoomLabel } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "./working-time";

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
): Promise<OccupiedRows> {
  const working = await resolveWorkingTime(db, time);
  const rows = await queryRows<OccupiedRoomRow & { totalBookings: number | null; totalOrganizers: number | null }>(
    db,
    sql`
      WITH ${workingTimeCtes(range, working, roomScope(filters))},
      checkin_rooms AS (
        SELECT DISTINCT room_id FROM relevant WHERE status = 'no_show' OR checked_in_at IS NOT NULL
      ),
      attended AS (
        SELECT b.*, greatest(b.checked_in_at, b.starts_at) AS occupied_from FROM in_range_days b
        WHERE b.status = 'confirmed' AND b.checked_in_at IS NOT NULL AND b.checked_in_at < b.ends_at
      ),
      attended_days AS (
        SELECT rd.room_id, rd.day, b.organizer_pseudonym, b.id, tstzrange(b.occupied_from, b.ends_at) * rd.win AS piece
        FROM room_days rd JOIN attended b ON b.room_id = rd.room_id AND b.day = rd.day
          AND b.occupied_from < upper(rd.win) AND b.ends_at > lower(rd.win)
      ),
      occupied AS (
        SELECT room_id, sum(${rangeSeconds(sql`p`)}) AS seconds
        FROM (SELECT room_id, day, range_agg(piece) AS pieces FROM attended_days GROUP BY room_id, day) d, unnest(d.pieces) AS p
        GROUP BY room_id
      ),
      working AS (SELECT room_id, sum(${rangeSeconds(sql`win`)}) AS seconds FROM room_days GROUP BY room_id),
      people AS (
        SELECT room_id, count(DISTINCT id) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
        FROM attended_days GROUP BY GROUPING SETS ((room_id), ())
      )
      SELECT ${roomLabelColumns},
        coalesce(o.seconds, 0)::float8 AS "occupiedSeconds",
        coalesce(w.seconds, 0)::float8 AS "workingSeconds",
        coalesce(p.bookings, 0)::integer AS bookings,
        coalesce(p.organizers, 0)::integer AS organizers,
        (SELECT bookings FROM people WHERE room_id IS NULL)::integer AS "totalBookings",
        (SELECT organizers FROM people WHERE room_id IS NULL)::integer AS "totalOrganizers"
      FROM checkin_rooms c JOIN rooms r ON r.id = c.room_id
      LEFT JOIN occupied o ON o.room_id = r.id
      LEFT JOIN working w ON w.room_id = r.id
      LEFT JOIN people p ON p.room_id = r.id
      ORDER BY r.name`,
  );
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

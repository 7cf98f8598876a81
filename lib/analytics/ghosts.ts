import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { ratio, suppressRows, type Cell } from "./cell-suppression";
import { roomLabelColumns, roomScope, toRoomLabel, type RoomFilters, type RoomLabel } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "./working-time";

/** No-shows and attended bookings of one room (or of all, `room` null), each with its own organizers. */
export type GhostCounts = {
  ghosts: number;
  ghostOrganizers: number;
  attended: number;
  attendedOrganizers: number;
  /** Union of the no-show bookings' intervals inside working hours. */
  lostSeconds: number;
};

export type GhostRows = { rooms: (RoomLabel & GhostCounts)[]; total: GhostCounts };

/**
 * Ghost rate = no-show (auto-released) bookings / bookings with check-in data, i.e. bookings that
 * are no-shows or carry a check-in time; a plain confirmed booking says nothing either way and is
 * left out. Cancelled bookings never count. Population: bookings that overlap working hours.
 * Hours lost = the union, per room and day, of no-show bookings clipped to working hours: room time
 * held by nobody.
 */
export async function getGhostRate(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<GhostRows> {
  const working = await resolveWorkingTime(db, time);
  const rows = await queryRows<RoomLabel & GhostCounts & { isTotal: boolean }>(
    db,
    sql`
      WITH ${workingTimeCtes(range, working, roomScope(filters))},
      checked AS (
        SELECT * FROM in_hours WHERE status = 'no_show' OR (status <> 'cancelled' AND checked_in_at IS NOT NULL)
      ),
      lost_days AS (
        SELECT rd.room_id, range_agg(tstzrange(b.starts_at, b.ends_at) * rd.win) AS pieces
        FROM room_days rd JOIN in_range_days b ON b.room_id = rd.room_id AND b.day = rd.day AND b.status = 'no_show'
          AND b.starts_at < upper(rd.win) AND b.ends_at > lower(rd.win)
        GROUP BY rd.room_id, rd.day
      ),
      lost AS (SELECT room_id, sum(${rangeSeconds(sql`p`)}) AS seconds FROM lost_days, unnest(pieces) AS p GROUP BY room_id),
      counts AS (
        SELECT room_id,
          count(*) FILTER (WHERE status = 'no_show') AS ghosts,
          count(DISTINCT organizer_pseudonym) FILTER (WHERE status = 'no_show') AS ghost_organizers,
          count(*) FILTER (WHERE status <> 'no_show') AS attended,
          count(DISTINCT organizer_pseudonym) FILTER (WHERE status <> 'no_show') AS attended_organizers,
          GROUPING(room_id) = 1 AS is_total
        FROM checked GROUP BY GROUPING SETS ((room_id), ())
      )
      SELECT ${roomLabelColumns}, c.is_total AS "isTotal",
        c.ghosts::integer AS ghosts, c.ghost_organizers::integer AS "ghostOrganizers",
        c.attended::integer AS attended, c.attended_organizers::integer AS "attendedOrganizers",
        CASE WHEN c.is_total THEN (SELECT coalesce(sum(seconds), 0) FROM lost) ELSE coalesce(l.seconds, 0) END::float8 AS "lostSeconds"
      FROM counts c LEFT JOIN rooms r ON r.id = c.room_id AND NOT c.is_total LEFT JOIN lost l ON l.room_id = r.id
      ORDER BY c.is_total, r.name`,
  );
  const counts = (row: GhostCounts): GhostCounts => ({
    ghosts: row.ghosts,
    ghostOrganizers: row.ghostOrganizers,
    attended: row.attended,
    attendedOrganizers: row.attendedOrganizers,
    lostSeconds: row.lostSeconds,
  });
  const total = rows.find((row) => row.isTotal);
  return {
    rooms: rows.filter((row) => !row.isTotal).map((row) => ({ ...toRoomLabel(row), ...counts(row) })),
    total: total ? counts(total) : { ghosts: 0, ghostOrganizers: 0, attended: 0, attendedOrganizers: 0, lostSeconds: 0 },
  };
}

type GhostFigures = {
  bookingsWithCheckIn: number | null;
  ghosts: number | null;
  ghostRate: number | null;
  hoursLost: number | null;
  suppressed: boolean;
};
export type GhostRoom = RoomLabel & GhostFigures;
export type GhostRate = GhostFigures & { byRoom: GhostRoom[] };

/**
 * A ghost count (and the hours lost with it) covers the organizers of the no-shows; the attended
 * count covers theirs. A rate reveals both, so each row (a room, or the total) is shown only when
 * both of its cells reach k, and the room rows add up to the total in both columns.
 */
export function suppressGhostRate(raw: GhostRows, k: number): GhostRate {
  const entries = [raw.total, ...raw.rooms];
  const cells: Cell[] = entries.flatMap((row) => [
    { organizers: row.ghostOrganizers, bookings: row.ghosts },
    { organizers: row.attendedOrganizers, bookings: row.attended },
  ]);
  const rooms = raw.rooms.map((_, i) => 2 * (i + 1));
  const columns = [
    { whole: 0, parts: rooms },
    { whole: 1, parts: rooms.map((i) => i + 1) },
  ];
  const hidden = suppressRows(cells, columns, entries.map((_, i) => [2 * i, 2 * i + 1]), k);
  const figures = (row: GhostCounts, suppressed: boolean): GhostFigures => ({
    bookingsWithCheckIn: shown(row.ghosts + row.attended, suppressed),
    ghosts: shown(row.ghosts, suppressed),
    ghostRate: shown(ratio(row.ghosts, row.ghosts + row.attended), suppressed),
    hoursLost: shown(row.lostSeconds / 3600, suppressed),
    suppressed,
  });
  return {
    ...figures(raw.total, hidden[0] ?? true),
    byRoom: raw.rooms.map((room, i) => ({ ...toRoomLabel(room), ...figures(room, hidden[2 * (i + 1)] ?? true) })),
  };
}

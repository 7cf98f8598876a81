import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { shown } from "@/lib/privacy/suppression";
import { ratio, suppressRows, type Cell } from "./cell-suppression";
import { servedByRollups } from "./local-time";
import { ghostCountsAndResult, ghostsReferenceSql } from "./reference/ghosts";
import { ATTENDED, checkinFiguresCtes, checkinPeriodsServe, GHOST } from "./checkin-periods";
import { roomLabelColumns, roomScope, toRoomLabel, type RoomFilters, type RoomLabel } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

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
export async function getGhostRate(
  db: Db,
  range: DateRange,
  filters: RoomFilters = {},
  time?: WorkingTime,
  organizerCap?: number,
): Promise<GhostRows> {
  const working = await resolveWorkingTime(db, time);
  const scope = roomScope(filters);
  // With a cap (the view's k), the check-in periods answer when they were built for this working
  // time; else the hour rollups and the bookings (checkin-periods.ts).
  if (organizerCap !== undefined && (await checkinPeriodsServe(db, working, organizerCap))) {
    return readGhosts(db, ghostsFromPeriodsSql(range, working, scope, organizerCap));
  }
  const query = servedByRollups(working) ? ghostsSql(range, working, scope) : ghostsReferenceSql(range, working, scope);
  return capGhostOrganizers(await readGhosts(db, query), organizerCap);
}

/** `getGhostRate` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getGhostRateRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime, organizerCap?: number): Promise<GhostRows> {
  return capGhostOrganizers(await readGhosts(db, ghostsReferenceSql(range, time, roomScope(filters))), organizerCap);
}

/** Organizer counts as min(count, cap), whichever path answered: all the small-group rule reads of them (cell-suppression.ts). */
function capGhostOrganizers(rows: GhostRows, cap: number | undefined): GhostRows {
  if (cap === undefined) return rows;
  const capped = <T extends GhostCounts>(row: T): T => ({
    ...row,
    ghostOrganizers: Math.min(row.ghostOrganizers, cap),
    attendedOrganizers: Math.min(row.attendedOrganizers, cap),
  });
  return { rooms: rows.rooms.map(capped), total: capped(rows.total) };
}

/** ghostsSql's rows from the check-in periods, organizers counted up to `cap`. */
function ghostsFromPeriodsSql(range: DateRange, time: WorkingTime, scope: SQL, cap: number): SQL {
  const total = (kind: number) => sql`coalesce((SELECT organizers FROM organizer_counts WHERE room_id IS NULL AND kind = ${kind}::integer), 0)::integer`;
  return sql`
    WITH ${checkinFiguresCtes(range, time, scope, cap)}
    SELECT ${roomLabelColumns}, false AS "isTotal",
      s.ghosts::integer AS ghosts, coalesce(g.organizers, 0)::integer AS "ghostOrganizers",
      s.attended::integer AS attended, coalesce(a.organizers, 0)::integer AS "attendedOrganizers",
      coalesce(s.lost, 0)::float8 AS "lostSeconds"
    FROM room_sums s JOIN rooms r ON r.id = s.room_id
    LEFT JOIN organizer_counts g ON g.room_id = s.room_id AND g.kind = ${GHOST}::integer
    LEFT JOIN organizer_counts a ON a.room_id = s.room_id AND a.kind = ${ATTENDED}::integer
    -- As ghostCountsAndResult: a room appears with bookings it counts; the total's hours lost are every room's.
    WHERE s.ghosts + s.attended > 0
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, true,
      coalesce(sum(ghosts), 0)::integer, ${total(GHOST)}, coalesce(sum(attended), 0)::integer, ${total(ATTENDED)},
      coalesce(sum(lost), 0)::float8
    FROM room_sums
    ORDER BY "isTotal", name`;
}

/** Hours lost from the hourly rollups' working slots; the bookings from the placed bookings. */
function ghostsSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${fastCtes(range, time, scope)},
    lost AS (SELECT room_id, sum(lost) FILTER (WHERE working) AS seconds FROM cells GROUP BY room_id),
    ${ghostCountsAndResult}`;
}

async function readGhosts(db: Db, query: SQL): Promise<GhostRows> {
  const rows = await queryRows<RoomLabel & GhostCounts & { isTotal: boolean }>(db, query);
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

import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { rooms } from "@/db/schema";
import { suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { getSettings } from "@/lib/settings";
import { bandOf, capacityBands, type CapacityBand } from "./bands";
import { roomScope, type RoomLabel } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { AddedRooms, WhatIfInput } from "./what-if-input";
import { computeScenarioPressure, type ScenarioBooking, type ScenarioRoom, type Span } from "./what-if-pressure";
import { replayDisplaced, roomKey, seatsNeeded, type ReplayBooking, type ReplayRoom } from "./what-if-replay";
import { suppressWhatIf, type WhatIfFigures } from "./what-if-suppression";
import { workingTimeCtes, type WorkingTime } from "./working-time";

export type { WhatIfFigures } from "./what-if-suppression";

/** Rooms the what-if form offers: the active directory without sensitive rooms (sensitive-rooms.ts), by building then name. */
export async function listWhatIfRooms(db: Db): Promise<RoomLabel[]> {
  return db
    .select({ id: rooms.id, name: rooms.name, building: rooms.building, floor: rooms.floor, capacity: rooms.capacity })
    .from(rooms)
    .where(and(eq(rooms.active, true), eq(rooms.sensitive, false)))
    .orderBy(asc(rooms.building), asc(rooms.name));
}

/**
 * Seats of an added room: the top of its band, so it holds what a room of that band can; a 13+ room
 * (no top) is as large as the largest active room, and at least 13 seats.
 */
export function addedRoomSeats(band: CapacityBand, largestRoom: number): number {
  const spec = capacityBands.find((b) => b.id === band);
  return spec?.max ?? Math.max(spec?.min ?? 13, largestRoom);
}

type RoomRow = { id: number; name: string; building: string; capacity: number | null; timeZone: string };
type WindowRow = { building: string; timeZone: string; start: number; end: number };
type BookingRow = { id: number; roomId: number; start: number; end: number; attendees: number | null; organizer: number | null; day: string; hour: number };

/** A displaced booking the replay could not place, with when it started (its room's local day and hour). */
export type Unfitted = { id: number; organizer: number | null; day: string; hour: number };

/**
 * The what-if: the period's held bookings (not cancelled; no-shows still held their room) are replayed
 * without the removed rooms and with the added ones (replayDisplaced states the rule), and the current
 * and new pressure per band are computed the same way (what-if-pressure.ts). Everything returned is
 * suppressed with k from settings; raw rows and organizer numbers never leave this function.
 */
export async function runWhatIf(db: Db, input: WhatIfInput, time?: WorkingTime): Promise<WhatIfFigures> {
  const settings = await getSettings(db);
  const working = await resolveWorkingTime(db, time);
  const [roomRows, windowRows, bookingRows] = await Promise.all([
    db
      .select({ id: rooms.id, name: rooms.name, building: rooms.building, capacity: rooms.capacity, timeZone: rooms.timeZone })
      .from(rooms)
      .where(and(eq(rooms.active, true), eq(rooms.sensitive, false)))
      .orderBy(asc(rooms.id)),
    loadWindows(db, input.range, working),
    loadBookings(db, input.range, working),
  ]);
  const removed = new Set(input.removed);
  const real = new Map(roomRows.map((room) => [room.id, room]));
  // Rooms of one building and zone share their windows (the building's working time and closures).
  const windowKey = (building: string, zone: string) => `${building}\u0000${zone}`;
  const windowsByKey = new Map<string, Span[]>();
  for (const row of windowRows) {
    const key = windowKey(row.building, row.timeZone);
    const list = windowsByKey.get(key) ?? [];
    list.push({ start: row.start, end: row.end });
    windowsByKey.set(key, list);
  }
  const added = listAddedRooms(input.added, roomRows);

  const bookings: (ReplayBooking & ScenarioBooking & { row: BookingRow })[] = bookingRows.map((row) => ({
    id: row.id,
    roomId: row.roomId,
    roomKey: roomKey(row.roomId),
    start: row.start,
    end: row.end,
    seats: seatsNeeded(row.attendees, real.get(row.roomId)?.capacity ?? null),
    organizer: row.organizer,
    row,
  }));
  const displaced = bookings.filter((b) => removed.has(b.roomId));
  const kept = bookings.filter((b) => !removed.has(b.roomId));
  const candidates: ReplayRoom[] = [
    ...roomRows.filter((room) => !removed.has(room.id)).map((room) => ({ key: roomKey(room.id), name: room.name, building: room.building, capacity: room.capacity, added: false })),
    ...added.map(({ room }) => room),
  ];
  const placements = replayDisplaced(displaced, kept, candidates, (roomId) => real.get(roomId)?.building ?? "");

  // Scenario rooms with a band; a building's rooms share one time zone, so an added room works its building's hours.
  const zoneOf = (building: string) => roomRows.find((room) => room.building === building)?.timeZone ?? "UTC";
  const scenarioRoom = (key: string, building: string, capacity: number | null, zone: string): ScenarioRoom[] => {
    const band = bandOf(capacity);
    return band === null ? [] : [{ key, building, band, windows: windowsByKey.get(windowKey(building, zone)) ?? [] }];
  };
  const currentRooms = roomRows.flatMap((room) => scenarioRoom(roomKey(room.id), room.building, room.capacity, room.timeZone));
  const removedKeys = new Set(input.removed.map(roomKey));
  const newRooms = [
    ...currentRooms.filter((room) => !removedKeys.has(room.key)),
    ...added.flatMap(({ room }) => scenarioRoom(room.key, room.building, room.capacity, zoneOf(room.building))),
  ];
  const moved = placements.flatMap((p) => (p.to === null ? [] : [{ ...p.booking, roomKey: p.to.key }]));
  const unfitted: Unfitted[] = placements.flatMap(({ to, booking: { row } }) =>
    to === null ? [{ id: row.id, organizer: row.organizer, day: row.day, hour: row.hour }] : [],
  );

  const figures = suppressWhatIf(
    {
      range: input.range,
      workday: { startMinute: working.workdayStartMinute, endMinute: working.workdayEndMinute },
      removed: roomRows.filter((room) => removed.has(room.id)).map(({ id, name, building, capacity }) => ({ id, name, building, capacity })),
      added: input.added.map((rooms) => ({ ...rooms, seats: addedRoomSeats(rooms.band, largest(roomRows)) })),
      placements: placements.map(({ booking, to, sameBuilding }) => ({
        id: booking.id,
        organizer: booking.organizer,
        roomId: booking.roomId,
        placed: to !== null,
        sameBuilding,
      })),
      unfitted,
      current: computeScenarioPressure(currentRooms, bookings),
      next: computeScenarioPressure(newRooms, [...kept, ...moved]),
    },
    // Checked against k × key versions (rotation-threshold.ts); the page states k itself.
    await suppressionThreshold(db, settings.minGroupSize),
  );
  return { ...figures, minGroupSize: settings.minGroupSize };
}

const largest = (list: readonly RoomRow[]) => list.reduce((max, room) => Math.max(max, room.capacity ?? 0), 0);

function listAddedRooms(added: readonly AddedRooms[], roomRows: readonly RoomRow[]): { room: ReplayRoom }[] {
  return added.flatMap((rooms) =>
    Array.from({ length: rooms.count }, (_, i) => ({
      room: {
        key: `added:${rooms.building}:${rooms.band}:${i + 1}`,
        // Never shown to anyone; orders added rooms among themselves after existing rooms of the same size.
        name: `${rooms.band} #${String(i + 1).padStart(3, "0")}`,
        building: rooms.building,
        capacity: addedRoomSeats(rooms.band, largest(roomRows)),
        added: true,
      },
    })),
  );
}

const epochMs = (column: ReturnType<typeof sql>) => sql`(date_part('epoch', ${column}) * 1000)::float8`;

/** Working windows per building and time zone (rooms of one building and zone share them): `room_days` without the rooms. */
async function loadWindows(db: Db, range: DateRange, time: WorkingTime): Promise<WindowRow[]> {
  return queryRows<WindowRow>(
    db,
    sql`WITH ${workingTimeCtes(range, time, roomScope())}
      SELECT DISTINCT rd.building, rd.time_zone AS "timeZone", ${epochMs(sql`lower(rd.win)`)} AS start, ${epochMs(sql`upper(rd.win)`)} AS "end"
      FROM room_days rd ORDER BY 1, 2, 3`,
  );
}

/**
 * The period's held bookings of active rooms (`relevant`), with the local day and hour each starts.
 * Organizers are numbered inside the query (dense_rank), so pseudonyms never reach this process: the
 * numbers serve only to count distinct people for suppression.
 */
async function loadBookings(db: Db, range: DateRange, time: WorkingTime): Promise<BookingRow[]> {
  return queryRows<BookingRow>(
    db,
    sql`WITH ${workingTimeCtes(range, time, roomScope())}
      SELECT b.id::float8 AS id, b.room_id AS "roomId", ${epochMs(sql`b.starts_at`)} AS start, ${epochMs(sql`b.ends_at`)} AS "end",
        b.attendee_count AS attendees,
        CASE WHEN b.organizer_pseudonym IS NULL THEN NULL ELSE dense_rank() OVER (ORDER BY b.organizer_pseudonym) END::integer AS organizer,
        to_char(b.starts_at AT TIME ZONE b.time_zone, 'YYYY-MM-DD') AS day,
        extract(hour FROM b.starts_at AT TIME ZONE b.time_zone)::integer AS hour
      FROM relevant b`,
  );
}

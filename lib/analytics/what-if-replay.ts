import { bandOf, capacityBands, type CapacityBand } from "./bands";

/** A room the replay can seat a meeting in: a real room that stays, or one the planner adds. */
export type ReplayRoom = {
  /** "room:<id>" for a real room, "added:<building>:<band>:<n>" for an added one. */
  key: string;
  name: string;
  building: string;
  /** Seats; null (unknown) for a real room never makes it a target. */
  capacity: number | null;
  added: boolean;
};

/** A held booking (not cancelled) as the replay needs it; times in epoch milliseconds. */
export type ReplayBooking = {
  id: number;
  /** The real room it was held in. */
  roomId: number;
  start: number;
  end: number;
  /** Seats it needs elsewhere: see `seatsNeeded`. */
  seats: number;
};

export type Placement<B extends ReplayBooking = ReplayBooking> = { booking: B; to: ReplayRoom | null; sameBuilding: boolean };

/** The replay's key of a real room. */
export function roomKey(roomId: number): string {
  return `room:${roomId}`;
}

/**
 * Seats a displaced meeting needs in another room (the documented rule of the what-if):
 * - with an attendee count: that many seats, but never more than the room it was held in (a meeting
 *   of 12 invitees held in an 8-seat room got by with 8 seats; asking for 12 would invent shortage);
 * - without one (private events keep no count, some sources give none): the smallest capacity of its
 *   room's band (a 10-seat room's meetings need 9 seats: the 9–12 band), as a room of that band was chosen;
 * - neither known (a room of unknown capacity, no count): any room, 1 seat.
 */
export function seatsNeeded(attendees: number | null, roomCapacity: number | null): number {
  const held = roomCapacity !== null && roomCapacity >= 1 ? roomCapacity : null;
  if (attendees !== null && attendees >= 1) return held === null ? attendees : Math.min(attendees, held);
  const band = bandOf(held);
  return band === null ? 1 : bandMinimum(band);
}

export function bandMinimum(band: CapacityBand): number {
  return capacityBands.find((b) => b.id === band)?.min ?? 1;
}

/**
 * Replays the displaced bookings (those of removed rooms) against the rooms that remain plus the added
 * ones. The bookings of remaining rooms stay where they were and block those rooms for their whole
 * time. Displaced bookings go in start order (ties: original room, then booking id), each to a room
 * free for its whole time with at least `seats` seats: in its own building if one is free, else in any
 * building; among those the smallest, then existing rooms before added ones, then by name. A booking
 * placed blocks its new room for the ones after it. None free: it would not have fitted.
 */
export function replayDisplaced<B extends ReplayBooking>(
  displaced: readonly B[],
  kept: readonly ReplayBooking[],
  candidates: readonly ReplayRoom[],
  buildingOf: (roomId: number) => string,
): Placement<B>[] {
  const busy = new Map<string, Interval[]>();
  for (const booking of [...kept].sort((a, b) => a.start - b.start)) reserve(busy, roomKey(booking.roomId), booking);
  const ordered = candidates
    .filter((room): room is ReplayRoom & { capacity: number } => room.capacity !== null && room.capacity >= 1)
    .sort((a, b) => a.capacity - b.capacity || Number(a.added) - Number(b.added) || compareText(a.name, b.name) || compareText(a.key, b.key));

  const queue = [...displaced].sort((a, b) => a.start - b.start || a.roomId - b.roomId || a.id - b.id);
  return queue.map((booking) => {
    const home = buildingOf(booking.roomId);
    const fits = (room: ReplayRoom & { capacity: number }) => room.capacity >= booking.seats && isFree(busy.get(room.key), booking);
    const to = ordered.find((room) => room.building === home && fits(room)) ?? ordered.find((room) => room.building !== home && fits(room)) ?? null;
    if (to) reserve(busy, to.key, booking);
    return { booking, to, sameBuilding: to !== null && to.building === home };
  });
}

/** Code-point order: the same on every server, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Interval = { start: number; end: number };

/** Merged, sorted busy time of a room; an index of the last interval starting before `at`. */
function lastStartingBefore(list: readonly Interval[], at: number): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((list[mid]?.start ?? Infinity) < at) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function isFree(list: readonly Interval[] | undefined, slot: Interval): boolean {
  if (!list) return true;
  // Intervals are disjoint and sorted, so only the last one starting before the slot ends can overlap it.
  const index = lastStartingBefore(list, slot.end);
  return index < 0 || (list[index]?.end ?? -Infinity) <= slot.start;
}

function reserve(busy: Map<string, Interval[]>, roomKey: string, slot: Interval): void {
  const list = busy.get(roomKey) ?? [];
  busy.set(roomKey, list);
  let start = slot.start;
  let end = slot.end;
  let from = lastStartingBefore(list, start);
  // Merge with a predecessor that reaches the new slot, and with every interval the slot reaches.
  if (from >= 0 && (list[from]?.end ?? -Infinity) >= start) start = Math.min(start, list[from]?.start ?? start);
  else from += 1;
  let to = from;
  while (to < list.length && (list[to]?.start ?? Infinity) <= end) {
    end = Math.max(end, list[to]?.end ?? end);
    to += 1;
  }
  list.splice(from, to - from, { start, end });
}

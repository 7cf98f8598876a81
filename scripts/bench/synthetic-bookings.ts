import { seededRandom, tableSampler, weightedSampler } from "./random";
import { ROOMS_PER_BUILDING, type SyntheticRoom } from "./synthetic-rooms";
import { zoneOffsetMinutes } from "./timestamps";

export { seededRandom } from "./random";

export type BookingStatus = "confirmed" | "cancelled" | "no_show";

/** One generated booking; instants are whole minutes since the epoch (UTC). */
export type SyntheticBooking = {
  /** 1, 2, 3… in generation order; the source's booking id is `bk-<id>`. */
  id: number;
  room: SyntheticRoom;
  startMinute: number;
  endMinute: number;
  bookedAtMinute: number;
  /** Only rooms with check-in panels know it, and only for bookings someone turned up to. */
  checkedInMinute: number | null;
  /** Index of the organizer in the synthetic population (the source export always names them). */
  person: number;
  /** Seats taken as the source reports it. */
  attendees: number;
  status: BookingStatus;
  recurring: boolean;
  /** Private events are stored as occupancy only (DESIGN invariant 3); the source still names the organizer. */
  private: boolean;
};

export type BookingOptions = {
  rows: number;
  rooms: readonly SyntheticRoom[];
  seed: number;
  /** First local day after the period (UTC midnight); the period is the `days` local days before it. */
  end: Date;
  /** Default 730: two years. */
  days?: number;
  /** People per room in the population (default 10); most book rooms in their own building. */
  peoplePerRoom?: number;
};

/** Local start times in half-hour steps from 07:00: peaks mid-morning and mid-afternoon, a lunch dip. */
const START_SLOTS: ReadonlyArray<readonly [number, number]> = [
  0.2, 0.4, 1.2, 2.0, 4.5, 4.0, 5.5, 4.0, 5.0, 3.0, 1.8, 1.5, 3.5, 3.5, 5.0, 3.5, 4.5, 3.0, 3.2, 1.8, 1.0, 0.5, 0.2, 0.1,
].map((weight, i) => [7 * 60 + i * 30, weight] as const);

/** Meeting lengths in minutes: mostly half an hour or an hour, the odd all-day workshop. */
const DURATIONS: ReadonlyArray<readonly [number, number]> = [
  [15, 0.06],
  [30, 0.34],
  [45, 0.08],
  [60, 0.33],
  [90, 0.08],
  [120, 0.07],
  [180, 0.02],
  [240, 0.015],
  [480, 0.005],
];

const CANCELLED_SHARE = 0.09;
const NO_SHOW_SHARE = 0.14;
const PRIVATE_SHARE = 0.03;
const RECURRING_SHARE = 0.35;
const OWN_BUILDING_SHARE = 0.93;
/** Meetings pushed past this local time by a full room are double-booked instead. */
const LATEST_END_MINUTE = 22 * 60;
const DAY_MINUTES = 1440;
const DAY_MS = 86_400_000;

/**
 * Relative demand of a local calendar day: Tuesday–Thursday busiest, Friday light, weekends nearly
 * empty, Christmas week and August quiet, and a slow return-to-office growth over the period.
 */
export function dayWeight(date: Date, progress: number): number {
  const weekday = [0.02, 0.95, 1.1, 1.1, 1.05, 0.7, 0.03][date.getUTCDay()] ?? 1;
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const christmas = (month === 11 && day >= 24) || (month === 0 && day === 1);
  const season = christmas ? 0.15 : month === 7 ? 0.75 : 1;
  return weekday * season * (0.85 + 0.3 * progress);
}

/**
 * Exactly `rows` bookings over the period, streamed day by day (memory holds one day), deterministic
 * from `seed`. Each day's total is fixed in advance (largest-remainder rounding of the day weights), its
 * bookings are spread over rooms by room weight, and each room's meetings are laid out in local working
 * hours without overlapping (a room that overflows past 22:00 gets the odd double booking).
 */
export function* generateBookings(options: BookingOptions): Generator<SyntheticBooking> {
  const { rooms, rows } = options;
  if (rooms.length === 0) throw new RangeError("at least one room is needed");
  const days = options.days ?? 730;
  const random = seededRandom(options.seed);
  const pickRoom = weightedSampler(
    rooms.map((r) => r.weight),
    random,
  );
  const pickSlot = tableSampler(START_SLOTS, random);
  const pickDuration = tableSampler(DURATIONS, random);
  const peoplePerRoom = options.peoplePerRoom ?? 10;
  const population = rooms.length * peoplePerRoom;
  const buildingPeople = ROOMS_PER_BUILDING * peoplePerRoom;

  const firstDay = Math.floor(options.end.getTime() / DAY_MS) - days;
  const weights = Array.from({ length: days }, (_, d) => dayWeight(new Date((firstDay + d) * DAY_MS), d / days));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const zones = [...new Set(rooms.map((r) => r.timeZone))];
  const perRoom = new Int32Array(rooms.length);

  let id = 0;
  let cumulative = 0;
  let emitted = 0;
  for (let d = 0; d < days; d += 1) {
    cumulative += weights[d] as number;
    const target = d === days - 1 ? rows : Math.round((rows * cumulative) / totalWeight);
    const today = target - emitted;
    emitted = target;
    const epochDay = firstDay + d;
    // Working hours fall well after the DST switch (02:00 local on a Sunday): noon UTC gives the day's offset.
    const offsets = new Map(zones.map((zone) => [zone, zoneOffsetMinutes(zone, epochDay * DAY_MS + DAY_MS / 2)]));

    perRoom.fill(0);
    for (let i = 0; i < today; i += 1) {
      const r = pickRoom();
      perRoom[r] = (perRoom[r] ?? 0) + 1;
    }

    for (let r = 0; r < rooms.length; r += 1) {
      const room = rooms[r] as SyntheticRoom;
      const count = perRoom[r] as number;
      if (count === 0) continue;
      const meetings: Array<{ start: number; length: number }> = [];
      for (let i = 0; i < count; i += 1) {
        meetings.push({ start: pickSlot() + (random() < 0.15 ? 15 : 0), length: pickDuration() });
      }
      meetings.sort((a, b) => a.start - b.start);
      const dayStart = epochDay * DAY_MINUTES - (offsets.get(room.timeZone) ?? 0);
      let free = 0;
      for (const meeting of meetings) {
        const pushed = Math.max(meeting.start, free);
        const local = pushed + meeting.length <= LATEST_END_MINUTE ? pushed : meeting.start;
        free = Math.max(free, local + meeting.length);
        id += 1;
        yield describeBooking(id, room, dayStart + local, meeting.length, random, population, buildingPeople);
      }
    }
  }
}

function describeBooking(
  id: number,
  room: SyntheticRoom,
  startMinute: number,
  length: number,
  random: () => number,
  population: number,
  buildingPeople: number,
): SyntheticBooking {
  const recurring = random() < RECURRING_SHARE;
  const lead = recurring ? 7 * DAY_MINUTES + Math.floor(random() * 173 * DAY_MINUTES) : leadMinutes(random);
  let status: BookingStatus = "confirmed";
  let checkedInMinute: number | null = null;
  if (random() < CANCELLED_SHARE) status = "cancelled";
  else if (room.checkIn) {
    if (random() < NO_SHOW_SHARE) status = "no_show";
    else checkedInMinute = startMinute - 3 + Math.floor(random() * 13);
  }
  // Activity is skewed (a few people book most meetings); most people book in their own building.
  const ownBuilding = random() < OWN_BUILDING_SHARE;
  const person = ownBuilding
    ? Math.min(population - 1, room.buildingIndex * buildingPeople + Math.floor(buildingPeople * random() ** 2.2))
    : Math.floor(random() * population);
  const attendees =
    random() < 0.03 ? room.capacity + 1 + Math.floor(random() * 3) : 1 + Math.floor(room.capacity * random() ** 1.6);
  return {
    id,
    room,
    startMinute,
    endMinute: startMinute + length,
    bookedAtMinute: startMinute - lead,
    checkedInMinute,
    person,
    attendees,
    status,
    recurring,
    private: random() < PRIVATE_SHARE,
  };
}

/** Ad-hoc bookings: a third made the same day, half within two weeks, the rest up to two months ahead. */
function leadMinutes(random: () => number): number {
  const roll = random();
  if (roll < 0.3) return 5 + Math.floor(random() * 355);
  if (roll < 0.8) return DAY_MINUTES + Math.floor(random() * 13 * DAY_MINUTES);
  return 14 * DAY_MINUTES + Math.floor(random() * 46 * DAY_MINUTES);
}

/** The organizer's address as the source export carries it (never stored: the gate pseudonymises it). */
export function personEmail(person: number): string {
  return `person${person}@example.com`;
}

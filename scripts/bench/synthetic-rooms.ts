import { seededRandom } from "./random";

/** One room of the synthetic estate, with what the booking generator needs to make it behave. */
export type SyntheticRoom = {
  /** 0-based position; rooms are generated and stored in this order. */
  index: number;
  name: string;
  building: string;
  buildingIndex: number;
  floor: string;
  capacity: number;
  amenities: string[];
  timeZone: string;
  /** Rooms with check-in panels report check-ins and auto-release no-shows; the others report neither. */
  checkIn: boolean;
  /** Relative demand: the share of a day's bookings that lands here is proportional to it. */
  weight: number;
};

/** A site per time zone, so local working hours fall at very different UTC hours. */
const SITES = [
  { code: "LON", timeZone: "Europe/London" },
  { code: "AMS", timeZone: "Europe/Amsterdam" },
  { code: "NYC", timeZone: "America/New_York" },
  { code: "SGN", timeZone: "Asia/Ho_Chi_Minh" },
  { code: "SIN", timeZone: "Asia/Singapore" },
  { code: "SFO", timeZone: "America/Los_Angeles" },
] as const;

export const ROOMS_PER_BUILDING = 100;
const ROOMS_PER_FLOOR = 10;

/** Seat counts and how common they are: most rooms are small, as in real estates. */
const CAPACITIES: ReadonlyArray<readonly [seats: number, share: number]> = [
  [2, 0.12],
  [4, 0.3],
  [6, 0.22],
  [8, 0.16],
  [10, 0.08],
  [12, 0.05],
  [16, 0.04],
  [20, 0.02],
  [30, 0.01],
];

/** Mid-size rooms are the most wanted; very large ones sit empty most of the day. */
function capacityDemand(seats: number): number {
  if (seats <= 2) return 0.8;
  if (seats <= 8) return 1.2;
  if (seats <= 12) return 0.9;
  return 0.6;
}

/**
 * The room directory: `count` rooms in buildings of 100 (ten floors of ten), buildings spread over six
 * sites in six time zones, half the buildings with check-in panels. Deterministic from `seed`.
 */
export function listSyntheticRooms(count: number, seed: number): SyntheticRoom[] {
  const random = seededRandom(seed ^ 0x5eed_0001);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rooms: SyntheticRoom[] = [];
  for (let index = 0; index < count; index += 1) {
    const buildingIndex = Math.floor(index / ROOMS_PER_BUILDING);
    const site = SITES[buildingIndex % SITES.length] ?? SITES[0];
    const building = `${site.code}${Math.floor(buildingIndex / SITES.length) + 1}`;
    const inBuilding = index % ROOMS_PER_BUILDING;
    const floor = String(Math.floor(inBuilding / ROOMS_PER_FLOOR) + 1);
    const capacity = pickCapacity(random());
    const amenities = [
      ...(random() < 0.8 ? ["screen"] : []),
      ...(random() < 0.55 ? ["video"] : []),
      ...(random() < 0.5 ? ["whiteboard"] : []),
      ...(capacity >= 10 && random() < 0.5 ? ["accessible"] : []),
    ];
    // Log-normal popularity: a few favourites, a long tail of rooms people avoid.
    const popularity = Math.exp(0.45 * normal());
    const weight = popularity * capacityDemand(capacity) * (amenities.includes("video") ? 1.15 : 1);
    rooms.push({
      index,
      name: `${building}-${floor.padStart(2, "0")}.${String((inBuilding % ROOMS_PER_FLOOR) + 1).padStart(2, "0")}`,
      building,
      buildingIndex,
      floor,
      capacity,
      amenities,
      timeZone: site.timeZone,
      checkIn: buildingIndex % 2 === 0,
      weight,
    });
  }
  return rooms;
}

function pickCapacity(roll: number): number {
  let cumulative = 0;
  for (const [seats, share] of CAPACITIES) {
    cumulative += share;
    if (roll < cumulative) return seats;
  }
  return 4;
}

export const ROOMS_CSV_HEADER = "name,building,floor,capacity,amenities,time_zone,resource_email";

/** The room directory as `npm run roomlens -- rooms import` reads it. */
export function formatRoomsCsv(rooms: readonly SyntheticRoom[]): string {
  const lines = rooms.map((r) => `${r.name},${r.building},${r.floor},${r.capacity},${r.amenities.join(";")},${r.timeZone},`);
  return `${[ROOMS_CSV_HEADER, ...lines].join("\n")}\n`;
}

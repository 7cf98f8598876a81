import type { Rng } from "./random";
import { makeTitle, type TitleKind } from "./titles";
import type { BuildingKey, DemoRoom, Meeting, Person } from "./types";

type Weighted = { people: Person[]; cumulative: number[]; total: number };

export type Crowd = {
  byBuilding: Record<BuildingKey, Weighted>;
  byTeam: Map<string, Person[]>;
};

function weigh(people: Person[]): Weighted {
  let total = 0;
  const cumulative = people.map((person) => (total += person.activity));
  return { people, cumulative, total };
}

export function makeCrowd(people: readonly Person[]): Crowd {
  const byTeam = new Map<string, Person[]>();
  for (const person of people) {
    const team = byTeam.get(person.team) ?? [];
    team.push(person);
    byTeam.set(person.team, team);
  }
  return {
    byBuilding: {
      harbour: weigh(people.filter((p) => p.building === "harbour")),
      canal: weigh(people.filter((p) => p.building === "canal")),
    },
    byTeam,
  };
}

function pickWeighted(rng: Rng, pool: Weighted): Person {
  const roll = rng.next() * pool.total;
  let lo = 0;
  let hi = pool.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pool.cumulative[mid] ?? 0) <= roll) lo = mid + 1;
    else hi = mid;
  }
  const person = pool.people[lo];
  if (!person) throw new Error("empty pool");
  return person;
}

/** Mostly people of the room's building; now and then a visitor from the other site. */
export function pickOrganizer(rng: Rng, crowd: Crowd, building: BuildingKey): Person {
  const visiting = rng.chance(0.06);
  const site: BuildingKey = visiting ? (building === "harbour" ? "canal" : "harbour") : building;
  return pickWeighted(rng, crowd.byBuilding[site]);
}

/** Guests lean towards the organizer's own team. */
export function pickGuests(rng: Rng, crowd: Crowd, organizer: Person, count: number): Person[] {
  const guests = new Set<Person>();
  const team = crowd.byTeam.get(organizer.team) ?? [];
  let attempts = 0;
  while (guests.size < count && attempts < count * 20) {
    attempts++;
    const candidate = rng.chance(0.6) && team.length > 1
      ? rng.pick(team)
      : pickWeighted(rng, crowd.byBuilding[rng.chance(0.9) ? organizer.building : otherBuilding(organizer.building)]);
    if (candidate !== organizer) guests.add(candidate);
  }
  return [...guests];
}

function otherBuilding(key: BuildingKey): BuildingKey {
  return key === "harbour" ? "canal" : "harbour";
}

/** Outlook-style UIDs: a fixed prefix and hex, no e-mail-like text. */
export function makeUid(rng: Rng): string {
  return `040000008200E00074C5B7101A82E008${rng.hex(40).toUpperCase()}`;
}

export function makeMeeting(
  rng: Rng,
  crowd: Crowd,
  room: DemoRoom,
  size: number,
  kind: TitleKind,
  organizer: Person = pickOrganizer(rng, crowd, room.buildingKey),
): Meeting {
  const guests = pickGuests(rng, crowd, organizer, size - 1);
  return {
    organizer,
    guests,
    title: makeTitle(rng, kind, organizer, guests),
    private: rng.chance(0.05),
  };
}

/**
 * Meeting size (organizer included) for a room: most meetings fit the room, but mid-size and big
 * rooms also host pairs and trios, and the "oversized" rooms mostly do.
 */
export function pickSize(rng: Rng, room: DemoRoom): number {
  const cap = room.capacity;
  if (cap <= 2) return rng.chance(0.55) ? 1 : 2;
  if (room.use === "oversized") {
    return rng.weighted([
      [rng.int(2, 4), 70],
      [rng.int(5, 8), 24],
      [rng.int(9, cap), 6],
    ]);
  }
  if (cap <= 4) return rng.weighted([[2, 45], [3, 30], [4, 20], [5, 5]]);
  if (cap <= 8) {
    return rng.weighted([
      [rng.int(2, 3), 35],
      [rng.int(4, 5), 35],
      [rng.int(6, cap), 25],
      [cap + 1, 5],
    ]);
  }
  if (cap <= 12) {
    return rng.weighted([
      [rng.int(2, 4), 30],
      [rng.int(5, 8), 45],
      [rng.int(9, cap), 25],
    ]);
  }
  return rng.weighted([
    [rng.int(3, 6), 30],
    [rng.int(7, 12), 40],
    [rng.int(13, cap), 30],
  ]);
}

/** Duration in minutes: 30 and 60 dominate; big rooms see workshops. */
export function pickDuration(rng: Rng, room: DemoRoom): number {
  if (room.capacity <= 2) return rng.weighted([[15, 20], [30, 50], [45, 10], [60, 20]]);
  const workshops = room.capacity >= 10 ? 8 : 1;
  return rng.weighted([
    [30, 42],
    [60, 38],
    [45, 6],
    [90, 8],
    [120, 5],
    [rng.pick([180, 240]), workshops],
  ]);
}

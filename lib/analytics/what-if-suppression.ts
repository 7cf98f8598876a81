import { shown } from "@/lib/privacy/suppression";
import { capacityBandIds, type CapacityBand } from "./bands";
import { ratio, suppressLinked, type Cell, type Equation } from "./cell-suppression";
import type { DateRange } from "./types";
import type { AddedRooms } from "./what-if-input";
import type { ScenarioPressure } from "./what-if-pressure";

/** A count covering at least k organizers, or suppressed (null, never zero). */
export type ShownCount = { bookings: number | null; suppressed: boolean };

/** One side of a band's pressure: `pressure` null with `suppressed` false means the group has no rooms. */
export type PressureSide = { rooms: number; pressure: number | null; suppressed: boolean };

export type PressureChange = { building: string | null; band: CapacityBand; current: PressureSide; next: PressureSide };

export type WhatIfFigures = {
  range: DateRange;
  minGroupSize: number;
  /** The working day the pressure uses, minutes after local midnight, for labels. */
  workday: { startMinute: number; endMinute: number };
  removed: { id: number; name: string; building: string; capacity: number | null }[];
  added: (AddedRooms & { seats: number })[];
  /** Held bookings of the removed rooms = placed in the same building + placed elsewhere + not fitted. */
  displaced: ShownCount;
  sameBuilding: ShownCount;
  otherBuilding: ShownCount;
  unfitted: ShownCount;
  /** Bookings that did not fit, by the local hour they started (0–23), summed over the period. */
  unfittedByHour: ({ hour: number } & ShownCount)[];
  /** Every day of the period, with its 24 hours (null: suppressed). */
  unfittedByDay: ({ day: string; hours: (number | null)[] } & ShownCount)[];
  pressure: PressureChange[];
};

export type WhatIfRaw = Omit<WhatIfFigures, "minGroupSize" | "displaced" | "sameBuilding" | "otherBuilding" | "unfitted" | "unfittedByHour" | "unfittedByDay" | "pressure"> & {
  /** One per displaced booking, with the removed room it was held in. */
  placements: { id: number; organizer: number | null; roomId: number; placed: boolean; sameBuilding: boolean }[];
  unfitted: { id: number; organizer: number | null; day: string; hour: number }[];
  current: ScenarioPressure[];
  next: ScenarioPressure[];
};

type Member = { id: number; organizer: number | null };

const tally = (members: readonly Member[]): Cell => ({
  bookings: members.length,
  organizers: new Set(members.flatMap((m) => (m.organizer === null ? [] : [m.organizer]))).size,
});

/**
 * Invariant 5 over the what-if's counts, which are linked by sums: displaced = same building +
 * elsewhere + not fitted = Σ removed rooms; not fitted = Σ days = Σ hours; a day = Σ its hours, an hour = Σ its days.
 * suppressLinked hides every cell under k and whatever would let one be worked out by subtraction.
 * Empty cells take no part (nobody to protect, and a reader may guess zero) but are shown suppressed
 * like every cell under k. Each pressure covers the organizers of its group's bookings in that scenario.
 */
export function suppressWhatIf(raw: WhatIfRaw, k: number): WhatIfFigures {
  const cells: Cell[] = [];
  const add = (members: readonly Member[]) => cells.push(tally(members)) - 1;
  const displaced = add(raw.placements);
  const same = add(raw.placements.filter((p) => p.placed && p.sameBuilding));
  const other = add(raw.placements.filter((p) => p.placed && !p.sameBuilding));
  const unfitted = add(raw.unfitted);
  const equations: Equation[] = [{ whole: displaced, parts: [same, other, unfitted] }];
  // Displaced = Σ the removed rooms' bookings, which the dashboard shows per room once a room reaches
  // k. Without this equation, removing {A} and then {A, B} would give B's count away by subtraction
  // even where the dashboard suppresses it.
  const perRoom = new Map<number, Member[]>();
  for (const p of raw.placements) {
    const list = perRoom.get(p.roomId) ?? [];
    list.push(p);
    perRoom.set(p.roomId, list);
  }
  const roomCells = [...perRoom.values()].map((members) => cells.push({ ...tally(members), displayed: false, elsewhere: true }) - 1);
  equations.push({ whole: displaced, parts: roomCells });

  const byKey = <K>(keyOf: (u: WhatIfRaw["unfitted"][number]) => K) => {
    const members = new Map<K, WhatIfRaw["unfitted"]>();
    for (const u of raw.unfitted) {
      const list = members.get(keyOf(u)) ?? [];
      list.push(u);
      members.set(keyOf(u), list);
    }
    return members;
  };
  const dayCells = new Map([...byKey((u) => u.day)].map(([day, members]) => [day, add(members)]));
  const hourCells = new Map([...byKey((u) => u.hour)].map(([hour, members]) => [hour, add(members)]));
  const gridCells = new Map<string, number>();
  const dayParts = new Map<string, number[]>();
  const hourParts = new Map<number, number[]>();
  for (const [, members] of byKey((u) => `${u.day} ${u.hour}`)) {
    const [{ day, hour }] = members as [WhatIfRaw["unfitted"][number]];
    const index = add(members);
    gridCells.set(`${day} ${hour}`, index);
    dayParts.set(day, [...(dayParts.get(day) ?? []), index]);
    hourParts.set(hour, [...(hourParts.get(hour) ?? []), index]);
  }
  equations.push({ whole: unfitted, parts: [...dayCells.values()] }, { whole: unfitted, parts: [...hourCells.values()] });
  for (const [day, whole] of dayCells) equations.push({ whole, parts: dayParts.get(day) ?? [] });
  for (const [hour, whole] of hourCells) equations.push({ whole, parts: hourParts.get(hour) ?? [] });

  const hidden = suppressLinked(cells, equations, k);
  const count = (index: number | undefined): ShownCount => {
    const suppressed = index === undefined || (hidden[index] ?? true);
    return { bookings: shown(cells[index ?? -1]?.bookings ?? 0, suppressed), suppressed };
  };

  return {
    range: raw.range,
    minGroupSize: k,
    workday: raw.workday,
    removed: raw.removed,
    added: raw.added,
    displaced: count(displaced),
    sameBuilding: count(same),
    otherBuilding: count(other),
    unfitted: count(unfitted),
    unfittedByHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...count(hourCells.get(hour)) })),
    unfittedByDay: listDays(raw.range).map((day) => ({
      day,
      ...count(dayCells.get(day)),
      hours: Array.from({ length: 24 }, (_, hour) => count(gridCells.get(`${day} ${hour}`)).bookings),
    })),
    pressure: comparePressure(raw.current, raw.next, k),
  };
}

function comparePressure(current: readonly ScenarioPressure[], next: readonly ScenarioPressure[], k: number): PressureChange[] {
  const id = (g: { building: string | null; band: string }) => `${g.band}\u0000${g.building ?? "\u0001all"}`;
  const side = (group: ScenarioPressure | undefined): PressureSide => {
    if (!group || group.rooms === 0) return { rooms: 0, pressure: null, suppressed: false };
    const suppressed = group.organizers < k;
    return { rooms: group.rooms, pressure: shown(ratio(group.pressuredSeconds, group.workingSeconds), suppressed), suppressed };
  };
  const before = new Map(current.map((g) => [id(g), g]));
  const after = new Map(next.map((g) => [id(g), g]));
  const groups = [...new Map([...after, ...before]).values()].sort(
    (a, b) =>
      capacityBandIds.indexOf(a.band) - capacityBandIds.indexOf(b.band) ||
      Number(a.building !== null) - Number(b.building !== null) ||
      (a.building ?? "").localeCompare(b.building ?? ""),
  );
  return groups.map((g) => ({ building: g.building, band: g.band, current: side(before.get(id(g))), next: side(after.get(id(g))) }));
}

/** Every calendar day of an inclusive range, as YYYY-MM-DD (UTC midnights: no daylight-saving drift). */
function listDays(range: DateRange): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${range.from}T00:00:00Z`); at <= Date.parse(`${range.to}T00:00:00Z`); at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

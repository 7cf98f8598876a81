import { capacityBandIds, type CapacityBand } from "./bands";

/** A span of time in epoch milliseconds, end exclusive. */
export type Span = { start: number; end: number };

/** A room of a scenario with a band, and its working windows (sorted, disjoint). */
export type ScenarioRoom = { key: string; building: string; band: CapacityBand; windows: readonly Span[] };

/** A held booking where a scenario puts it; `organizer` is an opaque number (null: private). */
export type ScenarioBooking = Span & { id: number; roomKey: string; organizer: number | null };

/** Pressure figures of one band in one building, or across buildings (`building` null), before suppression. */
export type ScenarioPressure = {
  building: string | null;
  band: CapacityBand;
  rooms: number;
  workingSeconds: number;
  pressuredSeconds: number;
  bookings: number;
  organizers: number;
};

/**
 * pressure.ts' definition, computed in memory so it can run on a scenario that exists nowhere in the
 * database (added rooms, moved bookings): each room's booked time is the union of its bookings clipped
 * to its working windows (a double-booked room counts once); a group is under pressure while at least
 * 80 % of its rooms are booked (tested in integers, 5 × booked ≥ 4 × rooms, as exact as the SQL's
 * numeric whatever floating point does with 0.8);
 * its working time is the union of its rooms' windows. Bookings and organizers count the bookings that
 * overlap a working window of their room, as the SQL's suppression counts do.
 */
export function computeScenarioPressure(rooms: readonly ScenarioRoom[], bookings: readonly ScenarioBooking[]): ScenarioPressure[] {
  const byRoom = new Map<string, ScenarioBooking[]>();
  for (const booking of bookings) {
    const list = byRoom.get(booking.roomKey) ?? [];
    list.push(booking);
    byRoom.set(booking.roomKey, list);
  }
  type Group = { building: string | null; band: CapacityBand; members: { room: ScenarioRoom; booked: Span[]; counted: ScenarioBooking[] }[] };
  const groups = new Map<string, Group>();
  for (const room of rooms) {
    const clipped = (byRoom.get(room.key) ?? []).map((booking) => ({ booking, parts: clip(booking, room.windows) }));
    const member = {
      room,
      booked: merge(clipped.flatMap((c) => c.parts)),
      counted: clipped.filter((c) => c.parts.length > 0).map((c) => c.booking),
    };
    for (const building of [room.building, null]) {
      const id = `${room.band}\u0000${building ?? "\u0001all"}`;
      const group = groups.get(id) ?? { building, band: room.band, members: [] };
      group.members.push(member);
      groups.set(id, group);
    }
  }
  return [...groups.values()].map(summarise).sort(
    (a, b) =>
      capacityBandIds.indexOf(a.band) - capacityBandIds.indexOf(b.band) ||
      Number(a.building !== null) - Number(b.building !== null) ||
      (a.building ?? "").localeCompare(b.building ?? ""),
  );

  function summarise(group: Group): ScenarioPressure {
    const rooms = group.members.length;
    const working = merge(group.members.flatMap((m) => m.room.windows));
    const steps = new Map<number, number>();
    for (const member of group.members) {
      for (const piece of member.booked) {
        steps.set(piece.start, (steps.get(piece.start) ?? 0) + 1);
        steps.set(piece.end, (steps.get(piece.end) ?? 0) - 1);
      }
    }
    const times = [...steps.keys()].sort((a, b) => a - b);
    let concurrent = 0;
    let pressuredMs = 0;
    times.forEach((at, i) => {
      concurrent += steps.get(at) ?? 0;
      const until = times[i + 1];
      if (until !== undefined && concurrent > 0 && 5 * concurrent >= 4 * rooms) pressuredMs += until - at;
    });
    const counted = group.members.flatMap((m) => m.counted);
    return {
      building: group.building,
      band: group.band,
      rooms,
      workingSeconds: measure(working) / 1000,
      pressuredSeconds: pressuredMs / 1000,
      bookings: new Set(counted.map((b) => b.id)).size,
      organizers: new Set(counted.flatMap((b) => (b.organizer === null ? [] : [b.organizer]))).size,
    };
  }
}

/** The parts of `span` inside the windows (which are sorted and disjoint). */
function clip(span: Span, windows: readonly Span[]): Span[] {
  // Binary search for the first window ending after the span starts: a room has a window per working day.
  let low = 0;
  let high = windows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((windows[mid]?.end ?? Infinity) <= span.start) low = mid + 1;
    else high = mid;
  }
  const parts: Span[] = [];
  for (let i = low; i < windows.length; i += 1) {
    const window = windows[i];
    if (!window || window.start >= span.end) break;
    const start = Math.max(window.start, span.start);
    const end = Math.min(window.end, span.end);
    if (start < end) parts.push({ start, end });
  }
  return parts;
}

/** Union of spans, as sorted disjoint spans. */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function measure(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + (span.end - span.start), 0);
}

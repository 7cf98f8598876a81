import { DAY_END, DAY_START, getSeasonFactor, isClosed, pickStartMinute, type Period } from "./calendar";
import type { Busy } from "./busy";
import { makeMeeting, makeUid, pickSize, type Crowd } from "./meetings";
import type { Rng } from "./random";
import type { LocalTime } from "./time";
import type { DemoRoom, Series, Single } from "./types";

/**
 * A weekly (sometimes fortnightly) meeting in a slot that is free on every week it is held, with the
 * exceptions real feeds carry: holiday EXDATEs, deleted instances, one cancelled or moved instance.
 */
export function planSeries(rng: Rng, crowd: Crowd, room: DemoRoom, period: Period, busy: Busy): Series | null {
  for (let attempt = 0; attempt < 12; attempt++) {
    const weekday = rng.weighted([[1, 0.9], [2, 1.2], [3, 1.15], [4, 1.1], [5, 0.45]]);
    const durationMinutes = room.capacity <= 2
      ? rng.weighted([[30, 70], [60, 30]])
      : rng.weighted([[30, 50], [60, 40], [45, 5], [90, 5]]);
    const startMinute = pickStartMinute(rng, weekday, DAY_END - durationMinutes);
    const intervalWeeks = rng.chance(0.15) ? 2 : 1;
    const count = rng.int(6, 26);
    const totalDays = Math.round(period.end.daysSince(period.first));
    let first = period.first.plusDays(rng.int(0, Math.max(0, totalDays - 21)));
    first = first.plusDays((weekday - first.weekday + 7) % 7);

    const starts: LocalTime[] = [];
    for (let k = 0; k < count; k++) {
      const day = first.plusDays(7 * k * intervalWeeks);
      if (day.ms >= period.end.ms) break;
      starts.push(day.atMinute(startMinute));
    }
    const exdates = starts.filter(
      (start) => isClosed(start) || (getSeasonFactor(start) < 0.2 && rng.chance(0.7)),
    );
    if (rng.chance(0.35)) {
      for (let n = rng.int(1, 3); n > 0; n--) {
        const start = rng.pick(starts);
        if (!exdates.includes(start)) exdates.push(start);
      }
    }
    // A series starts on its first held instance: DTSTART is never itself an EXDATE.
    const firstHeld = starts.findIndex((start) => !exdates.includes(start));
    if (firstHeld > 0) {
      starts.splice(0, firstHeld);
      exdates.splice(0, exdates.length, ...exdates.filter((ex) => starts.includes(ex)));
    }
    const held = starts.filter((start) => !exdates.includes(start));
    const clash = held.some((start) => {
      const m = start.minuteOfDay;
      return busy.overlaps(start, m, m + durationMinutes);
    });
    const firstStart = starts[0];
    if (clash || !firstStart || held.length < 3) continue;

    const bookedAt = firstStart
      .startOfDay()
      .plusDays(-rng.weighted([[rng.int(1, 3), 30], [rng.int(4, 14), 50], [rng.int(15, 30), 20]]))
      .plusSeconds(rng.int(8 * 3600, 18 * 3600));
    if (bookedAt.ms > period.now.ms) return null;

    for (const start of held) {
      const m = start.minuteOfDay;
      busy.add(start, m, m + durationMinutes);
    }
    const cancelled = rng.chance(0.12) ? [rng.pick(held)] : [];
    const moved = rng.chance(0.12) ? planMove(rng, held, cancelled, durationMinutes, busy) : [];
    const size = pickSize(rng, room);
    return {
      uid: makeUid(rng),
      meeting: makeMeeting(rng, crowd, room, Math.max(2, size), room.capacity <= 2 ? "call" : "series"),
      first: firstStart,
      durationMinutes,
      intervalWeeks,
      starts,
      bound: rng.chance(0.5) ? "until" : "count",
      exdates: exdates.sort((a, b) => a.ms - b.ms),
      moved,
      cancelled,
      bookedAt,
    };
  }
  return null;
}

/** Moves one instance a day earlier/later or a couple of hours, where the room is free. */
function planMove(
  rng: Rng,
  held: LocalTime[],
  cancelled: LocalTime[],
  durationMinutes: number,
  busy: Busy,
): Series["moved"] {
  const original = rng.pick(held);
  if (cancelled.includes(original)) return [];
  const candidates = [
    original.plusDays(original.weekday === 5 ? -1 : 1),
    original.atMinute(original.minuteOfDay + 120),
    original.atMinute(original.minuteOfDay - 60),
  ];
  for (const start of candidates) {
    const m = start.minuteOfDay;
    if (m < DAY_START || m + durationMinutes > DAY_END || isClosed(start)) continue;
    if (busy.overlaps(start, m, m + durationMinutes)) continue;
    busy.add(start, m, m + durationMinutes);
    return [{ original, start, end: start.plusMinutes(durationMinutes) }];
  }
  return [];
}

/** The booked intervals of a series after its exceptions, for the CSV and for counting. */
export function expandSeries(series: Series): Single[] {
  const out: Single[] = [];
  for (const start of series.starts) {
    if (series.exdates.some((ex) => ex.ms === start.ms)) continue;
    const move = series.moved.find((m) => m.original.ms === start.ms);
    const cancelled = series.cancelled.some((c) => c.ms === start.ms);
    out.push({
      uid: `${series.uid}/${start.toIcsLocal()}`,
      meeting: series.meeting,
      start: move?.start ?? start,
      end: move?.end ?? start.plusMinutes(series.durationMinutes),
      status: cancelled ? "cancelled" : "confirmed",
      bookedAt: series.bookedAt,
      allDay: false,
    });
  }
  return out;
}

import { Busy } from "./busy";
import {
  DAY_END,
  DAY_START,
  atHumanHour,
  getDemand,
  getSeasonFactor,
  pickBookedAt,
  pickStartMinute,
  type Period,
} from "./calendar";
import { makeMeeting, makeUid, pickDuration, pickOrganizer, pickSize, type Crowd } from "./meetings";
import type { Rng } from "./random";
import { planSeries } from "./series";
import type { LocalTime } from "./time";
import type { DemoRoom, Person, RoomSchedule, Series, Single } from "./types";

type RoomProfile = { popularity: number; adHocRate: number; seriesPerHalfYear: number };

function getProfile(rng: Rng, room: DemoRoom): RoomProfile {
  const popularity =
    room.use === "preferred" ? 1.6
    : room.use === "avoided" ? 0.3
    : room.use === "oversized" ? 0.85
    : 0.75 + rng.next() * 0.5;
  const cap = room.capacity;
  const adHocRate = cap <= 2 ? 0.45 : cap <= 4 ? 0.38 : cap <= 8 ? 0.34 : cap <= 12 ? 0.22 : 0.12;
  const seriesPerHalfYear = cap <= 2 ? 3 : cap <= 4 ? 14 : cap <= 8 ? 20 : cap <= 12 ? 14 : 10;
  return { popularity, adHocRate, seriesPerHalfYear };
}

/** Everything booked in one room over the period: its series first, then one-off bookings around them. */
export function planRoom(
  rng: Rng,
  crowd: Crowd,
  room: DemoRoom,
  period: Period,
  days: readonly LocalTime[],
): RoomSchedule {
  const busy = new Busy();
  const singles: Single[] = [];
  const series: Series[] = [];
  const profile = getProfile(rng, room);

  if (room.source === "ics" && rng.chance(0.2)) addClosure(rng, crowd, room, period, days, busy, singles);

  if (room.use === "rare") {
    planRareRoom(rng, crowd, room, period, days, singles);
    return { room, series, singles };
  }

  const weeks = days.length / 5;
  const seriesCount = Math.round((profile.seriesPerHalfYear * profile.popularity * weeks) / 26);
  for (let i = 0; i < seriesCount; i++) {
    const planned = planSeries(rng, crowd, room, period, busy);
    if (planned) series.push(planned);
  }

  for (const day of days) {
    const season = getSeasonFactor(day);
    if (room.capacity >= 10 && day.weekday >= 2 && day.weekday <= 4 && rng.chance(0.03 * season)) {
      addSingle(rng, crowd, room, period, busy, singles, day, 9 * 60, 17 * 60, "workshop");
    }
    for (let m = DAY_START; m < DAY_END - 15; m += 30) {
      if (busy.overlaps(day, m, m + 30)) continue;
      const p = profile.adHocRate * profile.popularity * getDemand(day.weekday, m) * season;
      if (!rng.chance(Math.min(0.9, p))) continue;
      const start = m + (rng.chance(0.1) ? 15 : 0);
      const end = Math.min(start + pickDuration(rng, room), busy.nextStart(day, start), DAY_END);
      if (end - start < 15) continue;
      const booked = addSingle(rng, crowd, room, period, busy, singles, day, start, end, null);
      if (booked?.status === "confirmed") m = end - (end % 30) - (end % 30 === 0 ? 30 : 0);
    }
    // Real calendars hold the odd double booking; keep it rare.
    if (rng.chance(0.012)) {
      const start = pickStartMinute(rng, day.weekday, DAY_END - 60);
      addSingle(rng, crowd, room, period, busy, singles, day, start, start + 30, null);
    }
  }
  return { room, series, singles };
}

function addSingle(
  rng: Rng,
  crowd: Crowd,
  room: DemoRoom,
  period: Period,
  busy: Busy,
  singles: Single[],
  day: LocalTime,
  from: number,
  to: number,
  kind: "workshop" | null,
  organizer?: Person,
): Single | null {
  if (kind === "workshop" && busy.overlaps(day, from, to)) return null;
  const start = day.atMinute(from);
  const end = day.atMinute(to);
  const bookedAt = kind === "workshop" ? atHumanHour(start.plusDays(-rng.int(14, 42)).plusMinutes(-rng.int(0, 600))) : pickBookedAt(rng, start);
  // Not booked yet on the export day: the future thins out the way real calendars do.
  if (bookedAt.ms > period.now.ms) return null;
  const size = kind === "workshop" ? Math.max(2, room.capacity - rng.int(0, 6)) : pickSize(rng, room);
  const titleKind = room.capacity <= 2 ? "call" : kind === "workshop" || to - from >= 180 ? "workshop" : "single";
  const leadDays = start.daysSince(bookedAt);
  const cancelled = rng.chance(leadDays > 7 ? 0.11 : 0.05);
  const single: Single = {
    uid: makeUid(rng),
    meeting: makeMeeting(rng, crowd, room, size, titleKind, organizer),
    start,
    end,
    status: cancelled ? "cancelled" : "confirmed",
    bookedAt,
    allDay: false,
  };
  singles.push(single);
  if (!cancelled) busy.add(day, from, to);
  return single;
}

/** One small team uses this room, about once a week: too few organizers for any cell to show. */
function planRareRoom(
  rng: Rng,
  crowd: Crowd,
  room: DemoRoom,
  period: Period,
  days: readonly LocalTime[],
  singles: Single[],
): void {
  const team: Person[] = [];
  while (team.length < 5) {
    const person = pickOrganizer(rng, crowd, room.buildingKey);
    if (person.building === room.buildingKey && !team.includes(person)) team.push(person);
  }
  const busy = new Busy();
  for (const day of days) {
    if (!rng.chance(0.2 * getSeasonFactor(day))) continue;
    const from = pickStartMinute(rng, day.weekday, DAY_END - 60);
    const to = from + rng.weighted([[30, 50], [60, 50]]);
    addSingle(rng, crowd, room, period, busy, singles, day, from, to, null, rng.pick(team));
  }
}

/** A day the room was closed, published as an all-day event (not a meeting). */
function addClosure(
  rng: Rng,
  crowd: Crowd,
  room: DemoRoom,
  period: Period,
  days: readonly LocalTime[],
  busy: Busy,
  singles: Single[],
): void {
  const past = days.filter((day) => day.ms < period.now.startOfDay().ms);
  if (past.length === 0) return;
  const day = rng.pick(past);
  const organizer = pickOrganizer(rng, crowd, room.buildingKey);
  busy.add(day, DAY_START, DAY_END);
  singles.push({
    uid: makeUid(rng),
    meeting: {
      organizer,
      guests: [],
      title: rng.pick(["Room closed – AV upgrade", "Out of order – facilities", "Room closed: deep clean"]),
      private: false,
    },
    start: day,
    end: day.plusDays(1),
    status: "confirmed",
    bookedAt: day.plusDays(-rng.int(3, 20)).plusMinutes(rng.int(9 * 60, 16 * 60)),
    allDay: true,
  });
}

import type { Rng } from "./random";
import { LocalTime } from "./time";

/** Working hours in every room's own zone, as minutes after local midnight. */
export const DAY_START = 8 * 60;
export const DAY_END = 18 * 60;

export type Period = {
  /** Local midnight of the first day. */
  first: LocalTime;
  /** Local midnight after the last day (today + 14 days). */
  end: LocalTime;
  /** The instant the data is "exported": bookings after it have no check-in yet. */
  now: LocalTime;
};

export function getPeriod(today: Date, timeZone: string, months: number): Period {
  const now = LocalTime.fromInstant(today.getTime(), timeZone);
  const day = now.startOfDay();
  return { first: day.startOfDayMonthsBefore(months), end: day.plusDays(15), now };
}

/** Local midnights of Monday–Friday in the period, public holidays excluded. */
export function listWorkingDays(period: Period): LocalTime[] {
  const days: LocalTime[] = [];
  for (let day = period.first; day.ms < period.end.ms; day = day.plusDays(1)) {
    if (day.weekday <= 5 && !isClosed(day)) days.push(day);
  }
  return days;
}

/** Christmas and New Year's Day: both sites close, and series skip them with an EXDATE. */
export function isClosed(day: LocalTime): boolean {
  return (day.month === 12 && (day.day === 25 || day.day === 26)) || (day.month === 1 && day.day === 1);
}

/** Relative demand by local half hour: a morning peak, a lunch dip, a quieter late afternoon. */
const halfHourDemand: Record<number, number> = {
  480: 0.35, 510: 0.6, 540: 1.0, 570: 1.05, 600: 1.15, 630: 1.1, 660: 1.0, 690: 0.75,
  720: 0.3, 750: 0.3, 780: 0.6, 810: 0.8, 840: 0.9, 870: 0.85, 900: 0.8, 930: 0.7,
  960: 0.55, 990: 0.4, 1020: 0.2, 1050: 0.08,
};

/** Demand at a local time on a weekday (1 = Monday): Tue–Thu busiest, Friday afternoons quiet. */
export function getDemand(weekday: number, minute: number): number {
  const slot = minute - (minute % 30);
  const hour = halfHourDemand[slot] ?? 0;
  const afternoon = minute >= 12 * 60;
  const day =
    weekday === 1 ? (afternoon ? 0.7 : 0.9)
    : weekday === 5 ? (afternoon ? 0.45 : 0.75)
    : weekday === 2 || weekday === 3 ? 1.15
    : 1.1;
  return hour * day;
}

/** Holiday seasons: the weeks around Christmas and the summer holidays are quiet. */
export function getSeasonFactor(day: LocalTime): number {
  if ((day.month === 12 && day.day >= 22) || (day.month === 1 && day.day <= 3)) return 0.15;
  if ((day.month === 7 && day.day >= 15) || day.month === 8) return 0.75;
  return 1;
}

/** A start on the half hour, weighted by demand. */
export function pickStartMinute(rng: Rng, weekday: number, latest: number): number {
  const slots: [number, number][] = [];
  for (let m = DAY_START; m <= latest; m += 30) slots.push([m, getDemand(weekday, m)]);
  return rng.weighted(slots);
}

/** Lead time for one-off bookings: from minutes to weeks, most a few days ahead. */
export function pickBookedAt(rng: Rng, start: LocalTime): LocalTime {
  const minutes = rng.weighted([
    [rng.int(5, 55), 15],
    [rng.int(60, 8 * 60), 20],
    [rng.int(1, 7) * 1440 + rng.int(-300, 300), 40],
    [rng.int(8, 28) * 1440 + rng.int(-300, 300), 25],
  ]);
  return atHumanHour(start.plusSeconds(-(minutes * 60 + rng.int(0, 59))));
}

/** People book between 07:00 and 21:00: a night-time booking moves to the evening before. */
export function atHumanHour(time: LocalTime): LocalTime {
  if (time.hour >= 7 && time.hour < 21) return time;
  const evening = time.hour < 7 ? time.plusDays(-1) : time;
  return evening.atMinute(17 * 60 + time.hour * 10 + (time.minute % 10)).plusSeconds(time.second);
}

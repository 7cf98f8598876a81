import { DateTime } from "luxon";

/** How long an event lasts: nominal days (DST-aware, RFC 5545 §3.3.6) plus exact milliseconds. */
export type Length = { days: number; ms: number };

/** "P1W", "PT1H30M", "-P1D"; null when the text is not an RFC 5545 duration. */
export function parseDuration(text: string): Length | null {
  const match = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text.trim());
  if (match === null || match.slice(2).every((part) => part === undefined)) return null;
  const n = (i: number) => Number(match[i] ?? 0);
  const sign = match[1] === "-" ? -1 : 1;
  return {
    days: sign * (n(2) * 7 + n(3)),
    ms: sign * ((n(4) * 60 + n(5)) * 60 + n(6)) * 1000,
  };
}

export function addLength(start: Date, zone: string, length: Length): Date {
  // Exact lengths need no zone arithmetic, which is the costly part of luxon.
  if (length.days === 0) return new Date(start.getTime() + length.ms);
  return DateTime.fromJSDate(start, { zone }).plus({ days: length.days }).plus({ milliseconds: length.ms }).toJSDate();
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayIn(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd");
}

/** node-ical builds DATE values as midnight of the host's zone, so the host's calendar fields hold the day. */
export function hostDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function startOfDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).toJSDate();
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: "UTC" }).plus({ days }).toFormat("yyyy-MM-dd");
}

export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: "UTC" }).diff(DateTime.fromISO(from, { zone: "UTC" }), "days").days);
}

/** Milliseconds of the local wall-clock reading, as if that reading were UTC. */
export function wallClockMillis(date: Date, zone: string): number {
  return DateTime.fromJSDate(date, { zone }).setZone("UTC", { keepLocalTime: true }).toMillis();
}

export function fromWallClockMillis(millis: number, zone: string): Date {
  return DateTime.fromMillis(millis, { zone: "UTC" }).setZone(zone, { keepLocalTime: true }).toJSDate();
}

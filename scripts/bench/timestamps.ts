/**
 * Instants are carried as whole minutes since the Unix epoch (UTC) and written as
 * "2026-03-04T09:30:00Z", which both the CSV connector and Postgres' timestamptz input read.
 * Formatting from two small caches is several times faster than Date#toISOString, which matters
 * at four timestamps per row and ten million rows.
 */
const MINUTES_PER_DAY = 1440;

const clock = Array.from(
  { length: MINUTES_PER_DAY },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00Z`,
);
const days = new Map<number, string>();

export function isoMinute(minute: number): string {
  const day = Math.floor(minute / MINUTES_PER_DAY);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    days.set(day, date);
  }
  return `${date}T${clock[minute - day * MINUTES_PER_DAY]}`;
}

/** Whole minutes since the epoch of a Date (rounded down). */
export function toEpochMinute(date: Date): number {
  return Math.floor(date.getTime() / 60_000);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of `timeZone` in minutes (local − UTC) at the instant `ms`. */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

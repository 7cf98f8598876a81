import type { DateRange } from "@/lib/analytics/types";

// One locale for now; every number on the dashboard goes through these formatters so a later
// locale switch touches one file.
const LOCALE = "en-US";

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const hoursFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
// Dates in a DateRange are calendar days; formatting them in UTC keeps the server's zone out of it.
const dayFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

export function formatHours(value: number): string {
  return hoursFormat.format(value);
}

/** A 0–1 share as a whole percentage ("62%"). */
export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

/** "Mar 18, 2025 – Jun 15, 2025", or a single day. */
export function formatRange(range: DateRange): string {
  const from = new Date(`${range.from}T00:00:00Z`);
  const to = new Date(`${range.to}T00:00:00Z`);
  return range.from === range.to ? dayFormat.format(from) : dayFormat.formatRange(from, to);
}

/** Minutes after midnight as "09:00". */
export function formatClock(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60) % 24;
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const WEEKDAY_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** ISO weekday (1 = Monday) as "Tue". */
export function weekdayShort(isoWeekday: number): string {
  return WEEKDAY_SHORT[isoWeekday - 1] ?? `Day ${isoWeekday}`;
}

export function weekdayLong(isoWeekday: number): string {
  return WEEKDAY_LONG[isoWeekday - 1] ?? `Day ${isoWeekday}`;
}

/** Text that replaces a value covering fewer than k people. */
export function suppressedNote(minGroupSize: number): string {
  return `suppressed (< ${formatInteger(minGroupSize)} people)`;
}

import { z } from "zod";
import type { DateRange } from "./types";

/** What Next hands a page as (awaited) `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The range shown when the URL names none: the last 90 days, today included. */
export const DEFAULT_RANGE_DAYS = 90;
/** Longer ranges are cut to this; it bounds dashboard query cost (see STACK-NOTES: a 2-year heatmap). */
export const MAX_RANGE_YEARS = 2;

/**
 * A calendar day as YYYY-MM-DD. `z.iso.date()` already rejects impossible days (2025-02-30);
 * the year bound keeps date arithmetic and the SQL it feeds away from nonsense such as year 0001
 * or 9999 + 90 days. Anything unusable becomes `undefined` rather than an error: a hand-edited
 * URL should fall back to a sensible range, not a crash page.
 */
const isoDay = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z.iso
    .date()
    .refine((day) => {
      const year = Number(day.slice(0, 4));
      return year >= 1970 && year <= 2999;
    })
    .optional()
    .catch(undefined),
);

const rangeParams = z.object({ from: isoDay, to: isoDay });

/**
 * Turns `?from=YYYY-MM-DD&to=YYYY-MM-DD` into a valid, inclusive DateRange:
 * - neither given (or both invalid): the last 90 days ending `today`;
 * - only `from`: from then until today (or 90 days from `from` if it lies in the future);
 * - only `to`: the 90 days ending on `to`;
 * - both, but reversed: swapped — the person plainly meant the other order;
 * - longer than 2 years: `from` moves forward so the range ends where it was asked to end.
 *
 * `today` is read as a calendar day in the server's time zone (the date a planner sees on
 * their own calendar when the server runs in their zone).
 */
export function parseDateRange(searchParams: SearchParams, today: Date): DateRange {
  const asked = rangeParams.parse(searchParams);
  const todayDay = toIsoDay(today);
  const span = DEFAULT_RANGE_DAYS - 1;

  let from: string;
  let to: string;
  if (asked.from !== undefined && asked.to !== undefined) {
    // ISO days of equal length compare correctly as strings.
    [from, to] = asked.from <= asked.to ? [asked.from, asked.to] : [asked.to, asked.from];
  } else if (asked.from !== undefined) {
    from = asked.from;
    to = asked.from <= todayDay ? todayDay : addDays(asked.from, span);
  } else if (asked.to !== undefined) {
    to = asked.to;
    from = addDays(asked.to, -span);
  } else {
    to = todayDay;
    from = addDays(todayDay, -span);
  }

  const earliest = addDays(addMonths(to, -12 * MAX_RANGE_YEARS), 1);
  return { from: from < earliest ? earliest : from, to };
}

/**
 * True when the URL named a date that the range does not keep (invalid, reversed or over the
 * limit), so the page can say it showed something other than what was asked.
 */
export function isRangeAdjusted(searchParams: SearchParams, range: DateRange): boolean {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const from = first(searchParams.from);
  const to = first(searchParams.to);
  return (from !== undefined && from !== range.from) || (to !== undefined && to !== range.to);
}

export type DatePresetId = "30d" | "90d" | "6m" | "ytd";
export type DatePreset = { id: DatePresetId; label: string; range: DateRange };

/** The quick ranges offered next to the date inputs, each ending today. */
export function listDatePresets(today: Date): DatePreset[] {
  const to = toIsoDay(today);
  return [
    { id: "30d", label: "Last 30 days", range: { from: addDays(to, -29), to } },
    { id: "90d", label: "Last 90 days", range: { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to } },
    { id: "6m", label: "Last 6 months", range: { from: addDays(addMonths(to, -6), 1), to } },
    { id: "ytd", label: "This year", range: { from: `${to.slice(0, 4)}-01-01`, to } },
  ];
}

/** The local calendar day of `date` as YYYY-MM-DD. */
export function toIsoDay(date: Date): string {
  return formatDay(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** Number of calendar days in an inclusive range. */
export function countDays(range: DateRange): number {
  return (dayNumber(range.to) - dayNumber(range.from)) / MS_PER_DAY + 1;
}

// Calendar arithmetic runs on UTC midnights so daylight-saving changes never shift a day.
const MS_PER_DAY = 86_400_000;

function dayNumber(day: string): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}

function fromDayNumber(ms: number): string {
  const d = new Date(ms);
  return formatDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function addDays(day: string, days: number): string {
  return fromDayNumber(dayNumber(day) + days * MS_PER_DAY);
}

/** Moves by whole months, clamping to the month's last day (2024-08-31 − 6 months → 2024-02-29). */
function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return formatDay(targetYear, targetMonth, Math.min(date, lastDay));
}

function formatDay(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}

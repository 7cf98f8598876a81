import { intlLocale, type Locale } from "./locales";

/**
 * Every number, date and weekday the UI shows goes through here, in the reader's language
 * ("1,234.5" / "1.234,5", "18 Mar 2025" / "18 thg 3, 2025"). Server-side only in practice: client
 * leaves receive text already formatted, so they never need a locale.
 */
export type Formatters = {
  integer: (value: number) => string;
  /** One decimal at most: booked hours. */
  hours: (value: number) => string;
  /** A 0–1 share as a whole percentage ("62%"). */
  percent: (share: number) => string;
  /** A range of calendar days (YYYY-MM-DD, both inclusive), or a single day. */
  dayRange: (range: { from: string; to: string }) => string;
  /** ISO weekday (1 = Monday … 7 = Sunday): "Tue" / "Thứ 3". */
  weekdayShort: (isoWeekday: number) => string;
  /** "Tuesday" / "Thứ Ba". */
  weekdayLong: (isoWeekday: number) => string;
};

function createFormatters(locale: Locale): Formatters {
  const tag = intlLocale[locale];
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const hours = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  // Calendar days, formatted in UTC so the server's own zone cannot shift them by a day.
  const day = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const weekdayShort = new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: "UTC" });
  const weekdayLong = new Intl.DateTimeFormat(tag, { weekday: "long", timeZone: "UTC" });
  // 2024-01-01 was a Monday: ISO weekday n is n - 1 days later.
  const weekdayDate = (isoWeekday: number) => new Date(Date.UTC(2024, 0, isoWeekday));
  const isWeekday = (n: number) => Number.isInteger(n) && n >= 1 && n <= 7;
  const calendarDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

  return {
    integer: (value) => integer.format(value),
    hours: (value) => hours.format(value),
    percent: (share) => percent.format(share),
    dayRange: ({ from, to }) =>
      from === to ? day.format(calendarDay(from)) : day.formatRange(calendarDay(from), calendarDay(to)),
    weekdayShort: (n) => (isWeekday(n) ? weekdayShort.format(weekdayDate(n)) : String(n)),
    weekdayLong: (n) => (isWeekday(n) ? weekdayLong.format(weekdayDate(n)) : String(n)),
  };
}

const cache = new Map<Locale, Formatters>();

/** The formatters for one language; built once per language, since Intl objects are costly to make. */
export function getFormatters(locale: Locale): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}

/** Minutes after midnight as "09:00": a 24-hour clock reads the same in both languages. */
export function formatClock(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60) % 24;
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/**
 * A date and time in the reader's language, in UTC and saying so: the server cannot know the
 * reader's zone, and a time without a zone would mislead. (Explicit fields, because Intl refuses
 * `dateStyle` together with `timeZoneName`.) Seconds only where order matters, as in the audit log.
 */
export function formatDateTime(date: Date, locale: Locale, options: { seconds?: boolean } = {}): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: options.seconds ? "2-digit" : undefined,
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
}

import { intlLocale, type Locale } from "./locales";

/**
 * A date and time in the reader's language, in UTC and saying so: the server cannot know the
 * reader's zone, and a time without a zone would mislead. (Explicit fields, because Intl refuses
 * `dateStyle` together with `timeZoneName`.)
 */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
}

/**
 * `Date#toISOString` for the COPY lines of a bulk import, ~2x faster: four instants a row made it the
 * largest single cost of building a staging line (docs/session-notes/import.md). The date part is computed once
 * per day (a bounded cache: bookings of one file fall on a few hundred days), the time from integers.
 * Same text as toISOString for years 0–9999 (what the sources accept); others go to toISOString.
 */
const DAY_MS = 86_400_000;
const MAX_CACHED_DAYS = 10_000;
// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: outside, toISOString writes six-digit years.
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1_000 }, (_, n) => String(n).padStart(3, "0"));

export function isoInstantFormatter(): (ms: number) => string {
  const dayPrefix = new Map<number, string>();
  return (ms) => {
    if (!(ms >= MIN_MS && ms <= MAX_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY_MS);
    let prefix = dayPrefix.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
      if (dayPrefix.size >= MAX_CACHED_DAYS) dayPrefix.clear();
      dayPrefix.set(day, prefix);
    }
    let rest = ms - day * DAY_MS;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1_000);
    return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1_000]}Z`;
  };
}

import type { CellLabel, ColumnType, TableCell, TableColumn } from "@/lib/analytics/views/table";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatClock, getFormatters, type Formatters } from "@/lib/i18n/format";
import { intlLocale, type Locale } from "@/lib/i18n/locales";

/** The dashboard's formatters plus the few the planner views need (ratios, single days). */
export type PlannerFormat = Formatters & {
  /** A 0–1 share with up to one decimal ("4.3%"): pressure and no-show rates sit close to their thresholds. */
  share: (value: number) => string;
  /** Two decimals: a preference index ("1.24"). */
  ratio: (value: number) => string;
  /** One decimal: mean seats. */
  decimal: (value: number) => string;
  /** One calendar day (YYYY-MM-DD): "2 Sep 2026". */
  day: (ymd: string) => string;
  /** A short day for chart labels: "Wed 2 Sep". */
  shortDay: (ymd: string) => string;
};

const cache = new Map<Locale, PlannerFormat>();

export function getPlannerFormat(locale: Locale): PlannerFormat {
  const cached = cache.get(locale);
  if (cached) return cached;
  const tag = intlLocale[locale];
  const share = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const ratio = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const shortDay = new Intl.DateTimeFormat(tag, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  const at = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
  const format: PlannerFormat = {
    ...getFormatters(locale),
    share: (value) => share.format(value),
    ratio: (value) => ratio.format(value),
    decimal: (value) => decimal.format(value),
    day: (ymd) => day.format(at(ymd)),
    shortDay: (ymd) => shortDay.format(at(ymd)),
  };
  cache.set(locale, format);
  return format;
}

type Text = Dictionary["planner"];

/** "5-8" → "5–8 seats"; the band code stays as stored in downloads. */
export function bandText(band: string, t: Text): string {
  return t.bandName(band.replace("-", "–"));
}

export function buildingText(building: string | null, t: Text): string {
  if (building === null) return t.labels.allBuildings;
  return building === "" ? t.labels.noBuilding : building;
}

/** Lead-time buckets of behaviour.ts ("<1h", "1-24h", "1-7d", "1-4w", ">4w") in words. */
function leadBucketText(bucket: string, t: Text): string {
  const range = /^(\d+)-(\d+)([hdw])$/.exec(bucket);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return range[3] === "h" ? t.labels.leadHours(from, to) : range[3] === "d" ? t.labels.leadDays(from, to) : t.labels.leadWeeks(from, to);
  }
  const under = /^<(\d+)h$/.exec(bucket);
  if (under) return t.labels.leadUnder(Number(under[1]));
  const over = /^>(\d+)w$/.exec(bucket);
  return over ? t.labels.leadOver(Number(over[1])) : bucket;
}

/** Duration buckets ("15-30min", ">240min") in words. */
function durationBucketText(bucket: string, t: Text): string {
  const range = /^(\d+)-(\d+)min$/.exec(bucket);
  if (range) return t.labels.minutes(Number(range[1]), Number(range[2]));
  const over = /^>(\d+)min$/.exec(bucket);
  return over ? t.labels.minutesOver(Number(over[1])) : bucket;
}

/** Seat-fill buckets ("25-50%") in words, with the reader's percent format. */
function seatFillBucketText(bucket: string, t: Text, format: PlannerFormat): string {
  const range = /^(\d+)-(\d+)%$/.exec(bucket);
  return range ? t.labels.seatFillBucket(format.percent(Number(range[1]) / 100), format.percent(Number(range[2]) / 100)) : bucket;
}

export function labelText(label: CellLabel, t: Text, format: PlannerFormat): string {
  switch (label.kind) {
    case "allBuildings":
      return t.labels.allBuildings;
    case "allBands":
      return t.labels.allBands;
    case "noBuilding":
      return t.labels.noBuilding;
    case "band":
      return bandText(label.band, t);
    case "leadBucket":
      return leadBucketText(label.bucket, t);
    case "durationBucket":
      return durationBucketText(label.bucket, t);
    case "seatFillBucket":
      return seatFillBucketText(label.bucket, t, format);
    case "measure":
      return t.labels.measures[label.measure];
    case "attribute":
      return t.labels.attributes[label.attribute];
    case "amenityShare":
      return t.labels.amenityShare(label.amenity);
    case "recommendation":
      return t.labels.recommendationKinds[label.recommendation as keyof Text["labels"]["recommendationKinds"]] ?? label.recommendation;
    case "threshold":
      return t.labels.thresholds[label.threshold as keyof Text["labels"]["thresholds"]] ?? label.threshold;
  }
}

export function valueText(value: number | string, type: ColumnType, t: Text, format: PlannerFormat): string {
  if (typeof value === "string") return type === "day" ? format.day(value) : value;
  switch (type) {
    case "integer":
      return format.integer(value);
    case "decimal":
      return format.decimal(value);
    case "hours":
      return t.units.hours(format.hours(value));
    case "share":
      return format.share(value);
    case "ratio":
      return format.ratio(value);
    case "weekday":
      return format.weekdayLong(value);
    case "hour":
      return `${formatClock(value * 60)}–${formatClock((value + 1) * 60)}`;
    default:
      return String(value);
  }
}

/** A cell in words, or null when it is suppressed or has no value (the caller says which). */
export function cellText(cell: TableCell, column: TableColumn, t: Text, format: PlannerFormat): string | null {
  if (cell.suppressed || cell.value === null) return null;
  if (cell.label) return labelText(cell.label, t, format);
  return valueText(cell.value, cell.type ?? column.type, t, format);
}

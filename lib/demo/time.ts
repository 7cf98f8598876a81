import { IANAZone } from "luxon";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** UTC offsets (minutes) by zone and UTC hour: EU transitions fall on whole UTC hours. */
const offsetCache = new Map<string, Map<number, number>>();

function offsetAt(zone: string, ms: number): number {
  let byHour = offsetCache.get(zone);
  if (!byHour) offsetCache.set(zone, (byHour = new Map()));
  const hour = Math.floor(ms / HOUR);
  let offset = byHour.get(hour);
  if (offset === undefined) {
    offset = zone === "UTC" ? 0 : IANAZone.create(zone).offset(hour * HOUR);
    byHour.set(hour, offset);
  }
  return offset;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * An instant with its wall-clock reading in one IANA zone. Luxon is exact but computes the zone
 * offset through Intl on every operation, which made generation take seconds; this keeps luxon
 * for the offsets only (cached per UTC hour) and does the calendar arithmetic on Date.UTC.
 */
export class LocalTime {
  private readonly wall: Date;

  private constructor(
    /** UTC epoch milliseconds. */
    readonly ms: number,
    readonly zone: string,
    /** Minutes east of UTC at this instant. */
    readonly offset: number,
  ) {
    this.wall = new Date(ms + offset * MINUTE);
  }

  static fromInstant(ms: number, zone: string): LocalTime {
    return new LocalTime(ms, zone, offsetAt(zone, ms));
  }

  /** The instant a wall clock in `zone` shows this reading (fields may overflow, as in Date.UTC). */
  static fromWall(zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): LocalTime {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    let ms = wall - offsetAt(zone, wall) * MINUTE;
    const corrected = offsetAt(zone, ms);
    ms = wall - corrected * MINUTE;
    return new LocalTime(ms, zone, corrected);
  }

  get year(): number {
    return this.wall.getUTCFullYear();
  }
  get month(): number {
    return this.wall.getUTCMonth() + 1;
  }
  get day(): number {
    return this.wall.getUTCDate();
  }
  get hour(): number {
    return this.wall.getUTCHours();
  }
  get minute(): number {
    return this.wall.getUTCMinutes();
  }
  get second(): number {
    return this.wall.getUTCSeconds();
  }
  /** 1 = Monday … 7 = Sunday. */
  get weekday(): number {
    return ((this.wall.getUTCDay() + 6) % 7) + 1;
  }
  get minuteOfDay(): number {
    return this.hour * 60 + this.minute;
  }

  startOfDay(): LocalTime {
    return LocalTime.fromWall(this.zone, this.year, this.month, this.day);
  }

  /** Same wall-clock time `days` later (across DST changes too). */
  plusDays(days: number): LocalTime {
    return LocalTime.fromWall(this.zone, this.year, this.month, this.day + days, this.hour, this.minute, this.second);
  }

  /** Local midnight `months` earlier, the day clamped to the month's length. */
  startOfDayMonthsBefore(months: number): LocalTime {
    const target = new Date(Date.UTC(this.year, this.month - 1 - months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    return LocalTime.fromWall(this.zone, target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(this.day, lastDay));
  }

  plusMinutes(minutes: number): LocalTime {
    return LocalTime.fromInstant(this.ms + minutes * MINUTE, this.zone);
  }

  plusSeconds(seconds: number): LocalTime {
    return LocalTime.fromInstant(this.ms + seconds * 1000, this.zone);
  }

  /** Same local day at `minute` after midnight. */
  atMinute(minute: number): LocalTime {
    return LocalTime.fromWall(this.zone, this.year, this.month, this.day, Math.floor(minute / 60), minute % 60);
  }

  /** Whole and fractional days between two instants. */
  daysSince(earlier: LocalTime): number {
    return (this.ms - earlier.ms) / (24 * HOUR);
  }

  /** `2025-03-04`, the wall-clock date. */
  toIsoDate(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  /** `2025-03-04T09:00:00+01:00`: ISO 8601 with the zone's offset at this instant. */
  toIso(): string {
    const sign = this.offset < 0 ? "-" : "+";
    const abs = Math.abs(this.offset);
    return `${this.toIsoDate()}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  /** `20250304`, an ICS DATE. */
  toIcsDate(): string {
    return `${pad(this.year, 4)}${pad(this.month)}${pad(this.day)}`;
  }

  /** `20250304T090000`, an ICS local DATE-TIME (to be used with TZID). */
  toIcsLocal(): string {
    return `${this.toIcsDate()}T${pad(this.hour)}${pad(this.minute)}${pad(this.second)}`;
  }

  /** `20250304T080000Z`, an ICS UTC DATE-TIME. */
  toIcsUtc(): string {
    const d = new Date(this.ms);
    return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  }
}

import ical from "node-ical";
import { DateTime } from "luxon";
import type { ContentLine, Observance, VTimezoneBlock } from "./ics-lines";

/**
 * Turns an ICS TZID into an IANA zone name, or null when it names no zone we can trust.
 *
 * node-ical resolves IANA names and Windows names ("W. Europe Standard Time") itself, but it
 * silently falls back to the host's zone for an unknown TZID and for a VTIMEZONE whose TZID is
 * neither (e.g. "Office Time"). So every TZID is resolved here first; the VEVENT handed to
 * node-ical then only carries IANA names, and an unknown zone becomes a rejection instead of a
 * booking shifted by the server's offset.
 */
export type ZoneResolver = (tzid: string, year: number) => string | null;

export function createZoneResolver(timezones: VTimezoneBlock[]): ZoneResolver {
  const cache = new Map<string, string | null>();
  return (tzid, year) => {
    const key = `${tzid}|${year}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const block = timezones.find((t) => t.tzid === tzid);
    const zone = knownZone(tzid) ?? (block === undefined ? null : matchVTimezone(block, year));
    cache.set(key, zone);
    return zone;
  };
}

/** The canonical IANA name, or null when the runtime does not know the zone. */
export function canonicalZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const knownZones = new Map<string, string | null>();

/** IANA names directly; Windows names through node-ical's CLDR mapping. */
function knownZone(tzid: string): string | null {
  const cached = knownZones.get(tzid);
  if (cached !== undefined) return cached;
  let zone = canonicalZone(tzid);
  // For these markers node-ical substitutes the host's zone; only their VTIMEZONE can say more.
  const microsoftCustom = /^(tzone:\/\/Microsoft\/|Customized Time Zone|\(no TZ description\))/i.test(tzid);
  if (zone === null && !microsoftCustom && !/["\r\n]/.test(tzid)) {
    zone = zoneThroughNodeIcal(tzid);
  }
  knownZones.set(tzid, zone);
  return zone;
}

/**
 * node-ical exposes its Windows-zone mapping (CLDR names and Outlook labels such as
 * "(UTC+01:00) Amsterdam, Berlin, …") only through the `tz` it attaches to parsed dates.
 */
function zoneThroughNodeIcal(tzid: string): string | null {
  const param = /[:;,]/.test(tzid) ? `"${tzid}"` : tzid;
  const probe = [
    "BEGIN:VCALENDAR",
    "BEGIN:VEVENT",
    "UID:zone-probe",
    `DTSTART;TZID=${param}:20250101T000000`,
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");
  try {
    for (const component of Object.values(ical.sync.parseICS(probe))) {
      if (component?.type !== "VEVENT") continue;
      const tz = component.start.tz;
      return tz === undefined ? null : canonicalZone(tz);
    }
  } catch {
    // An unparseable TZID is an unknown zone.
  }
  return null;
}

type Rule = { offsetFrom: number; offsetTo: number; start: DateTime; yearly: YearlyRule | null };
type YearlyRule = { month: number; weekday: number; nth: number | null; monthDays: number[]; untilYear: number | null };

const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const hour = 3_600_000;

/**
 * Finds an IANA zone that behaves like the VTIMEZONE in `year`: same offsets, and for a zone with
 * daylight saving the same transition instants (within an hour).
 */
function matchVTimezone(block: VTimezoneBlock, year: number): string | null {
  const standard = applicableRule(block.observances, "STANDARD", year);
  const daylight = applicableRule(block.observances, "DAYLIGHT", year);
  if (standard === null && daylight === null) return null;

  const recurringDst = standard?.yearly && daylight?.yearly ? { standard, daylight } : null;
  if (recurringDst === null) {
    const latest = [standard, daylight]
      .filter((r): r is Rule => r !== null)
      .reduce((a, b) => (b.start > a.start ? b : a));
    return fixedOffsetZone(latest.offsetTo, year);
  }

  const dstStart = transitionInstant(recurringDst.daylight, year);
  const dstEnd = transitionInstant(recurringDst.standard, year);
  if (dstStart === null || dstEnd === null) return null;
  const checks: Array<[number, number]> = [
    [dstStart - hour, recurringDst.daylight.offsetFrom],
    [dstStart + hour, recurringDst.daylight.offsetTo],
    [dstEnd - hour, recurringDst.standard.offsetFrom],
    [dstEnd + hour, recurringDst.standard.offsetTo],
  ];
  return firstZoneWhere((zone) => checks.every(([at, offset]) => offsetAt(zone, at) === offset));
}

function fixedOffsetZone(offsetMinutes: number, year: number): string | null {
  if (offsetMinutes === 0) return "UTC";
  // POSIX-style names invert the sign: Etc/GMT-5 is UTC+05:00.
  if (offsetMinutes % 60 === 0 && Math.abs(offsetMinutes) <= 12 * 60) {
    const hours = -offsetMinutes / 60;
    return `Etc/GMT${hours > 0 ? "+" : "-"}${Math.abs(hours)}`;
  }
  const january = DateTime.utc(year, 1, 15).toMillis();
  const july = DateTime.utc(year, 7, 15).toMillis();
  return firstZoneWhere((zone) => offsetAt(zone, january) === offsetMinutes && offsetAt(zone, july) === offsetMinutes);
}

function firstZoneWhere(test: (zone: string) => boolean): string | null {
  return Intl.supportedValuesOf("timeZone").find(test) ?? null;
}

function offsetAt(zone: string, millis: number): number {
  return DateTime.fromMillis(millis, { zone }).offset;
}

/** The observance in force in `year`: the latest one that started by then (else the earliest). */
function applicableRule(observances: Observance[], kind: Observance["kind"], year: number): Rule | null {
  const rules = observances
    .filter((o) => o.kind === kind)
    .map((o) => parseRule(o.lines))
    .filter((r): r is Rule => r !== null)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const started = rules.filter((r) => r.start.year <= year);
  const rule = started.at(-1) ?? rules[0] ?? null;
  if (rule?.yearly && rule.yearly.untilYear !== null && rule.yearly.untilYear < year) {
    return { ...rule, yearly: null };
  }
  return rule;
}

function parseRule(lines: ContentLine[]): Rule | null {
  const value = (name: string) => lines.find((l) => l.name === name)?.value.trim() ?? null;
  const offsetFrom = parseOffset(value("TZOFFSETFROM"));
  const offsetTo = parseOffset(value("TZOFFSETTO"));
  const start = DateTime.fromFormat(value("DTSTART") ?? "", "yyyyMMdd'T'HHmmss", { zone: "UTC" });
  if (offsetFrom === null || offsetTo === null || !start.isValid) return null;
  return { offsetFrom, offsetTo, start, yearly: parseYearlyRule(value("RRULE")) };
}

function parseOffset(text: string | null): number | null {
  const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text ?? "");
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** Only the yearly "n-th weekday of a month" rules VTIMEZONEs use in practice. */
function parseYearlyRule(rrule: string | null): YearlyRule | null {
  if (rrule === null) return null;
  const parts = new Map(rrule.split(";").map((p) => [p.split("=")[0] ?? "", p.split("=")[1] ?? ""]));
  const month = Number(parts.get("BYMONTH"));
  const byDay = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(parts.get("BYDAY") ?? "");
  if (parts.get("FREQ") !== "YEARLY" || !Number.isInteger(month) || byDay === null) return null;
  const until = parts.get("UNTIL");
  return {
    month,
    weekday: weekdays.indexOf(byDay[2] ?? "") + 1,
    nth: byDay[1] === undefined ? null : Number(byDay[1]),
    monthDays: (parts.get("BYMONTHDAY") ?? "").split(",").filter((d) => d !== "").map(Number),
    untilYear: until === undefined ? null : Number(until.slice(0, 4)),
  };
}

/** The UTC instant at which the observance begins in `year`. */
function transitionInstant(rule: Rule, year: number): number | null {
  const yearly = rule.yearly;
  if (yearly === null) return null;
  const first = DateTime.utc(year, yearly.month, 1);
  const days: DateTime[] = [];
  for (let day = first; day.month === yearly.month; day = day.plus({ days: 1 })) {
    if (day.weekday === yearly.weekday) days.push(day);
  }
  let chosen: DateTime | undefined;
  if (yearly.nth !== null) chosen = yearly.nth > 0 ? days[yearly.nth - 1] : days[days.length + yearly.nth];
  else if (yearly.monthDays.length > 0) chosen = days.find((d) => yearly.monthDays.includes(d.day));
  if (chosen === undefined) return null;
  const wallClock = chosen.set({ hour: rule.start.hour, minute: rule.start.minute, second: rule.start.second });
  return wallClock.toMillis() - rule.offsetFrom * 60_000;
}

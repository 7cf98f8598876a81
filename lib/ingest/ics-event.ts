import type { RRule, VEvent } from "node-ical";
import { paramValue, type ContentLine, type VEventBlock } from "./ics-lines";
import { parseTimes, type ZoneContext } from "./ics-node-ical";
import { parseSimpleRule, type SimpleRule } from "./ics-rule";
import { addLength, hostDay, parseDuration, type Length } from "./ics-time";
import type { RoomHint } from "./types";

/** When an event happens: a calendar day (DATE value, floating) or an instant with a length. */
export type Timing =
  | { allDay: true; day: string; zone: string }
  | { allDay: false; start: Date; length: Length; zone: string };

/** One VEVENT as the connector understood it. It holds e-mails and location text: memory only. */
export type ParsedEvent = {
  line: number;
  uid: string;
  sequence: number;
  /** The occurrence this VEVENT overrides: ISO instant in UTC, or YYYY-MM-DD for a DATE. */
  recurrenceId: string | null;
  thisAndFuture: boolean;
  timing: Timing;
  /** The VEVENT has an RRULE that node-ical accepted. */
  recurring: boolean;
  /**
   * node-ical's reading of the RRULE. Built on first use: for a simple rule (below) node-ical is
   * asked only when ics-rule.ts declines a series, because building it is a third of its parse.
   */
  rrule: () => RRule | null;
  /** The same RRULE when our own expansion can take it (ics-rule.ts), on a timed series. */
  simpleRule: SimpleRule | null;
  exdates: { instants: Set<string>; days: Set<string> };
  cancelled: boolean;
  organizerEmail: string | null;
  attendeeEmails: string[] | null;
  rooms: RoomHint[];
  bookedAt: Date | null;
  private: boolean;
};

export type EventContext = ZoneContext & { method: string | null };

type Lines = { first: (name: string) => ContentLine | null; all: (name: string) => ContentLine[] };

export function parseEvent(block: VEventBlock, context: EventContext): { event: ParsedEvent } | { reason: string } {
  if (block.invalidLine !== null) return { reason: `line ${block.invalidLine} is not a valid iCalendar line` };
  const lines: Lines = {
    first: (name) => block.lines.find((l) => l.name === name) ?? null,
    all: (name) => block.lines.filter((l) => l.name === name),
  };
  const uid = lines.first("UID")?.value.trim() ?? "";
  if (uid === "") return { reason: "no UID, so the event has no stable key" };
  if (lines.first("DTSTART") === null) return { reason: "no DTSTART" };
  const rrule = lines.first("RRULE");
  if (rrule !== null && /FREQ=(SECONDLY|MINUTELY)/i.test(rrule.value)) {
    return { reason: "RRULE repeats more often than hourly" };
  }

  // A simple rule on a timed DTSTART is read without node-ical's RRULE (node-ical accepts every
  // such rule: FREQ, INTERVAL > 0, COUNT, UTC UNTIL, plain BYDAY, WKST); an all-day one is read again with it.
  const single = rrule !== null && lines.all("RRULE").length === 1;
  let simpleRule = single ? parseSimpleRule(rrule.value) : null;
  let times = parseTimes(block, context, simpleRule === null);
  if ("reason" in times) return times;
  if (simpleRule !== null && isDateOnly(times.parsed)) {
    simpleRule = null;
    times = parseTimes(block, context, true);
    if ("reason" in times) return times;
  }
  const parsed = times.parsed;
  if (!isValidDate(parsed.start)) return { reason: "DTSTART is not a valid date" };
  const timing = readTiming(parsed, lines, context);
  if ("reason" in timing) return timing;

  const recurrenceIdLine = lines.first("RECURRENCE-ID");
  const classification = lines.first("CLASS")?.value.trim().toUpperCase() ?? "";
  return {
    event: {
      line: block.line,
      uid,
      sequence: Number.parseInt(lines.first("SEQUENCE")?.value ?? "", 10) || 0,
      recurrenceId: isValidDate(parsed.recurrenceid) ? occurrenceKey(parsed.recurrenceid) : null,
      thisAndFuture:
        recurrenceIdLine !== null && paramValue(recurrenceIdLine, "RANGE")?.toUpperCase() === "THISANDFUTURE",
      timing: timing.timing,
      recurring: rrule !== null && (simpleRule !== null || parsed.rrule !== undefined),
      rrule: rrule === null ? () => null : simpleRule === null ? () => parsed.rrule ?? null : lazyRule(block, context),
      simpleRule,
      exdates: readExdates(parsed),
      cancelled: lines.first("STATUS")?.value.trim().toUpperCase() === "CANCELLED" || context.method === "CANCEL",
      ...readPeopleAndRooms(lines),
      bookedAt: isValidDate(parsed.created) ? parsed.created : null,
      private: classification === "PRIVATE" || classification === "CONFIDENTIAL",
    },
  };
}

/** The key of an occurrence: its original start as an ISO instant, or its day for DATE values. */
export function occurrenceKey(date: Date & { dateOnly?: true }): string {
  return date.dateOnly === true ? hostDay(date) : date.toISOString();
}

function isDateOnly(parsed: VEvent): boolean {
  return parsed.datetype === "date" || parsed.start?.dateOnly === true;
}

/** node-ical's RRULE for a VEVENT first parsed without it, parsed once when asked for. */
function lazyRule(block: VEventBlock, context: ZoneContext): () => RRule | null {
  let rule: RRule | null | undefined;
  return () => {
    if (rule === undefined) {
      const times = parseTimes(block, context, true);
      rule = "parsed" in times ? (times.parsed.rrule ?? null) : null;
    }
    return rule;
  };
}

function readTiming(parsed: VEvent, lines: Lines, zones: ZoneContext): { timing: Timing } | { reason: string } {
  const start = parsed.start;
  if (isDateOnly(parsed)) {
    // A DATE is a floating day; the floating zone decides which instants it covers.
    if ("error" in zones.floatingZone) return { reason: zones.floatingZone.error };
    return { timing: { allDay: true, day: hostDay(start), zone: zones.floatingZone.zone } };
  }
  const zone = start.tz === undefined || /^(Etc\/)?UTC$/.test(start.tz) ? "UTC" : start.tz;
  let length: Length;
  const duration = lines.first("DURATION");
  if (lines.first("DTEND") !== null) {
    if (!isValidDate(parsed.end)) return { reason: "DTEND is not a valid date" };
    length = { days: 0, ms: parsed.end.getTime() - start.getTime() };
  } else if (duration !== null) {
    // Read here: node-ical adds DURATION days as 24 h, RFC 5545 days are calendar days (23 or 25 h across DST).
    const parsedDuration = parseDuration(duration.value);
    if (parsedDuration === null) return { reason: "DURATION is not a valid duration" };
    length = parsedDuration;
  } else {
    return { reason: "no end (DTEND or DURATION)" };
  }
  if (addLength(start, zone, length) < start) return { reason: "ends before it starts" };
  return { timing: { allDay: false, start, length, zone } };
}

/**
 * Rooms are attendees with CUTYPE=ROOM or RESOURCE; one that declined did not take the booking
 * and is no hint. People are the other attendees who did not decline. CN (names) is never read.
 */
function readPeopleAndRooms(lines: Lines): Pick<ParsedEvent, "organizerEmail" | "attendeeEmails" | "rooms"> {
  const attendees = lines.all("ATTENDEE").filter((l) => paramValue(l, "PARTSTAT")?.toUpperCase() !== "DECLINED");
  const isRoom = (l: ContentLine) => ["ROOM", "RESOURCE"].includes(paramValue(l, "CUTYPE")?.toUpperCase() ?? "");
  const emailsOf = (list: ContentLine[]) => list.map(emailOf).filter((e): e is string => e !== null);
  const location = unescapeText(lines.first("LOCATION")?.value ?? "").trim();
  const rooms: RoomHint[] = emailsOf(attendees.filter(isRoom)).map((email) => ({ kind: "resource", email }));
  if (location !== "") rooms.push({ kind: "location", text: location });
  return {
    organizerEmail: emailOf(lines.first("ORGANIZER")),
    attendeeEmails: lines.all("ATTENDEE").length === 0 ? null : emailsOf(attendees.filter((l) => !isRoom(l))),
    rooms,
  };
}

function readExdates(parsed: VEvent): ParsedEvent["exdates"] {
  const exdates = { instants: new Set<string>(), days: new Set<string>() };
  for (const date of Object.values(parsed.exdate ?? {})) {
    if (!isValidDate(date)) continue;
    if (date.dateOnly === true) exdates.days.add(hostDay(date));
    else exdates.instants.add(date.toISOString());
  }
  return exdates;
}

/** The mailto: address of ORGANIZER/ATTENDEE, else its EMAIL parameter; null when neither is one. */
function emailOf(line: ContentLine | null): string | null {
  if (line === null) return null;
  const fromValue = line.value.trim().replace(/^mailto:/i, "");
  if (fromValue.includes("@")) return fromValue;
  const fromParam = paramValue(line, "EMAIL")?.trim() ?? "";
  return fromParam.includes("@") ? fromParam : null;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function isValidDate(value: unknown): value is Date & { dateOnly?: true; tz?: string } {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

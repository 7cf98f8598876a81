import type { ParsedEvent, Timing } from "./ics-event";
import { occurrenceKey } from "./ics-event";
import { expandSimpleRule } from "./ics-rule";
import {
  addDays,
  addLength,
  dayIn,
  daysBetween,
  fromWallClockMillis,
  startOfDay,
  wallClockMillis,
} from "./ics-time";
import type { RawBooking, SourceRecord, Window } from "./types";

/** One occurrence before it becomes a record: whose properties it carries and when it happens. */
export type Occurrence = {
  /** The VEVENT whose properties apply (the master, an override, or a THISANDFUTURE override). */
  source: ParsedEvent;
  master: ParsedEvent | null;
  sourceKey: string;
  timing: Timing;
  recurring: boolean;
};

const day = 86_400_000;

/**
 * Turns the file's VEVENTs into the occurrences inside the window, grouped by UID.
 *
 * node-ical's `expandRecurringEvent` is not used for overrides and EXDATE: it loses an override
 * moved into the window from outside it, treats RANGE=THISANDFUTURE as a single instance, and
 * matches a DATE EXDATE on the UTC day of a timed instance. Its RRULE (`event.rrule.between`) is, where ics-rule.ts does not expand the series itself.
 */
export function expandEvents(events: ParsedEvent[], window: Window): Occurrence[] {
  const byUid = new Map<string, ParsedEvent[]>();
  for (const event of events) {
    const group = byUid.get(event.uid);
    if (group === undefined) byUid.set(event.uid, [event]);
    else group.push(event);
  }

  const occurrences: Occurrence[] = [];
  for (const [uid, group] of byUid) {
    let master: ParsedEvent | null = null;
    const overrides = new Map<string, ParsedEvent>();
    for (const event of group) {
      if (event.recurrenceId === null) master = newer(master, event);
      else overrides.set(event.recurrenceId, newer(overrides.get(event.recurrenceId) ?? null, event));
    }

    if (master !== null && !master.recurring) {
      occurrences.push({ source: master, master: null, sourceKey: uid, timing: master.timing, recurring: false });
    }
    if (master?.recurring) occurrences.push(...generatedInstances(master, overrides, window));
    for (const [key, override] of overrides) {
      if (master !== null && isExcluded(master, key)) continue;
      occurrences.push({ source: override, master, sourceKey: `${uid}|${key}`, timing: override.timing, recurring: true });
    }
  }
  return occurrences.filter((o) => inWindow(o.timing, window));
}

export function toRecord(occurrence: Occurrence, fileLabel: string): SourceRecord {
  const { source, master, timing } = occurrence;
  const at = `${fileLabel} line ${source.line}`;
  if (timing.allDay) return { kind: "all-day", at };
  const booking: RawBooking = {
    kind: "booking",
    at,
    sourceKey: occurrence.sourceKey,
    rooms: [...source.rooms],
    start: timing.start,
    end: addLength(timing.start, timing.zone, timing.length),
    // Cancelling a whole series cancels its moved instances too.
    status: source.cancelled || master?.cancelled === true ? "cancelled" : "confirmed",
    organizerEmail: source.organizerEmail,
    attendeeEmails: source.attendeeEmails === null ? null : [...source.attendeeEmails],
    attendeeCount: null,
    // An override rarely repeats CREATED; the series was booked when its master was.
    bookedAt: source.bookedAt ?? master?.bookedAt ?? null,
    checkedInAt: null,
    recurring: occurrence.recurring,
    private: source.private,
  };
  return booking;
}

/** The RRULE's instances that no override replaces and no EXDATE removes. */
function generatedInstances(master: ParsedEvent, overrides: Map<string, ParsedEvent>, window: Window): Occurrence[] {
  const thisAndFuture = [...overrides.values()]
    .filter((o) => o.thisAndFuture && o.recurrenceId !== null && o.timing.allDay === master.timing.allDay)
    .sort((a, b) => compareKeys(a.recurrenceId ?? "", b.recurrenceId ?? ""));
  // A THISANDFUTURE shift can move instances across the window's edges: look that much further.
  const margin = 2 * day + Math.max(0, ...thisAndFuture.map((o) => Math.abs(shiftMillis(master, o))));
  const from = new Date(window.from.getTime() - margin);
  const to = new Date(window.to.getTime() + margin);
  const dates = simpleInstances(master, from, to) ?? master.rrule()?.between(from, to, true) ?? [];

  const occurrences: Occurrence[] = [];
  for (const date of dates) {
    const key = occurrenceKey(date);
    if (overrides.has(key) || isExcluded(master, key)) continue;
    const governing = thisAndFuture.filter((o) => compareKeys(o.recurrenceId ?? "", key) <= 0).at(-1);
    occurrences.push({
      source: governing ?? master,
      master,
      sourceKey: `${master.uid}|${key}`,
      timing: governing === undefined ? instanceTiming(master.timing, key) : shiftedTiming(master, governing, key),
      recurring: true,
    });
  }
  return occurrences;
}

/** The cheap expansion of ics-rule.ts where it applies (timed series of a simple rule), else null. */
function simpleInstances(master: ParsedEvent, from: Date, to: Date): Date[] | null {
  const timing = master.timing;
  if (master.simpleRule === null || timing.allDay) return null;
  return expandSimpleRule(master.simpleRule, timing.start, timing.zone, from, to);
}

function instanceTiming(timing: Timing, key: string): Timing {
  return timing.allDay ? { ...timing, day: key } : { ...timing, start: new Date(key) };
}

/**
 * RFC 5545 RANGE=THISANDFUTURE: later instances move by the same wall-clock shift as the override
 * and take its length. Wall clock, so a 09:00 → 10:00 move stays 10:00 across a DST change.
 */
function shiftedTiming(master: ParsedEvent, override: ParsedEvent, key: string): Timing {
  const timing = master.timing;
  const overrideTiming = override.timing;
  if (timing.allDay || overrideTiming.allDay) {
    return timing.allDay && overrideTiming.allDay
      ? { ...timing, day: addDays(key, daysBetween(override.recurrenceId ?? key, overrideTiming.day)) }
      : instanceTiming(timing, key);
  }
  const start = fromWallClockMillis(wallClockMillis(new Date(key), timing.zone) + shiftMillis(master, override), timing.zone);
  return { ...timing, start, length: overrideTiming.length };
}

function shiftMillis(master: ParsedEvent, override: ParsedEvent): number {
  const original = override.recurrenceId;
  const moved = override.timing;
  if (original === null) return 0;
  if (moved.allDay) return daysBetween(original, moved.day) * day;
  const zone = master.timing.allDay ? moved.zone : master.timing.zone;
  return wallClockMillis(moved.start, zone) - wallClockMillis(new Date(original), zone);
}

function isExcluded(master: ParsedEvent, key: string): boolean {
  const { instants, days } = master.exdates;
  if (instants.has(key) || days.has(key)) return true;
  const timing = master.timing;
  // A DATE EXDATE removes the instance on that local day; a DATE-TIME one the all-day instance of its day.
  if (!timing.allDay) return days.size > 0 && days.has(dayIn(new Date(key), timing.zone));
  return [...instants].some((instant) => dayIn(new Date(instant), timing.zone) === key);
}

function inWindow(timing: Timing, window: Window): boolean {
  const start = timing.allDay ? startOfDay(timing.day, timing.zone) : timing.start;
  return start >= window.from && start < window.to;
}

/** Keys are ISO instants or YYYY-MM-DD days; both sort chronologically as text within one kind. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two VEVENTs for the same occurrence (RFC 5545): the higher SEQUENCE wins; on a tie, the later one in the file. */
function newer(current: ParsedEvent | null, candidate: ParsedEvent): ParsedEvent {
  return current === null || candidate.sequence >= current.sequence ? candidate : current;
}

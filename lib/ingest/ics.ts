import { parseEvent, type ParsedEvent } from "./ics-event";
import { expandEvents, toRecord } from "./ics-expand";
import { scanCalendars, type CalendarBlock } from "./ics-lines";
import { canonicalZone, createZoneResolver } from "./ics-zones";
import type { Connector, ConnectorContext, SourceRecord } from "./types";

/**
 * An iCalendar (RFC 5545) file as a booking source. `fileLabel` (e.g. "rooms.ics") names the file
 * in positions ("rooms.ics line 12") and errors.
 *
 * The whole file is read before the first record is yielded, so an unparseable file throws
 * `UnparseableSourceError` with nothing yielded. Records come in file order (line of the VEVENT),
 * a series' occurrences in time order. An occurrence is inside the window when it starts at or
 * after `from` and before `to`. All-day events yield one `all-day` record per occurrence inside
 * the window. RDATE is not read (node-ical 0.26 ignores it too): only DTSTART and RRULE dates.
 */
export function icsConnector(text: string, fileLabel: string): Connector {
  return {
    async *records(context: ConnectorContext): AsyncIterable<SourceRecord> {
      yield* readRecords(text, fileLabel, context);
    },
  };
}

function readRecords(text: string, fileLabel: string, context: ConnectorContext): SourceRecord[] {
  const placed: Array<{ line: number; time: number; record: SourceRecord }> = [];
  const events: ParsedEvent[] = [];
  for (const calendar of scanCalendars(text, fileLabel)) {
    const resolveZone = createZoneResolver(calendar.timezones);
    const windowYear = context.window.to.getUTCFullYear();
    const floatingZone = floatingZoneOf(calendar, context, (tzid) => resolveZone(tzid, windowYear));
    for (const block of calendar.events) {
      const outcome = parseEvent(block, { method: calendar.method, floatingZone, resolveZone });
      if ("event" in outcome) {
        events.push(outcome.event);
      } else {
        const at = `${fileLabel} line ${block.line}`;
        placed.push({ line: block.line, time: 0, record: { kind: "rejected", at, reason: outcome.reason } });
      }
    }
  }
  for (const occurrence of expandEvents(events, context.window)) {
    const timing = occurrence.timing;
    const time = timing.allDay ? Date.parse(timing.day) : timing.start.getTime();
    placed.push({ line: occurrence.source.line, time, record: toRecord(occurrence, fileLabel) });
  }
  return placed.sort((a, b) => a.line - b.line || a.time - b.time).map((p) => p.record);
}

/** Floating times (no TZID, no Z) are local to the calendar's X-WR-TIMEZONE, else to the context's zone. */
function floatingZoneOf(
  calendar: CalendarBlock,
  context: ConnectorContext,
  resolve: (tzid: string) => string | null,
): { zone: string } | { error: string } {
  if (calendar.wrTimezone !== null) {
    const zone = resolve(calendar.wrTimezone);
    return zone === null ? { error: `unknown time zone "${calendar.wrTimezone}" (X-WR-TIMEZONE)` } : { zone };
  }
  const zone = canonicalZone(context.timeZone);
  return zone === null ? { error: `unknown time zone "${context.timeZone}" for floating times` } : { zone };
}

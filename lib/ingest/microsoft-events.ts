import { DateTime } from "luxon";
import { z } from "zod";
import { canonicalZone, createZoneResolver } from "./ics-zones";
import type { RawBooking, SourceRecord } from "./types";

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const emailAddress = z.object({ address: z.string().nullish() }).nullish();

/**
 * The event fields a booking is made of. calendarView/delta accepts no `$select`, so Graph sends
 * `subject` (which a room mailbox fills with the organizer's name), `body`, `bodyPreview` and
 * `location`; zod drops every key not listed here while parsing, so none reaches a typed value.
 */
const graphEvent = z.object({
  id: z.string().min(1),
  "@removed": z.object({ reason: z.string().optional() }).optional(),
  type: z.string().nullish(),
  seriesMasterId: z.string().nullish(),
  isCancelled: z.boolean().nullish(),
  isAllDay: z.boolean().nullish(),
  showAs: z.string().nullish(),
  sensitivity: z.string().nullish(),
  organizer: z.object({ emailAddress }).nullish(),
  attendees: z
    .array(z.object({ type: z.string().nullish(), status: z.object({ response: z.string().nullish() }).nullish(), emailAddress }))
    .nullish(),
  createdDateTime: z.string().nullish(),
  start: dateTimeTimeZone.nullish(),
  end: dateTimeTimeZone.nullish(),
});

/** Graph gives one event different ids in different mailboxes; the room's mailbox is part of the key anyway. */
export function graphSourceKey(roomEmail: string, eventId: string): string {
  return `microsoft/${roomEmail.toLowerCase()}/${eventId}`;
}

/**
 * One calendarView/delta item of a room mailbox as a record, or null for a series master (the
 * view lists its occurrences; the master itself is no meeting in time):
 * - `@removed` → cancel by key; `isCancelled` → a cancelled booking;
 * - `showAs: "free"` or the room declined → not a booking: cancel by key;
 * - `isAllDay` → `all-day`; `sensitivity` private or confidential → occupancy only.
 */
export function toGraphRecord(item: unknown, roomEmail: string, at: string): SourceRecord | null {
  const parsed = graphEvent.safeParse(item);
  if (!parsed.success) {
    return { kind: "rejected", at, reason: `not a Graph event (${parsed.error.issues.map((i) => i.path.join(".") || "item").join(", ")})` };
  }
  const event = parsed.data;
  const sourceKey = graphSourceKey(roomEmail, event.id);
  if (event["@removed"]) return { kind: "cancel", at, sourceKey };
  if (event.type === "seriesMaster") return null;
  const room = event.attendees?.find((a) => a.type === "resource" && sameAddress(a.emailAddress?.address, roomEmail));
  if (event.showAs === "free" || room?.status?.response === "declined") return { kind: "cancel", at, sourceKey };
  if (event.isAllDay) return { kind: "all-day", at };

  const start = parseGraphTime(event.start);
  const end = parseGraphTime(event.end);
  if (start === null || end === null) return { kind: "rejected", at, reason: "start or end is missing, or in an unknown time zone" };
  const organizer = event.organizer?.emailAddress?.address ?? null;
  const booking: RawBooking = {
    kind: "booking",
    at,
    sourceKey,
    rooms: [{ kind: "resource", email: roomEmail }],
    start,
    end,
    status: event.isCancelled ? "cancelled" : "confirmed",
    // A booking made in the room's own mailbox names the room as organizer: that is nobody.
    organizerEmail: organizer && !sameAddress(organizer, roomEmail) ? organizer : null,
    attendeeEmails: (event.attendees ?? []).flatMap((a) =>
      a.type !== "resource" && a.status?.response !== "declined" && a.emailAddress?.address ? [a.emailAddress.address] : [],
    ),
    attendeeCount: null,
    bookedAt: parseInstant(event.createdDateTime),
    checkedInAt: null,
    recurring: event.type === "occurrence" || event.type === "exception" || Boolean(event.seriesMasterId),
    private: event.sensitivity === "private" || event.sensitivity === "confidential",
  };
  return booking;
}

const windowsZones = createZoneResolver([]);
const UTC_NAMES = /^(utc|etc\/utc|gmt|coordinated universal time|tzone:\/\/microsoft\/utc)$/i;

/**
 * A Graph `dateTimeTimeZone`: a local time without offset ("2026-03-02T09:00:00.0000000") and the
 * zone it is in. Graph answers in UTC unless asked otherwise (`Prefer: outlook.timezone`), but the
 * zone may be an IANA or a Windows name ("W. Europe Standard Time"), so it is always applied.
 */
export function parseGraphTime(value: { dateTime: string; timeZone?: string | null } | null | undefined): Date | null {
  if (!value) return null;
  const name = value.timeZone?.trim() || "UTC";
  const zone = UTC_NAMES.test(name) ? "UTC" : (canonicalZone(name) ?? windowsZones(name, Number(value.dateTime.slice(0, 4))));
  if (zone === null) return null;
  const time = DateTime.fromISO(value.dateTime, { zone });
  return time.isValid ? time.toJSDate() : null;
}

function parseInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = DateTime.fromISO(value, { zone: "UTC" });
  return time.isValid ? time.toJSDate() : null;
}

function sameAddress(a: string | null | undefined, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

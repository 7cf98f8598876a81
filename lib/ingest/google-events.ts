import { DateTime } from "luxon";
import { z } from "zod";
import type { RawBooking, SourceRecord } from "./types";

const when = z.object({ dateTime: z.string().optional(), date: z.string().optional(), timeZone: z.string().optional() });
const attendee = z.object({
  email: z.string().optional(),
  self: z.boolean().optional(),
  resource: z.boolean().optional(),
  responseStatus: z.string().optional(),
});

/**
 * The event fields a booking is made of. zod drops every other key while parsing, so `summary`,
 * `description` and `location` never reach a typed value (and the request's `fields` parameter
 * asks Google not to send them at all).
 */
const googleEvent = z.object({
  id: z.string().min(1),
  status: z.string().optional(),
  recurringEventId: z.string().optional(),
  start: when.optional(),
  end: when.optional(),
  created: z.string().optional(),
  visibility: z.string().optional(),
  organizer: z.object({ email: z.string().optional(), self: z.boolean().optional() }).optional(),
  attendees: z.array(attendee).optional(),
});

/** Partial response: what `googleEvent` reads, plus the paging fields. */
export const GOOGLE_EVENT_FIELDS =
  "nextPageToken,nextSyncToken,items(id,status,recurringEventId,originalStartTime,start,end,created,visibility," +
  "organizer(email,self),attendees(email,self,resource,responseStatus))";

/** A booking's key: Google gives an event the same id on every calendar it is on, so the room's calendar is part of it. */
export function googleSourceKey(calendarId: string, eventId: string): string {
  return `google/${calendarId.toLowerCase()}/${eventId}`;
}

/**
 * One `events.list` item on a room's calendar as a record:
 * - `status: "cancelled"` with times → a cancelled booking; a bare stub (id, recurringEventId,
 *   originalStartTime) → cancel by key;
 * - the room declined (its attendee entry, `self` on its own calendar) → not a booking: cancel by key;
 * - an all-day event → `all-day`; `visibility` private or confidential → occupancy only.
 */
export function toGoogleRecord(item: unknown, calendarId: string, at: string): SourceRecord {
  const parsed = googleEvent.safeParse(item);
  if (!parsed.success) {
    return { kind: "rejected", at, reason: `not a Google event (${parsed.error.issues.map((i) => i.path.join(".") || "item").join(", ")})` };
  }
  const event = parsed.data;
  const sourceKey = googleSourceKey(calendarId, event.id);
  const cancelled = event.status === "cancelled";
  if (cancelled && !(event.start?.dateTime && event.end?.dateTime)) return { kind: "cancel", at, sourceKey };

  const room = event.attendees?.find((a) => a.resource === true && (a.self === true || sameAddress(a.email, calendarId)));
  if (room?.responseStatus === "declined") return { kind: "cancel", at, sourceKey };
  if (event.start?.date !== undefined || event.end?.date !== undefined) return { kind: "all-day", at };

  const start = parseGoogleTime(event.start);
  const end = parseGoogleTime(event.end);
  if (start === null || end === null) return { kind: "rejected", at, reason: "start or end is missing or not a valid RFC 3339 time" };

  const organizer = event.organizer?.email;
  const booking: RawBooking = {
    kind: "booking",
    at,
    sourceKey,
    rooms: [{ kind: "resource", email: calendarId }],
    start,
    end,
    status: cancelled ? "cancelled" : "confirmed",
    // An event created on the room's own calendar has the room as organizer: that is nobody.
    organizerEmail: organizer && !event.organizer?.self && !sameAddress(organizer, calendarId) ? organizer : null,
    attendeeEmails: (event.attendees ?? []).flatMap((a) =>
      a.resource !== true && a.responseStatus !== "declined" && a.email ? [a.email] : [],
    ),
    attendeeCount: null,
    bookedAt: parseInstant(event.created),
    checkedInAt: null,
    recurring: event.recurringEventId !== undefined,
    private: event.visibility === "private" || event.visibility === "confidential",
  };
  return booking;
}

/** RFC 3339 with an offset as Google sends it; `timeZone` only matters if the offset were missing. */
export function parseGoogleTime(value: z.infer<typeof when> | undefined): Date | null {
  if (!value?.dateTime) return null;
  const time = DateTime.fromISO(value.dateTime, { zone: value.timeZone ?? "UTC" });
  return time.isValid ? time.toJSDate() : null;
}

function parseInstant(value: string | undefined): Date | null {
  if (!value) return null;
  const time = DateTime.fromISO(value, { zone: "UTC" });
  return time.isValid ? time.toJSDate() : null;
}

function sameAddress(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

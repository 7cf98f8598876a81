import { describe, expect, it } from "vitest";
import { googleSourceKey, toGoogleRecord } from "@/lib/ingest/google-events";

const ROOM = "c_orion@resource.calendar.google.com";
const event = (fields: Record<string, unknown> = {}) => ({
  id: "evt1",
  status: "confirmed",
  summary: "Alice's performance review",
  description: "private notes",
  location: "Orion",
  start: { dateTime: "2026-03-02T09:00:00+01:00" },
  end: { dateTime: "2026-03-02T10:00:00+01:00" },
  created: "2026-02-20T08:00:00.000Z",
  organizer: { email: "alice@example.com" },
  attendees: [
    { email: "alice@example.com", responseStatus: "accepted", organizer: true },
    { email: "bob@example.com", responseStatus: "needsAction" },
    { email: "carl@example.com", responseStatus: "declined" },
    { email: ROOM, resource: true, self: true, responseStatus: "accepted" },
  ],
  ...fields,
});
const record = (fields: Record<string, unknown> = {}) => toGoogleRecord(event(fields), ROOM, "here");

describe("Google event → record", () => {
  it("keeps times, people for the gate and the created time, and nothing of the title", () => {
    const booking = record();
    expect(booking).toEqual({
      kind: "booking",
      at: "here",
      sourceKey: googleSourceKey(ROOM, "evt1"),
      rooms: [{ kind: "resource", email: ROOM }],
      start: new Date("2026-03-02T08:00:00Z"),
      end: new Date("2026-03-02T09:00:00Z"),
      status: "confirmed",
      organizerEmail: "alice@example.com",
      attendeeEmails: ["alice@example.com", "bob@example.com"],
      attendeeCount: null,
      bookedAt: new Date("2026-02-20T08:00:00Z"),
      checkedInAt: null,
      recurring: false,
      private: false,
    });
    expect(JSON.stringify(booking)).not.toMatch(/review|private notes|Orion"/);
  });

  it("keys an event per room calendar: the same event in two rooms is two bookings", () => {
    expect(googleSourceKey(ROOM, "evt1")).not.toBe(googleSourceKey("c_lyra@resource.calendar.google.com", "evt1"));
  });

  it("turns a cancelled stub into a cancel by key, and a cancelled event with times into a cancelled booking", () => {
    const stub = toGoogleRecord({ id: "evt1_20260302T080000Z", status: "cancelled", recurringEventId: "evt1", originalStartTime: { dateTime: "2026-03-02T09:00:00+01:00" } }, ROOM, "here");
    expect(stub).toEqual({ kind: "cancel", at: "here", sourceKey: googleSourceKey(ROOM, "evt1_20260302T080000Z") });
    expect(record({ status: "cancelled" })).toMatchObject({ kind: "booking", status: "cancelled" });
  });

  it("treats the room's own decline as no booking, found by self or by its address", () => {
    const declined = (room: Record<string, unknown>) => record({ attendees: [{ email: ROOM, resource: true, responseStatus: "declined", ...room }] });
    expect(declined({ self: true })).toMatchObject({ kind: "cancel" });
    expect(declined({ email: ROOM.toUpperCase() })).toMatchObject({ kind: "cancel" });
    // Another room declining does not un-book this one.
    expect(record({ attendees: [{ email: "c_lyra@resource.calendar.google.com", resource: true, responseStatus: "declined" }] })).toMatchObject({ kind: "booking" });
  });

  it("marks private and confidential events, recurring instances and all-day events", () => {
    expect(record({ visibility: "private" })).toMatchObject({ private: true });
    expect(record({ visibility: "confidential" })).toMatchObject({ private: true });
    expect(record({ visibility: "public" })).toMatchObject({ private: false });
    expect(record({ recurringEventId: "series" })).toMatchObject({ recurring: true });
    expect(record({ start: { date: "2026-03-02" }, end: { date: "2026-03-03" } })).toEqual({ kind: "all-day", at: "here" });
  });

  it("does not take the room for the organizer of an event made on its own calendar", () => {
    expect(record({ organizer: { email: ROOM, self: true } })).toMatchObject({ organizerEmail: null });
  });

  it("uses the event's timeZone only when the time carries no offset", () => {
    expect(record({ start: { dateTime: "2026-07-01T09:00:00", timeZone: "Europe/Berlin" }, end: { dateTime: "2026-07-01T10:00:00Z" } })).toMatchObject({
      start: new Date("2026-07-01T07:00:00Z"),
    });
  });

  it("rejects what it cannot read, naming the field but not its value", () => {
    expect(toGoogleRecord({ status: "confirmed" }, ROOM, "here")).toEqual({ kind: "rejected", at: "here", reason: "not a Google event (id)" });
    expect(record({ start: { dateTime: "soon" } })).toMatchObject({ kind: "rejected", reason: expect.stringMatching(/not a valid RFC 3339/) });
  });
});

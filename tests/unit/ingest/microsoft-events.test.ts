import { describe, expect, it } from "vitest";
import { graphSourceKey, parseGraphTime, toGraphRecord } from "@/lib/ingest/microsoft-events";
import { retryAfterMs } from "@/lib/ingest/microsoft-http";

const ROOM = "orion@contoso.com";
const event = (fields: Record<string, unknown> = {}) => ({
  id: "AAMkAD1",
  subject: "Alice Zeta",
  bodyPreview: "Alice's salary",
  location: { displayName: "Orion" },
  type: "singleInstance",
  isCancelled: false,
  isAllDay: false,
  showAs: "busy",
  sensitivity: "normal",
  createdDateTime: "2026-02-20T08:00:00.1234567Z",
  start: { dateTime: "2026-03-02T09:00:00.0000000", timeZone: "UTC" },
  end: { dateTime: "2026-03-02T10:00:00.0000000", timeZone: "UTC" },
  organizer: { emailAddress: { name: "Alice Zeta", address: "alice@contoso.com" } },
  attendees: [
    { type: "required", status: { response: "accepted" }, emailAddress: { address: "bob@contoso.com" } },
    { type: "optional", status: { response: "declined" }, emailAddress: { address: "carl@contoso.com" } },
    { type: "resource", status: { response: "accepted" }, emailAddress: { address: ROOM } },
  ],
  ...fields,
});
const record = (fields: Record<string, unknown> = {}) => toGraphRecord(event(fields), ROOM, "here");

describe("Graph event → record", () => {
  it("keeps times, people for the gate and the created time, and never the subject", () => {
    const booking = record();
    expect(booking).toMatchObject({
      kind: "booking",
      sourceKey: graphSourceKey(ROOM, "AAMkAD1"),
      rooms: [{ kind: "resource", email: ROOM }],
      start: new Date("2026-03-02T09:00:00Z"),
      organizerEmail: "alice@contoso.com",
      attendeeEmails: ["bob@contoso.com"],
      bookedAt: new Date("2026-02-20T08:00:00.123Z"),
      status: "confirmed",
    });
    expect(JSON.stringify(booking)).not.toMatch(/Alice Zeta|salary|"Orion"/);
  });

  it("maps removed, cancelled, free, declined, master, all-day and private events", () => {
    expect(toGraphRecord({ id: "x", "@removed": { reason: "deleted" } }, ROOM, "here")).toEqual({ kind: "cancel", at: "here", sourceKey: graphSourceKey(ROOM, "x") });
    expect(record({ isCancelled: true })).toMatchObject({ kind: "booking", status: "cancelled" });
    expect(record({ showAs: "free" })).toMatchObject({ kind: "cancel" });
    expect(record({ attendees: [{ type: "resource", status: { response: "declined" }, emailAddress: { address: "ORION@contoso.com" } }] })).toMatchObject({ kind: "cancel" });
    expect(record({ type: "seriesMaster" })).toBeNull();
    expect(record({ isAllDay: true })).toEqual({ kind: "all-day", at: "here" });
    expect(record({ sensitivity: "confidential" })).toMatchObject({ private: true });
    expect(record({ sensitivity: "personal" })).toMatchObject({ private: false });
    expect(record({ type: "occurrence", seriesMasterId: "AAMkSM" })).toMatchObject({ recurring: true });
    expect(record({ organizer: { emailAddress: { address: ROOM } } })).toMatchObject({ organizerEmail: null });
  });

  it("applies the event's time zone: UTC by default, IANA or Windows names otherwise", () => {
    expect(parseGraphTime({ dateTime: "2026-03-02T09:00:00.0000000", timeZone: "UTC" })).toEqual(new Date("2026-03-02T09:00:00Z"));
    expect(parseGraphTime({ dateTime: "2026-03-02T09:00:00.0000000", timeZone: null })).toEqual(new Date("2026-03-02T09:00:00Z"));
    expect(parseGraphTime({ dateTime: "2026-07-01T09:00:00.0000000", timeZone: "W. Europe Standard Time" })).toEqual(new Date("2026-07-01T07:00:00Z"));
    expect(parseGraphTime({ dateTime: "2026-07-01T09:00:00.0000000", timeZone: "America/New_York" })).toEqual(new Date("2026-07-01T13:00:00Z"));
    expect(parseGraphTime({ dateTime: "2026-07-01T09:00:00.0000000", timeZone: "Nowhere Standard Time" })).toBeNull();
  });
});

describe("Retry-After", () => {
  it("reads seconds, an HTTP date, or nothing", () => {
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:10 GMT", Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});

import fs from "node:fs";
import path from "node:path";
import ical from "node-ical";
import type { VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { UnparseableSourceError } from "@/lib/errors";
import { icsConnector } from "@/lib/ingest/ics";
import type { ConnectorContext, RawBooking, Rejected, SourceRecord } from "@/lib/ingest/types";

// Expected instants are written in UTC, converted by hand from the fixture's local times.
// The suite runs with TZ=America/New_York (vitest.config.ts): node-ical's zone bugs only show off UTC.

const fixtureDir = path.join(import.meta.dirname, "../../fixtures/ics");
const fixture = (file: string) => fs.readFileSync(path.join(fixtureDir, file), "utf8");

const context: ConnectorContext = {
  window: { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2026-01-01T00:00:00Z") },
  // Deliberately neither the host zone nor UTC, so a floating time read in the wrong zone shows.
  timeZone: "Europe/Lisbon",
  defaultRoom: null,
};

async function read(file: string, overrides: Partial<ConnectorContext> = {}): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of icsConnector(fixture(file), file).records({ ...context, ...overrides })) {
    records.push(record);
  }
  return records;
}

const bookings = (records: SourceRecord[]) => records.filter((r): r is RawBooking => r.kind === "booking");
const rejections = (records: SourceRecord[]) => records.filter((r): r is Rejected => r.kind === "rejected");

/** [sourceKey, start, end] of every booking, for compact expectations. */
const times = (records: SourceRecord[]) =>
  bookings(records).map((b) => [b.sourceKey, b.start.toISOString(), b.end.toISOString()]);

function booking(records: SourceRecord[], sourceKey: string): RawBooking {
  const found = bookings(records).find((b) => b.sourceKey === sourceKey);
  if (found === undefined) throw new Error(`no booking ${sourceKey}`);
  return found;
}

it("runs in a zone with DST that is not UTC", () => {
  // 2025-01-01 local midnight in New York is 05:00Z (EST, UTC-5).
  expect(new Date(2025, 0, 1).getTimezoneOffset()).toBe(300);
});

describe("recurrence", () => {
  it("expands a weekly series and leaves out its EXDATE", async () => {
    const records = await read("recurrence-exdate.ics");
    // Berlin is UTC+1 until 30 March: 10:00 local = 09:00Z. 10 March is excluded.
    expect(times(records).filter(([key]) => key?.startsWith("weekly-berlin"))).toEqual([
      ["weekly-berlin@example.test|2025-03-03T09:00:00.000Z", "2025-03-03T09:00:00.000Z", "2025-03-03T10:00:00.000Z"],
      ["weekly-berlin@example.test|2025-03-17T09:00:00.000Z", "2025-03-17T09:00:00.000Z", "2025-03-17T10:00:00.000Z"],
      ["weekly-berlin@example.test|2025-03-24T09:00:00.000Z", "2025-03-24T09:00:00.000Z", "2025-03-24T10:00:00.000Z"],
    ]);
    expect(bookings(records).every((b) => b.recurring && b.at.startsWith("recurrence-exdate.ics line "))).toBe(true);
  });

  it("removes the instance on the local day of a DATE EXDATE, not the UTC day", async () => {
    // 21:00 EDT = 01:00Z the next day. EXDATE;VALUE=DATE:20250311 removes 11 March 21:00 local (12 March 01:00Z).
    const records = await read("recurrence-exdate.ics");
    expect(times(records).filter(([key]) => key?.startsWith("evening-newyork")).map(([, start]) => start)).toEqual([
      "2025-03-11T01:00:00.000Z",
      "2025-03-13T01:00:00.000Z",
    ]);
  });

  it("lets a RECURRENCE-ID override replace its instance under the same key, at the new time", async () => {
    const records = await read("override-move.ics");
    expect(bookings(records)).toHaveLength(5);
    const moved = booking(records, "daily@example.test|2025-04-09T14:00:00.000Z");
    expect([moved.start.toISOString(), moved.end.toISOString()]).toEqual(["2025-04-09T16:00:00.000Z", "2025-04-09T17:00:00.000Z"]);
    expect(moved).toMatchObject({ at: "override-move.ics line 12", recurring: true, status: "confirmed" });
    // The generated 14:00Z instance of 9 April is gone: only the moved one carries that day.
    expect(bookings(records).filter((b) => b.start.toISOString().startsWith("2025-04-09"))).toHaveLength(1);
  });

  it("marks a cancelled override instance cancelled and keeps the rest confirmed", async () => {
    const records = await read("override-move.ics");
    expect(booking(records, "daily@example.test|2025-04-10T14:00:00.000Z").status).toBe("cancelled");
    expect(bookings(records).filter((b) => b.status === "cancelled")).toHaveLength(1);
  });

  it("applies RANGE=THISANDFUTURE to the instance and every later one, keeping their keys", async () => {
    // Tuesdays 09:00 New York from 25 Feb, 6 times. On 4 March the series moves to 10:30–11:00 from then on;
    // 25 March alone moves to 16:00–16:30. DST starts 9 March: EST = UTC-5, EDT = UTC-4.
    const records = await read("thisandfuture.ics");
    expect(times(records)).toEqual([
      ["tuesday@example.test|2025-02-25T14:00:00.000Z", "2025-02-25T14:00:00.000Z", "2025-02-25T15:00:00.000Z"],
      ["tuesday@example.test|2025-03-04T14:00:00.000Z", "2025-03-04T15:30:00.000Z", "2025-03-04T16:00:00.000Z"],
      ["tuesday@example.test|2025-03-11T13:00:00.000Z", "2025-03-11T14:30:00.000Z", "2025-03-11T15:00:00.000Z"],
      ["tuesday@example.test|2025-03-18T13:00:00.000Z", "2025-03-18T14:30:00.000Z", "2025-03-18T15:00:00.000Z"],
      ["tuesday@example.test|2025-04-01T13:00:00.000Z", "2025-04-01T14:30:00.000Z", "2025-04-01T15:00:00.000Z"],
      ["tuesday@example.test|2025-03-25T13:00:00.000Z", "2025-03-25T20:00:00.000Z", "2025-03-25T20:30:00.000Z"],
    ]);
    // Instances after the split carry the override's position; the series was booked when the master was created.
    expect(booking(records, "tuesday@example.test|2025-03-18T13:00:00.000Z")).toMatchObject({
      at: "thisandfuture.ics line 13",
      bookedAt: new Date("2025-02-01T12:00:00Z"),
      recurring: true,
    });
  });

  it("keeps the local time of a weekly series across DST changes", async () => {
    const records = await read("dst-until.ics");
    const starts = (prefix: string) =>
      bookings(records).filter((b) => b.sourceKey.startsWith(prefix)).map((b) => b.start.toISOString());
    // 09:00 Berlin: CET (UTC+1) until 30 March, then CEST (UTC+2).
    expect(starts("berlin-spring")).toEqual([
      "2025-03-17T08:00:00.000Z",
      "2025-03-24T08:00:00.000Z",
      "2025-03-31T07:00:00.000Z",
      "2025-04-07T07:00:00.000Z",
    ]);
    // 09:00 New York: EDT (UTC-4) until 2 November, then EST (UTC-5).
    expect(starts("newyork-autumn")).toEqual(["2025-10-27T13:00:00.000Z", "2025-11-03T14:00:00.000Z", "2025-11-10T14:00:00.000Z"]);
  });

  it("reads a DATE UNTIL as the whole local day and a DATE-TIME UNTIL as an exact instant", async () => {
    const records = await read("dst-until.ics");
    const starts = (prefix: string) =>
      bookings(records).filter((b) => b.sourceKey.startsWith(`${prefix}@`)).map((b) => b.start.toISOString());
    // Daily 21:00 Los Angeles (PDT, UTC-7) from 5 May = 04:00Z the next day. UNTIL=20250507 includes 7 May.
    expect(starts("until-date")).toEqual(["2025-05-06T04:00:00.000Z", "2025-05-07T04:00:00.000Z", "2025-05-08T04:00:00.000Z"]);
    // UNTIL=20250507T040000Z is 6 May 21:00 PDT, the last instance. (UNTIL comes before FREQ in this RRULE.)
    expect(starts("until-date-time")).toEqual(["2025-05-06T04:00:00.000Z", "2025-05-07T04:00:00.000Z"]);
  });

  it("adds DURATION days as calendar days across a DST change", async () => {
    // 8 March 09:00 EST (14:00Z) + P1D = 9 March 09:00 EDT (13:00Z): 23 hours.
    const event = booking(await read("dst-until.ics"), "one-day-duration@example.test");
    expect([event.start.toISOString(), event.end.toISOString()]).toEqual(["2025-03-08T14:00:00.000Z", "2025-03-09T13:00:00.000Z"]);
  });
});

describe("cancellation", () => {
  it("marks STATUS:CANCELLED events cancelled", async () => {
    const records = await read("cancelled.ics");
    expect(booking(records, "called-off@example.test").status).toBe("cancelled");
    expect(booking(records, "still-on@example.test").status).toBe("confirmed");
  });

  it("marks every event of a METHOD:CANCEL calendar cancelled, series included", async () => {
    const records = await read("cancelled.ics");
    expect(bookings(records).filter((b) => b.sourceKey.startsWith("cancel-series@")).map((b) => b.status)).toEqual([
      "cancelled",
      "cancelled",
    ]);
  });

  it("lets the CANCEL with the higher SEQUENCE replace the earlier REQUEST of the same UID", async () => {
    const revoked = bookings(await read("cancelled.ics")).filter((b) => b.sourceKey === "revoked@example.test");
    expect(revoked).toEqual([expect.objectContaining({ status: "cancelled", at: "cancelled.ics line 38" })]);
  });
});

describe("time zones", () => {
  const start = async (uid: string) => booking(await read("zones.ics"), `${uid}@example.test`).start.toISOString();

  it("reads a zone defined only by a VTIMEZONE with a custom TZID", async () => {
    // "Office Time" follows EU rules: 09:00 is 08:00Z in January (+01:00) and 07:00Z in July (+02:00).
    expect(await start("vtimezone-winter")).toBe("2025-01-15T08:00:00.000Z");
    expect(await start("vtimezone-summer")).toBe("2025-07-01T07:00:00.000Z");
    // "Sydney Office": southern hemisphere, +11:00 in January, +10:00 in June.
    expect(await start("vtimezone-sydney-january")).toBe("2025-01-14T22:00:00.000Z");
    expect(await start("vtimezone-sydney-june")).toBe("2025-06-15T23:00:00.000Z");
    // "India Office": fixed +05:30.
    expect(await start("vtimezone-india")).toBe("2025-06-02T03:30:00.000Z");
  });

  it("maps Windows zone names without a VTIMEZONE, quoted or not", async () => {
    // W. Europe Standard Time = Europe/Berlin (CEST, +2); Pacific Standard Time = America/Los_Angeles (PDT, -7).
    expect(await start("windows-europe")).toBe("2025-06-02T07:00:00.000Z");
    expect(await start("windows-pacific")).toBe("2025-06-02T16:00:00.000Z");
    // Outlook's display label for America/New_York (EDT, -4).
    expect(await start("outlook-label")).toBe("2025-06-02T13:00:00.000Z");
  });

  it("resolves an IANA TZID without a VTIMEZONE", async () => {
    expect(await start("iana-tokyo")).toBe("2025-06-02T00:00:00.000Z"); // 09:00 JST (+9)
  });

  it("reads floating times in the context's zone, not the host's", async () => {
    expect(await start("floating")).toBe("2025-06-02T08:00:00.000Z"); // 09:00 Lisbon summer time (+1)
  });

  it("reads floating times in the calendar's X-WR-TIMEZONE when it has one", async () => {
    const records = await read("multi-calendar.ics");
    expect(booking(records, "first-calendar@example.test").start.toISOString()).toBe("2025-06-02T00:00:00.000Z"); // Tokyo
    expect(booking(records, "third-calendar@example.test").start.toISOString()).toBe("2025-06-02T16:00:00.000Z"); // Pacific
  });

  it("rejects an unknown TZID instead of guessing", async () => {
    expect(rejections(await read("zones.ics"))).toEqual([
      { kind: "rejected", at: "zones.ics line 96", reason: 'unknown time zone "Mars/Olympus_Mons" (DTSTART TZID, line 99)' },
    ]);
  });
});

describe("file structure", () => {
  it("unfolds folded lines, including a folded ORGANIZER and ATTENDEE, and counts lines in the folded text", async () => {
    const records = await read("folded.ics"); // CRLF line endings
    const folded = booking(records, "folded-organizer@example.test");
    expect(folded).toMatchObject({
      at: "folded.ics line 4",
      organizerEmail: "first.last@example.test",
      attendeeEmails: ["alex@example.test"],
      rooms: [{ kind: "resource", email: "boardroom@rooms.example.test" }],
    });
    expect(folded.start.toISOString()).toBe("2025-06-04T07:00:00.000Z"); // folded TZID: Europe/Berlin, +2
    expect(booking(records, "after-folds@example.test").at).toBe("folded.ics line 21");
  });

  it("accepts a UTF-8 byte-order mark before BEGIN:VCALENDAR", async () => {
    const records: SourceRecord[] = [];
    for await (const record of icsConnector(`\uFEFF${fixture("cancelled.ics")}`, "bom.ics").records(context)) {
      records.push(record);
    }
    expect(bookings(records)).toHaveLength(5);
  });

  it("reads every VCALENDAR of a file with several", async () => {
    const records = await read("multi-calendar.ics");
    expect(times(records)).toEqual([
      ["first-calendar@example.test", "2025-06-02T00:00:00.000Z", "2025-06-02T01:00:00.000Z"],
      ["second-calendar@example.test", "2025-06-02T08:00:00.000Z", "2025-06-02T09:00:00.000Z"], // Lisbon, +1
      ["third-calendar@example.test", "2025-06-02T16:00:00.000Z", "2025-06-02T16:45:00.000Z"], // DURATION:PT45M
    ]);
    expect(records.map((r) => r.at)).toEqual(["multi-calendar.ics line 5", "multi-calendar.ics line 15", "multi-calendar.ics line 26"]);
  });
});

describe("what a booking says", () => {
  it("yields one all-day record per occurrence inside the window, and no booking", async () => {
    const records = await read("all-day.ics");
    // Offsite once; the daily series 16–20 June without 18 June; the 2024 event is outside the window.
    expect(records).toEqual([
      { kind: "all-day", at: "all-day.ics line 4" },
      ...Array.from({ length: 4 }, () => ({ kind: "all-day", at: "all-day.ics line 11" })),
    ]);
  });

  it("takes room hints from CUTYPE=ROOM/RESOURCE attendees and LOCATION, and counts only other, non-declined attendees", async () => {
    const event = booking(await read("attendees.ics"), "with-room@example.test");
    expect(event).toMatchObject({
      at: "attendees.ics line 4",
      // The declined RESOURCE is no hint: that room did not accept the booking.
      rooms: [
        { kind: "resource", email: "blue@rooms.example.test" },
        { kind: "location", text: "Room Blue, 2nd floor" },
      ],
      organizerEmail: "organizer@example.test",
      attendeeEmails: ["organizer@example.test", "maybe@example.test", "urn-user@example.test"],
      attendeeCount: null,
      bookedAt: new Date("2025-02-15T08:30:00Z"), // CREATED, not DTSTAMP
      checkedInAt: null,
      recurring: false,
      private: true,
      status: "confirmed",
    });
  });

  it("still yields a booking whose only room declined, with no room hint", async () => {
    const records = await read("attendees.ics");
    expect(booking(records, "declined-room-only@example.test")).toMatchObject({ rooms: [], attendeeEmails: [], private: true });
  });

  it("has no attendee list without ATTENDEE lines and is not private when PUBLIC", async () => {
    const event = booking(await read("attendees.ics"), "no-attendees@example.test");
    expect(event).toMatchObject({ attendeeEmails: null, organizerEmail: null, bookedAt: null, private: false });
  });
});

describe("window", () => {
  const june10to13 = { window: { from: new Date("2025-06-10T00:00:00Z"), to: new Date("2025-06-13T00:00:00Z") } };

  it("yields only occurrences starting inside the window, moved overrides by their new time", async () => {
    const records = await read("window.ics", june10to13);
    expect(times(records)).toEqual([
      ["endless-daily@example.test|2025-06-10T09:00:00.000Z", "2025-06-10T09:00:00.000Z", "2025-06-10T10:00:00.000Z"],
      ["endless-daily@example.test|2025-06-11T09:00:00.000Z", "2025-06-11T09:00:00.000Z", "2025-06-11T10:00:00.000Z"],
      // 20 June moved into the window; 12 June moved out of it (to 25 June).
      ["endless-daily@example.test|2025-06-20T09:00:00.000Z", "2025-06-11T15:00:00.000Z", "2025-06-11T16:00:00.000Z"],
      // The window includes its start and excludes its end.
      ["single-inside@example.test", "2025-06-10T00:00:00.000Z", "2025-06-10T01:00:00.000Z"],
    ]);
  });
});

describe("bad input", () => {
  it("rejects broken events with a reason and the line of their BEGIN:VEVENT, and keeps the good ones", async () => {
    const records = await read("rejected.ics");
    expect(rejections(records)).toEqual([
      { kind: "rejected", at: "rejected.ics line 4", reason: "no DTSTART" },
      { kind: "rejected", at: "rejected.ics line 10", reason: "ends before it starts" },
      { kind: "rejected", at: "rejected.ics line 16", reason: 'unknown time zone "Atlantis/Central" (DTSTART TZID, line 19)' },
      { kind: "rejected", at: "rejected.ics line 22", reason: "no end (DTEND or DURATION)" },
      { kind: "rejected", at: "rejected.ics line 33", reason: "ends before it starts" }, // DURATION:-PT30M
      { kind: "rejected", at: "rejected.ics line 39", reason: "no UID, so the event has no stable key" },
      { kind: "rejected", at: "rejected.ics line 44", reason: "line 48 is not a valid iCalendar line" },
      { kind: "rejected", at: "rejected.ics line 51", reason: "DTSTART is not a valid date (line 54)" },
      // node-ical would put this in the host's zone; without its VTIMEZONE it names no zone.
      { kind: "rejected", at: "rejected.ics line 57", reason: 'unknown time zone "Customized Time Zone" (DTSTART TZID, line 60)' },
    ]);
    expect(times(records)).toEqual([
      ["with-duration@example.test", "2025-06-02T09:00:00.000Z", "2025-06-02T09:45:00.000Z"],
      ["fine@example.test", "2025-06-02T09:00:00.000Z", "2025-06-02T09:30:00.000Z"],
    ]);
  });

  // cancelled.ics has 54 lines: VCALENDARs at 1–20, 21–33 and 34–54; its first VEVENT spans 4–11.
  const valid = fixture("cancelled.ics");
  const unreadable: Array<[string, string, string]> = [
    ["binary data", `\u0000\u0001PK\u0003\u0004${valid}`, "bad.ics: not a text calendar (binary data)"],
    ["no VCALENDAR", "Subject: hello\r\n\r\nnot a calendar\r\n", "bad.ics line 1: no BEGIN:VCALENDAR found: not an iCalendar file"],
    [
      // Lines 10–11 removed: the next BEGIN:VEVENT nests inside the open one, and END:VCALENDAR moves up to 18.
      "a VEVENT never closed",
      valid.replace("STATUS:CANCELLED\nSUMMARY:Called off\nEND:VEVENT\n", "STATUS:CANCELLED\n"),
      "bad.ics line 18: END:VCALENDAR does not close BEGIN:VEVENT (line 4)",
    ],
    ["a truncated file", valid.slice(0, valid.lastIndexOf("END:VCALENDAR")), "bad.ics line 34: BEGIN:VCALENDAR is never closed (file truncated?)"],
    ["text after the calendar", `${valid}garbage`, "bad.ics line 55: text outside BEGIN:VCALENDAR … END:VCALENDAR"],
  ];

  it.each(unreadable)("throws UnparseableSourceError before yielding anything: %s", async (_, text, message) => {
    const iterator = icsConnector(text, "bad.ics").records(context)[Symbol.asyncIterator]();
    const first = iterator.next();
    await expect(first).rejects.toThrow(UnparseableSourceError);
    await expect(first).rejects.toThrow(message);
  });
});

describe("privacy", () => {
  it("never puts SUMMARY, DESCRIPTION, COMMENT or alarm text into any record", async () => {
    const records = await read("privacy.ics");
    expect(records.map((r) => r.kind)).toEqual(["booking", "rejected"]);
    const json = JSON.stringify(records);
    for (const secret of [
      "Quarterly layoffs",
      "Jordan Secretname", // also the organizer's CN, which is never read either
      "salary review",
      "the numbers",
      "Sensitive-comment-marker",
      "Html-description-marker",
      "Alarm-description-marker",
      "Rejected-title-marker",
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it("puts no e-mail address into a rejection reason", async () => {
    const reasons = rejections(await read("rejected.ics")).map((r) => r.reason);
    expect(reasons.join("\n")).not.toContain("@");
  });
});

/**
 * What node-ical 0.26.1 does with these fixtures by itself, which is why the connector splits
 * calendars, resolves zones, and handles EXDATE, overrides and THISANDFUTURE on its own. If an
 * upgrade fixes one of these, the matching workaround can go.
 */
describe("node-ical 0.26.1 behaviour worked around", () => {
  const events = (text: string) =>
    Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
  const only = (text: string, uid: string) => {
    const found = events(text).find((e) => e.uid === uid);
    if (found === undefined) throw new Error(`no ${uid}`);
    return found;
  };
  const march = { from: new Date("2025-03-01T00:00:00Z"), to: new Date("2025-04-30T00:00:00Z") };

  it("keeps only the last VCALENDAR of a file", () => {
    expect(events(fixture("multi-calendar.ics")).map((e) => e.uid)).toEqual(["third-calendar@example.test"]);
  });

  it("reads floating times in the host's zone and ignores X-WR-TIMEZONE", () => {
    const firstCalendar = fixture("multi-calendar.ics").split("END:VCALENDAR")[0] + "END:VCALENDAR";
    // 09:00 New York (the host), not 09:00 Tokyo (X-WR-TIMEZONE).
    expect(only(firstCalendar, "first-calendar@example.test").start.toISOString()).toBe("2025-06-02T13:00:00.000Z");
  });

  it("reads an unknown TZID and a custom VTIMEZONE TZID in the host's zone", () => {
    expect(only(fixture("zones.ics"), "unknown-zone@example.test").start.toISOString()).toBe("2025-06-02T13:00:00.000Z");
    expect(only(fixture("zones.ics"), "vtimezone-summer@example.test").start.toISOString()).toBe("2025-07-01T13:00:00.000Z");
  });

  it("drops RRULE parts written before FREQ, so UNTIL=…;FREQ=DAILY never ends", () => {
    const series = only(fixture("dst-until.ics"), "until-date-time@example.test");
    expect(series.rrule?.between(march.from, new Date("2025-05-31T00:00:00Z"), true).length).toBeGreaterThan(2);
  });

  it("expandRecurringEvent moves only the THISANDFUTURE instance itself", () => {
    const instances = ical.expandRecurringEvent(only(fixture("thisandfuture.ics"), "tuesday@example.test"), march);
    expect(instances.map((i) => i.start.toISOString())).toContain("2025-03-11T13:00:00.000Z");
  });

  it("expandRecurringEvent matches a DATE EXDATE against the UTC day", () => {
    const instances = ical.expandRecurringEvent(only(fixture("recurrence-exdate.ics"), "evening-newyork@example.test"), march);
    // It removes 10 March 21:00 local (11 March UTC) and keeps 11 March 21:00 local.
    expect(instances.map((i) => i.start.toISOString())).toEqual(["2025-03-12T01:00:00.000Z", "2025-03-13T01:00:00.000Z"]);
  });

  it("expandRecurringEvent loses an override moved into the range from outside it", () => {
    const instances = ical.expandRecurringEvent(only(fixture("window.ics"), "endless-daily@example.test"), {
      from: new Date("2025-06-11T00:00:00Z"),
      to: new Date("2025-06-12T00:00:00Z"),
    });
    expect(instances.map((i) => i.start.toISOString())).toEqual(["2025-06-11T09:00:00.000Z"]);
  });
});

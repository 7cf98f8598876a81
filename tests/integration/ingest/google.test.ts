import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookings, integrations, rooms, roomSources } from "@/db/schema";
import { syncRoomDirectory } from "@/lib/ingest/directory-sync";
import { createGoogleApi, googleSource, listGoogleRooms, parseServiceAccountKey } from "@/lib/ingest/google";
import { googleSourceKey } from "@/lib/ingest/google-events";
import { defaultGoogleRetry } from "@/lib/ingest/google-http";
import { hashSourceKey, ingest } from "@/lib/ingest/pipeline";
import { dumpAllTables } from "../../support/cli-env";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { startFakeGoogle, type GoogleEventJson } from "../../support/fake-google";

const SUBJECT = "it-admin@example.com";
const ORION = "c_orion@resource.calendar.google.com";
const LYRA = "c_lyra@resource.calendar.google.com";
const VEGA = "c_vega@resource.calendar.google.com";
const options = { keys: testKeys, window: { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") }, timeZone: "UTC", defaultRoom: null };

/** A room booking as Google returns it on the room's calendar, title, description and location included. */
function meeting(room: string, id: string, day: number, hour: number, extra: Partial<GoogleEventJson> = {}): GoogleEventJson {
  const at = (h: number) => `2026-03-${String(day).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00-05:00`;
  return {
    kind: "calendar#event",
    id,
    status: "confirmed",
    summary: `Project Nightingale layoffs ${id}`,
    description: "Agenda: salaries of Dana Quill",
    location: "HQ 2nd floor, next to Eve's desk",
    created: "2026-02-01T10:00:00.000Z",
    start: { dateTime: at(hour), timeZone: "America/New_York" },
    end: { dateTime: at(hour + 1), timeZone: "America/New_York" },
    organizer: { email: "alice.zeta@example.com", displayName: "Alice Zeta" },
    attendees: [
      { email: "alice.zeta@example.com", displayName: "Alice Zeta", organizer: true, responseStatus: "accepted" },
      { email: "bob.yarrow@example.com", responseStatus: "accepted" },
      { email: "carol.xu@example.com", responseStatus: "declined" },
      { email: room, displayName: "HQ-2-Room", resource: true, self: true, responseStatus: "accepted" },
    ],
    ...extra,
  };
}

describe.each(databaseKinds())("Google Workspace sync on %s", (kind) => {
  let database: TestDatabase;
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  const sleeps: number[] = [];
  const retry = { ...defaultGoogleRetry, random: () => 0, sleep: async (ms: number) => void sleeps.push(ms) };
  const connect = (keyFile = google.keyFile()) =>
    createGoogleApi(
      { key: parseServiceAccountKey(keyFile), subject: SUBJECT, calendarBaseUrl: google.calendarBaseUrl, directoryBaseUrl: google.directoryBaseUrl },
      retry,
    );
  async function sync() {
    const api = connect();
    const found = await listGoogleRooms(api);
    await syncRoomDirectory(database.db, found, { timeZone: "America/New_York", actor: "system", source: "google" });
    return ingest(database, googleSource({ name: "workspace", config: { source: "google:example.com" }, api, rooms: found, pageSize: 2 }), options);
  }
  const booking = async (room: string, id: string) =>
    (await database.db.select().from(bookings).where(eq(bookings.externalKey, hashSourceKey(googleSourceKey(room, id)))))[0];
  const storedCursor = async () => (await database.db.select({ cursor: integrations.cursor }).from(integrations))[0]?.cursor ?? null;
  const eventRequests = (room: string) => google.requests.filter((r) => r.url.pathname.endsWith(`/calendars/${encodeURIComponent(room)}/events`));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Lyra was imported earlier from a CSV directory, without capacity: the Google room is the same room.
    await database.db.insert(rooms).values({ name: "Lyra" });
    google = await startFakeGoogle({ subject: SUBJECT, directoryPageSize: 2 });
    google.setResources([
      { resourceId: "1", resourceName: "Orion", resourceEmail: ORION, resourceCategory: "CONFERENCE_ROOM", capacity: 8, buildingId: "hq", floorName: "2" },
      { resourceId: "2", resourceName: "Beamer 3", resourceEmail: "c_beamer@resource.calendar.google.com", resourceCategory: "OTHER" },
      { resourceId: "3", resourceName: "Lyra", resourceEmail: LYRA, resourceCategory: "CONFERENCE_ROOM", capacity: 4, buildingId: "hq", floorName: "3" },
      { resourceId: "4", resourceName: "Vega", resourceEmail: VEGA, resourceCategory: "CONFERENCE_ROOM", capacity: 12, buildingId: "annex", floorName: "1" },
    ]);
    for (const room of [ORION, LYRA, VEGA]) google.addCalendar(room);
    google.putEvent(ORION, meeting(ORION, "o1", 2, 9));
    google.putEvent(ORION, meeting(ORION, "o2", 2, 11, { visibility: "private" }));
    google.putEvent(ORION, meeting(ORION, "o3", 3, 9, { attendees: [{ email: ORION, resource: true, self: true, responseStatus: "declined" }] }));
    google.putEvent(ORION, meeting(ORION, "o4", 3, 9, { start: { date: "2026-03-04" }, end: { date: "2026-03-05" } }));
    google.putEvent(ORION, meeting(ORION, "o5_20260305T140000Z", 5, 9, { recurringEventId: "o5" }));
    google.putEvent(ORION, meeting(ORION, "o5_20260312T140000Z", 12, 9, { recurringEventId: "o5" }));
    google.putEvent(ORION, meeting(ORION, "outside", 2, 9, { start: { dateTime: "2025-06-01T09:00:00Z" }, end: { dateTime: "2025-06-01T10:00:00Z" } }));
    google.putEvent(LYRA, meeting(LYRA, "l1", 2, 9));
    google.putEvent(LYRA, meeting(LYRA, "l2", 2, 13));
    google.putEvent(VEGA, meeting(VEGA, "v1", 6, 10));
  });
  afterAll(async () => {
    await google.close();
    await database.drop();
  });
  beforeEach(() => {
    sleeps.length = 0;
  });

  it("reads only conference rooms, over every directory page, and merges them into the room directory", async () => {
    const found = await listGoogleRooms(connect());
    expect(found).toEqual([
      { email: ORION, name: "Orion", building: "hq", floor: "2", capacity: 8 },
      { email: LYRA, name: "Lyra", building: "hq", floor: "3", capacity: 4 },
      { email: VEGA, name: "Vega", building: "annex", floor: "1", capacity: 12 },
    ]);
    expect(google.requests.filter((r) => r.url.pathname.endsWith("/resources/calendars"))).toHaveLength(2);
    const sync = { timeZone: "America/New_York", actor: "system", source: "google" };
    // Lyra already existed by name: linked, not duplicated, and its missing capacity filled in.
    expect(await syncRoomDirectory(database.db, found, sync)).toEqual({ created: 2, linked: 1, known: 0 });
    expect(await syncRoomDirectory(database.db, found, sync)).toEqual({ created: 0, linked: 0, known: 3 });
    const all = await database.db.select().from(rooms).orderBy(rooms.name);
    expect(all.map((r) => [r.name, r.capacity, r.building])).toEqual([["Lyra", 4, "hq"], ["Orion", 8, "hq"], ["Vega", 12, "annex"]]);
    expect(await database.db.select().from(roomSources)).toHaveLength(3);
  });

  it("signs its assertion with the service account key, which the token endpoint verifies", async () => {
    const claims = google.assertions[0];
    expect(claims).toMatchObject({ iss: "roomlens-sync@roomlens-test.iam.gserviceaccount.com", sub: SUBJECT, aud: google.tokenUrl });
    expect(Number(claims?.exp) - Number(claims?.iat)).toBe(3600);
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    await expect(listGoogleRooms(connect(google.keyFile(stranger)))).rejects.toThrow(/refused the service account's token request \(400 invalid_grant/);
  });

  it("lists each room calendar in full over several pages on the first sync", async () => {
    const report = await sync();
    // o1, o2, o5×2, l1, l2, v1 are bookings; o3 was declined by the room; o4 is all-day; "outside" is not in the window.
    expect(report).toMatchObject({ status: "succeeded", inserted: 7, allDay: 1, rejected: 0, cancelled: 0 });
    expect(await booking(ORION, "o3")).toBeUndefined();
    const orion = eventRequests(ORION);
    expect(orion).toHaveLength(3); // 6 events in the window, 2 per page
    expect(orion.map((r) => r.url.searchParams.has("pageToken"))).toEqual([false, true, true]);
    for (const request of orion) {
      expect(request.url.searchParams.get("singleEvents")).toBe("true");
      expect(request.url.searchParams.get("timeMin")).toBe("2026-01-01T00:00:00.000Z");
      expect(request.url.searchParams.has("syncToken")).toBe(false);
      // The partial-response mask never asks for titles, descriptions or locations.
      expect(request.url.searchParams.get("fields")).not.toMatch(/summary|description|location/);
    }
    expect(Object.keys((await storedCursor()) ?? {}).sort()).toEqual([LYRA, ORION, VEGA].sort());

    expect(await booking(ORION, "o1")).toMatchObject({
      status: "confirmed",
      startsAt: new Date("2026-03-02T14:00:00Z"),
      endsAt: new Date("2026-03-02T15:00:00Z"),
      bookedAt: new Date("2026-02-01T10:00:00Z"),
      attendeeCount: 2, // Alice (organizer) and Bob; Carol declined, the room is no person
      recurring: false,
      private: false,
    });
    expect((await booking(ORION, "o1"))?.organizerPseudonym).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // Private: occupancy only.
    expect(await booking(ORION, "o2")).toMatchObject({ private: true, organizerPseudonym: null, attendeeCount: null });
    expect(await booking(ORION, "o5_20260305T140000Z")).toMatchObject({ recurring: true });
  });

  it("sends the sync token alone next time and applies only the changes", async () => {
    const before = google.requests.length;
    google.putEvent(ORION, meeting(ORION, "o1", 2, 10)); // moved an hour later
    // A deleted instance comes back as a stub: id, recurringEventId, originalStartTime only.
    google.putEvent(ORION, { id: "o5_20260305T140000Z", status: "cancelled", recurringEventId: "o5", originalStartTime: { dateTime: "2026-03-05T09:00:00-05:00" } });
    google.putEvent(ORION, meeting(ORION, "o5_20260312T140000Z", 12, 9, { recurringEventId: "o5", attendees: [{ email: ORION, resource: true, self: true, responseStatus: "declined" }] }));
    google.putEvent(LYRA, meeting(LYRA, "l3", 9, 9));
    const report = await sync();
    expect(report).toMatchObject({ fetched: 4, inserted: 1, updated: 1, cancelled: 2, rejected: 0 });
    const requests = google.requests.slice(before).filter((r) => r.url.pathname.endsWith("/events"));
    for (const request of requests) {
      expect(request.url.searchParams.has("syncToken")).toBe(true);
      expect(["timeMin", "timeMax", "orderBy", "q", "updatedMin"].some((p) => request.url.searchParams.has(p))).toBe(false);
    }
    expect(await booking(ORION, "o1")).toMatchObject({ status: "confirmed", startsAt: new Date("2026-03-02T15:00:00Z") });
    // The stub kept the booking's times; the room's decline turned a booking into none.
    expect(await booking(ORION, "o5_20260305T140000Z")).toMatchObject({ status: "cancelled", startsAt: new Date("2026-03-05T14:00:00Z") });
    expect(await booking(ORION, "o5_20260312T140000Z")).toMatchObject({ status: "cancelled" });
    // Nothing the delta did not mention was cancelled.
    expect(await booking(VEGA, "v1")).toMatchObject({ status: "confirmed" });
    expect(await booking(LYRA, "l2")).toMatchObject({ status: "confirmed" });
  });

  it("drops an expired token on 410 Gone and lists that calendar in full, without duplicates", async () => {
    const countBefore = (await database.db.select().from(bookings)).length;
    const cursorBefore = (await storedCursor()) ?? {};
    google.expireSyncTokens(ORION);
    // Deleted while the token was expired: a full listing shows it no longer.
    google.putEvent(ORION, { id: "o2", status: "cancelled" });
    const report = await sync();
    expect(report).toMatchObject({ inserted: 0, updated: 0, cancelled: 1, rejected: 0 });
    expect(await database.db.select().from(bookings)).toHaveLength(countBefore);
    expect(await booking(ORION, "o2")).toMatchObject({ status: "cancelled" });
    expect(await booking(ORION, "o1")).toMatchObject({ status: "confirmed" });
    // The token answered 410; then o1, o3, o4 and o5 of the 12th are listed in full, 2 per page.
    const orion = eventRequests(ORION).slice(-3);
    expect(orion.map((r) => r.url.searchParams.has("syncToken"))).toEqual([true, false, false]);
    expect(orion.map((r) => r.url.searchParams.has("timeMin"))).toEqual([false, true, true]);
    const cursor = (await storedCursor()) ?? {};
    expect(cursor[ORION]).not.toBe(cursorBefore[ORION]);
    expect(Object.keys(cursor)).toHaveLength(3);
  });

  it("backs off exponentially on 403 usageLimits and 429, then carries on", async () => {
    google.putEvent(VEGA, meeting(VEGA, "v2", 16, 10));
    google.failNext(
      { status: 403, domain: "usageLimits", reason: "rateLimitExceeded" },
      { status: 429, domain: "usageLimits", reason: "rateLimitExceeded" },
      { status: 403, domain: "usageLimits", reason: "userRateLimitExceeded" },
    );
    const report = await sync();
    expect(report).toMatchObject({ inserted: 1, rejected: 0 });
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it("gives up after bounded retries and leaves bookings and cursor as they were", async () => {
    const rowsBefore = await database.db.select().from(bookings).orderBy(bookings.id);
    const cursorBefore = await storedCursor();
    google.putEvent(LYRA, meeting(LYRA, "l4", 20, 10));
    google.failNext(...Array.from({ length: 7 }, () => ({ status: 429 as const, domain: "usageLimits", reason: "rateLimitExceeded" })));
    await expect(sync()).rejects.toThrow(/still answered 429 rateLimitExceeded after 6 retries/);
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
    expect(await database.db.select().from(bookings).orderBy(bookings.id)).toEqual(rowsBefore);
    expect(await storedCursor()).toEqual(cursorBefore);
    // The next run picks the change up from the same token.
    expect(await sync()).toMatchObject({ inserted: 1 });
  });

  it("reports a calendar it may not read, keeps its token and syncs the others", async () => {
    google.failNext({ status: 403, domain: "global", reason: "forbidden" });
    const cursorBefore = (await storedCursor()) ?? {};
    const report = await sync();
    expect(report.status).toBe("partial");
    // Orion's calendar is asked first: it is the one refused.
    expect(report.rejections).toEqual([{ where: `google calendar ${ORION}`, reason: expect.stringMatching(/^Google answered 403 forbidden/) }]);
    expect(((await storedCursor()) ?? {})[ORION]).toBe(cursorBefore[ORION]);
  });

  it("stores no title, description, location or person's e-mail anywhere", async () => {
    const dump = await dumpAllTables(database);
    for (const secret of ["Nightingale", "Dana Quill", "Eve's desk", "alice.zeta", "Alice Zeta", "bob.yarrow", "carol.xu", SUBJECT]) {
      expect(dump).not.toContain(secret);
    }
  });
});

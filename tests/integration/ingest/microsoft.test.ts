import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookings, integrations, rooms, roomSources } from "@/db/schema";
import { syncRoomDirectory } from "@/lib/ingest/directory-sync";
import { createGraphApi, listMicrosoftRooms, microsoftSource } from "@/lib/ingest/microsoft";
import { graphSourceKey } from "@/lib/ingest/microsoft-events";
import { defaultGraphRetry } from "@/lib/ingest/microsoft-http";
import { hashSourceKey, ingest } from "@/lib/ingest/pipeline";
import { dumpAllTables } from "../../support/cli-env";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { FAKE_CLIENT, FAKE_TENANT, startFakeMicrosoft, type GraphEventJson } from "../../support/fake-microsoft";

const ORION = "orion@contoso.com";
const LYRA = "lyra@contoso.com";
const VEGA = "vega@contoso.com";
const options = { keys: testKeys, window: { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") }, timeZone: "UTC", defaultRoom: null };
const utc = (day: number, hour: number) => ({ dateTime: `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.0000000`, timeZone: "UTC" });

/** A room-mailbox event as Graph returns it: the subject holds the organizer's name, as room mailboxes write it. */
function meeting(room: string, id: string, day: number, hour: number, extra: Partial<GraphEventJson> = {}): GraphEventJson {
  return {
    "@odata.etag": 'W/"DwAAABYAAAB"',
    id,
    createdDateTime: "2026-02-01T10:00:00.1234567Z",
    lastModifiedDateTime: "2026-02-01T10:05:00.0000000Z",
    subject: "Alice Zeta",
    bodyPreview: "Salary review of Dana Quill",
    body: { contentType: "html", content: "<p>Salary review of Dana Quill</p>" },
    location: { displayName: "Orion (next to Eve's desk)" },
    type: "singleInstance",
    seriesMasterId: null,
    isCancelled: false,
    isAllDay: false,
    showAs: "busy",
    sensitivity: "normal",
    start: utc(day, hour),
    end: utc(day, hour + 1),
    organizer: { emailAddress: { name: "Alice Zeta", address: "alice.zeta@contoso.com" } },
    attendees: [
      { type: "required", status: { response: "accepted", time: "2026-02-01T11:00:00Z" }, emailAddress: { name: "Bob Yarrow", address: "bob.yarrow@contoso.com" } },
      { type: "optional", status: { response: "declined", time: "2026-02-01T11:00:00Z" }, emailAddress: { name: "Carol Xu", address: "carol.xu@contoso.com" } },
      { type: "resource", status: { response: "accepted", time: "2026-02-01T10:00:01Z" }, emailAddress: { name: "Room", address: room } },
    ],
    ...extra,
  };
}

describe.each(databaseKinds())("Microsoft 365 sync on %s", (kind) => {
  let database: TestDatabase;
  let graph: Awaited<ReturnType<typeof startFakeMicrosoft>>;
  const sleeps: number[] = [];
  const connect = (secret = FAKE_CLIENT.secret) =>
    createGraphApi(
      { tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, clientSecret: secret, authorityUrl: graph.authorityUrl, graphBaseUrl: graph.graphBaseUrl },
      { ...defaultGraphRetry, sleep: async (ms) => void sleeps.push(ms) },
    );
  async function sync() {
    const api = connect();
    const found = await listMicrosoftRooms(api);
    await syncRoomDirectory(database.db, found, { timeZone: "Europe/London", actor: "system", source: "microsoft" });
    return ingest(database, microsoftSource({ name: "m365", config: { source: "microsoft:contoso" }, api, rooms: found, pageSize: 2 }), options);
  }
  const booking = async (room: string, id: string) =>
    (await database.db.select().from(bookings).where(eq(bookings.externalKey, hashSourceKey(graphSourceKey(room, id)))))[0];
  const storedCursor = async () => (await database.db.select({ cursor: integrations.cursor }).from(integrations))[0]?.cursor ?? {};
  const deltaRequests = (room: string) => graph.requests.filter((r) => r.url.pathname === `/v1.0/users/${encodeURIComponent(room)}/calendarView/delta`);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // A CSV directory already maps Orion's mailbox to "Board Room": the address wins over the name.
    const [board] = await database.db.insert(rooms).values({ name: "Board Room" }).returning();
    await database.db.insert(roomSources).values({ roomId: board?.id ?? 0, sourceKey: ORION });
    graph = await startFakeMicrosoft({ placesPageSize: 2 });
    graph.setPlaces([
      { id: "p1", emailAddress: ORION, displayName: "Orion", capacity: 8, building: "HQ", floorNumber: 2, floorLabel: "2nd" },
      { id: "p2", emailAddress: LYRA, displayName: "Lyra", capacity: 4, building: "HQ", floorNumber: 3, floorLabel: null },
      { id: "p3", emailAddress: VEGA, displayName: "Vega", capacity: null, building: null, floorNumber: null, floorLabel: null },
    ]);
    for (const room of [ORION, LYRA, VEGA]) graph.addMailbox(room);
    graph.putEvent(ORION, meeting(ORION, "m1", 2, 14));
    graph.putEvent(ORION, meeting(ORION, "m2", 2, 16, { sensitivity: "private" }));
    graph.putEvent(ORION, meeting(ORION, "m3", 3, 14, { showAs: "free" }));
    graph.putEvent(ORION, meeting(ORION, "m4", 4, 0, { isAllDay: true, start: utc(4, 0), end: utc(5, 0) }));
    graph.putEvent(ORION, meeting(ORION, "sm", 5, 14, { type: "seriesMaster" }));
    graph.putEvent(ORION, meeting(ORION, "m5", 5, 14, { type: "occurrence", seriesMasterId: "sm" }));
    graph.putEvent(ORION, meeting(ORION, "m6", 12, 14, { type: "occurrence", seriesMasterId: "sm" }));
    graph.putEvent(ORION, meeting(ORION, "m7", 19, 14, { type: "exception", seriesMasterId: "sm", isCancelled: true }));
    // PST is UTC−8 until 8 March 2026: 09:00 local is 17:00 UTC.
    graph.putEvent(ORION, meeting(ORION, "m8", 3, 9, { start: { dateTime: "2026-03-03T09:00:00.0000000", timeZone: "Pacific Standard Time" }, end: { dateTime: "2026-03-03T10:00:00.0000000", timeZone: "Pacific Standard Time" } }));
    graph.putEvent(ORION, meeting(ORION, "outside", 1, 14, { start: { dateTime: "2025-05-01T14:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2025-05-01T15:00:00.0000000", timeZone: "UTC" } }));
    graph.putEvent(LYRA, meeting(LYRA, "l1", 2, 14));
    graph.putEvent(VEGA, meeting(VEGA, "v1", 6, 10));
  });
  afterAll(async () => {
    await graph.close();
    await database.drop();
  });
  beforeEach(() => {
    sleeps.length = 0;
  });

  it("reads the room list over every page and matches rooms by address first, then by name", async () => {
    const found = await listMicrosoftRooms(connect());
    expect(found).toEqual([
      { email: ORION, name: "Orion", building: "HQ", floor: "2nd", capacity: 8 },
      { email: LYRA, name: "Lyra", building: "HQ", floor: "3", capacity: 4 },
      { email: VEGA, name: "Vega", building: "", floor: "", capacity: null },
    ]);
    const report = await syncRoomDirectory(database.db, found, { timeZone: "Europe/London", actor: "system", source: "microsoft" });
    expect(report).toEqual({ created: 2, linked: 0, known: 1 });
    const names = (await database.db.select().from(rooms).orderBy(rooms.name)).map((r) => [r.name, r.capacity, r.floor]);
    expect(names).toEqual([["Board Room", 8, "2nd"], ["Lyra", 4, "3"], ["Vega", null, ""]]);
    const token = graph.requests.find((r) => r.method === "POST");
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toMatchObject({ grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" });
  });

  it("refuses a wrong client secret with a message that says what to check", async () => {
    await expect(listMicrosoftRooms(connect("expired-secret"))).rejects.toThrow(/refused the client-credentials token request \(401 invalid_client/);
  });

  it("lists each mailbox in full over several pages and stores the whole delta link", async () => {
    const report = await sync();
    // m1, m2, m5, m6, m7 (cancelled), m8, l1, v1; m3 is free, m4 all-day, the series master and "outside" are not listed.
    expect(report).toMatchObject({ status: "succeeded", inserted: 8, allDay: 1, cancelled: 1, rejected: 0 });
    const orion = deltaRequests(ORION);
    expect(orion).toHaveLength(4); // 8 occurrences in the window, 2 per page
    expect(orion[0]?.url.searchParams.get("startDateTime")).toBe("2026-01-01T00:00:00.000Z");
    expect(orion.slice(1).every((r) => r.url.searchParams.has("$skiptoken"))).toBe(true);
    expect(orion.every((r) => r.headers.prefer === "odata.maxpagesize=2")).toBe(true);
    const cursor = await storedCursor();
    expect(cursor[ORION]).toMatch(new RegExp(`^${graph.graphBaseUrl}/users/orion%40contoso.com/calendarView/delta\\?\\$deltatoken=`));
    expect(Object.keys(cursor).sort()).toEqual([LYRA, ORION, VEGA]);

    expect(await booking(ORION, "m1")).toMatchObject({
      status: "confirmed",
      startsAt: new Date("2026-03-02T14:00:00Z"),
      bookedAt: new Date("2026-02-01T10:00:00.123Z"),
      attendeeCount: 2, // Alice (organizer) and Bob; Carol declined, the room is no person
      private: false,
      recurring: false,
    });
    expect(await booking(ORION, "m2")).toMatchObject({ private: true, organizerPseudonym: null, attendeeCount: null });
    expect(await booking(ORION, "m3")).toBeUndefined();
    expect(await booking(ORION, "m5")).toMatchObject({ recurring: true, status: "confirmed" });
    expect(await booking(ORION, "m7")).toMatchObject({ status: "cancelled" });
    expect(await booking(ORION, "m8")).toMatchObject({ startsAt: new Date("2026-03-03T17:00:00Z"), endsAt: new Date("2026-03-03T18:00:00Z") });
    const [room] = await database.db.select().from(rooms).where(eq(rooms.id, (await booking(ORION, "m1"))?.roomId ?? 0));
    expect(room?.name).toBe("Board Room");
  });

  it("follows the stored delta link next time and applies only the changes", async () => {
    const links = await storedCursor();
    const before = graph.requests.length;
    graph.putEvent(ORION, meeting(ORION, "m1", 2, 15)); // moved an hour later
    graph.removeEvent(ORION, "m5");
    graph.putEvent(ORION, meeting(ORION, "m6", 12, 14, { type: "occurrence", seriesMasterId: "sm", showAs: "free" }));
    graph.putEvent(LYRA, meeting(LYRA, "l1", 2, 14, { attendees: [{ type: "resource", status: { response: "declined" }, emailAddress: { address: LYRA } }] }));
    graph.putEvent(LYRA, meeting(LYRA, "l2", 9, 9));
    const report = await sync();
    expect(report).toMatchObject({ fetched: 5, inserted: 1, updated: 1, cancelled: 3, rejected: 0 });
    const first = graph.requests.slice(before).find((r) => r.url.pathname.endsWith(`/users/${encodeURIComponent(ORION)}/calendarView/delta`));
    expect(first?.url.toString()).toBe(links[ORION]);
    expect(await booking(ORION, "m1")).toMatchObject({ status: "confirmed", startsAt: new Date("2026-03-02T15:00:00Z") });
    // @removed and "free" only name the key: the stored times stay.
    expect(await booking(ORION, "m5")).toMatchObject({ status: "cancelled", startsAt: new Date("2026-03-05T14:00:00Z") });
    expect(await booking(ORION, "m6")).toMatchObject({ status: "cancelled" });
    expect(await booking(LYRA, "l1")).toMatchObject({ status: "cancelled" });
    expect(await booking(VEGA, "v1")).toMatchObject({ status: "confirmed" });
    expect(await booking(ORION, "m2")).toMatchObject({ status: "confirmed" });
  });

  it("resyncs in full on 410 Gone, without duplicates, cancelling what vanished meanwhile", async () => {
    const countBefore = (await database.db.select().from(bookings)).length;
    const before = await storedCursor();
    graph.expireDeltaLinks(ORION, { status: 410, code: "resyncRequired" });
    graph.removeEvent(ORION, "m2");
    const report = await sync();
    expect(report).toMatchObject({ inserted: 0, updated: 0, cancelled: 1, rejected: 0 });
    expect(await database.db.select().from(bookings)).toHaveLength(countBefore);
    expect(await booking(ORION, "m2")).toMatchObject({ status: "cancelled" });
    expect(await booking(ORION, "m1")).toMatchObject({ status: "confirmed" });
    expect((await storedCursor())[ORION]).not.toBe(before[ORION]);
  });

  it("resyncs on a syncStateNotFound error code whatever the status", async () => {
    graph.expireDeltaLinks(LYRA, { status: 400, code: "syncStateNotFound" });
    const report = await sync();
    expect(report).toMatchObject({ inserted: 0, updated: 0, cancelled: 0, rejected: 0 });
    expect(deltaRequests(LYRA).at(-1)?.url.searchParams.has("startDateTime")).toBe(true);
  });

  it("lists a mailbox again rather than send its token to a stored link outside Graph", async () => {
    const cursor = { ...(await storedCursor()), [VEGA]: "https://attacker.example/v1.0/users/vega/calendarView/delta?$deltatoken=x" };
    await database.db.update(integrations).set({ cursor });
    expect(await sync()).toMatchObject({ inserted: 0, rejected: 0 });
    expect(deltaRequests(VEGA).at(-1)?.url.searchParams.has("startDateTime")).toBe(true);
  });

  it("waits as long as Retry-After says on 429, doubling when it says nothing", async () => {
    graph.putEvent(VEGA, meeting(VEGA, "v2", 16, 10));
    graph.throttleNext("3", null, "1");
    expect(await sync()).toMatchObject({ inserted: 1, rejected: 0 });
    expect(sleeps).toEqual([3000, 4000, 1000]);
  });

  it("gives up after bounded retries and leaves bookings and cursor as they were", async () => {
    const rowsBefore = await database.db.select().from(bookings).orderBy(bookings.id);
    const cursorBefore = await storedCursor();
    graph.putEvent(LYRA, meeting(LYRA, "l3", 20, 10));
    graph.throttleNext(...Array.from({ length: 7 }, () => "2"));
    await expect(sync()).rejects.toThrow(/still throttled \(429\) after 6 retries/);
    expect(await database.db.select().from(bookings).orderBy(bookings.id)).toEqual(rowsBefore);
    expect(await storedCursor()).toEqual(cursorBefore);
    expect(await sync()).toMatchObject({ inserted: 1 });
  });

  it("never stores the subject, body, location or a person's address", async () => {
    const dump = await dumpAllTables(database);
    for (const secret of ["Alice Zeta", "alice.zeta", "Dana Quill", "Eve's desk", "bob.yarrow", "Bob Yarrow", "carol.xu"]) {
      expect(dump).not.toContain(secret);
    }
  });
});

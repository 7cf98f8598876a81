import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { auditLog, bookings, integrations, rooms, roomSources } from "@/db/schema";
import { ingest, type IngestSource } from "@/lib/ingest/pipeline";
import { listRoomDirectory, parseRoomEdit, RoomInputError, updateRoom } from "@/lib/rooms/directory";
import { createRoomFromUnknown, listUnknownRooms, mapUnknownRoom, RoomMappingError } from "@/lib/rooms/unknown-rooms";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

const ingestOptions = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };

/** A CSV-like source of the given bookings, re-read in full on each ingest. */
function source(name: string, records: ReturnType<typeof rawBooking>[]): IngestSource {
  return { kind: "csv", name, config: { source: name }, coverage: "none", connector: arrayConnector(records) };
}

const edit = (overrides: Record<string, unknown> = {}) =>
  parseRoomEdit({ building: "Harbour House", floor: "3", capacity: "8", amenities: "screen, video", timeZone: "UTC", active: "on", sensitive: undefined, ...overrides });

describe.each(databaseKinds())("editing the room directory on %s", (kind) => {
  let database: TestDatabase;
  let orion = 0;
  const roomAudits = async () => (await database.db.select().from(auditLog).orderBy(auditLog.id)).filter((a) => a.action.startsWith("room."));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const [row] = await database.db.insert(rooms).values({ name: "Orion", timeZone: "UTC", capacity: 6 }).returning();
    orion = row?.id ?? 0;
    await database.db.insert(roomSources).values({ roomId: orion, sourceKey: "orion@resource.example.com" });
  });
  afterAll(() => database.drop());

  it("lists every room once with the identifiers its sources use", async () => {
    const [room] = await listRoomDirectory(database.db);
    expect(room).toMatchObject({ name: "Orion", sources: ["orion@resource.example.com"] });
  });

  it("refuses bad fields by name and saves nothing", async () => {
    const refusal = (() => {
      try {
        edit({ capacity: "2.5", timeZone: "Mars/Olympus" });
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RoomInputError);
    expect((refusal as RoomInputError).fields.sort()).toEqual(["capacity", "timeZone"]);
    expect(() => edit({ capacity: "0" })).toThrow(RoomInputError);
    const [stored] = await database.db.select().from(rooms).where(eq(rooms.id, orion));
    expect(stored?.capacity).toBe(6);
  });

  it("saves capacity, amenities and the sensitive flag, and audit-logs which fields changed", async () => {
    // From capacity 6, no building, floor "", no amenities, active, not sensitive:
    // building, floor, capacity, amenities and sensitive change (5); the zone and active stay.
    const changed = await updateRoom(database.db, orion, edit({ sensitive: "on" }), "user:1");
    expect(changed.sort()).toEqual(["amenities", "building", "capacity", "floor", "sensitive"]);
    const [stored] = await database.db.select().from(rooms).where(eq(rooms.id, orion));
    expect(stored).toMatchObject({ building: "Harbour House", floor: "3", capacity: 8, amenities: ["screen", "video"], sensitive: true, active: true });
    expect((await roomAudits()).at(-1)).toMatchObject({
      action: "room.updated",
      actor: "user:1",
      details: { roomId: orion, fields: "building,floor,capacity,amenities,sensitive", sensitive: true, capacity: 8 },
    });
    // The same edit again changes nothing and logs nothing.
    const before = (await roomAudits()).length;
    expect(await updateRoom(database.db, orion, edit({ sensitive: "on" }), "user:1")).toEqual([]);
    expect((await roomAudits()).length).toBe(before);
  });

  it("moves the room's rollups to its new time zone", async () => {
    // 09:00–10:00 UTC on Monday 2 March is 09:00 local in UTC and 18:00 local in Asia/Tokyo (UTC+9).
    await ingest(database, source("Orion feed", [rawBooking("Orion", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")]), ingestOptions);
    const hours = async () => (await queryRows<{ hour: number }>(database.db, sql`SELECT hour FROM room_hour_rollups WHERE room_id = ${orion}`)).map((r) => Number(r.hour));
    expect(await hours()).toEqual([9]);
    await updateRoom(database.db, orion, edit({ sensitive: "on", timeZone: "Asia/Tokyo" }), "user:1");
    expect(await hours()).toEqual([18]);
  });

  it("lists room names the latest syncs rejected as unknown, most rejected first", async () => {
    await ingest(
      database,
      source("Teem export", [
        rawBooking("Annex 9", "2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z"),
        rawBooking("Annex 9", "2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z"),
        rawBooking("Loft", "2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z"),
        rawBooking("Orion", "2026-03-06T09:00:00Z", "2026-03-06T10:00:00Z"),
      ]),
      ingestOptions,
    );
    const [teem] = await database.db.select().from(integrations).where(eq(integrations.name, "Teem export"));
    expect(await listUnknownRooms(database.db)).toEqual([
      { label: "Annex 9", rejected: 2, integrations: [{ id: teem?.id, name: "Teem export" }] },
      { label: "Loft", rejected: 1, integrations: [{ id: teem?.id, name: "Teem export" }] },
    ]);
  });

  it("maps an unknown name to a room: it leaves the list, the next sync reads it from scratch and stores its bookings", async () => {
    const [teem] = await database.db.select().from(integrations).where(eq(integrations.name, "Teem export"));
    expect(teem?.cursor).not.toBeNull();
    const result = await mapUnknownRoom(database.db, { label: "Annex 9", roomId: orion }, "user:1");
    expect(result).toEqual({ roomId: orion, resync: [{ id: teem?.id, name: "Teem export" }] });
    const [after] = await database.db.select().from(integrations).where(eq(integrations.name, "Teem export"));
    expect(after?.cursor).toBeNull();
    expect((await listUnknownRooms(database.db)).map((u) => u.label)).toEqual(["Loft"]);
    expect((await listRoomDirectory(database.db))[0]?.sources).toEqual(["annex 9", "orion@resource.example.com"]);
    // The same name again, in any case, is refused: the directory knows it now.
    await expect(mapUnknownRoom(database.db, { label: "ANNEX 9", roomId: orion }, "user:1")).rejects.toThrow(RoomMappingError);

    await ingest(database, source("Teem export", [rawBooking("Annex 9", "2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z")]), ingestOptions);
    const stored = await database.db.select().from(bookings).where(eq(bookings.integrationId, teem?.id ?? 0));
    // Orion's own booking from the first run, and the Annex 9 booking now resolved to Orion.
    expect(stored.map((b) => b.roomId)).toEqual([orion, orion]);
    expect((await roomAudits()).at(-1)).toMatchObject({ action: "room.mapped", details: { roomId: orion, integrations: 1 } });
  });

  it("creates a room from an unknown name, refusing a name already taken or a bad zone", async () => {
    await ingest(database, source("Robin", [rawBooking("Loft", "2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z")]), ingestOptions);
    await expect(createRoomFromUnknown(database.db, { label: "Loft", timeZone: "Mars/Olympus" }, "user:1")).rejects.toThrow(RoomMappingError);
    await expect(createRoomFromUnknown(database.db, { label: "orion", timeZone: "UTC" }, "user:1")).rejects.toThrow(RoomMappingError);
    const result = await createRoomFromUnknown(database.db, { label: "Loft", timeZone: "Europe/London" }, "user:1");
    // Only Robin's latest run rejected Loft: the Teem export's latest run (after the mapping) rejected nothing.
    expect(result.resync.map((i) => i.name)).toEqual(["Robin"]);
    const [loft] = await database.db.select().from(rooms).where(eq(rooms.id, result.roomId));
    expect(loft).toMatchObject({ name: "Loft", timeZone: "Europe/London", active: true, sensitive: false });
    expect(await listUnknownRooms(database.db)).toEqual([]);
    const log = await roomAudits();
    expect(log.at(-1)).toMatchObject({ action: "room.created", details: { roomId: result.roomId, integrations: 1 } });
    // Room names are a source's text: the audit log keeps ids and counts only.
    expect(JSON.stringify(log)).not.toMatch(/Loft|Annex/);
  });
});

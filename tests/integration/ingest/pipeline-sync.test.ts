import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, integrations, rooms, roomSources } from "@/db/schema";
import { hashSourceKey, ingest, type IngestSource } from "@/lib/ingest/pipeline";
import type { ConnectorContext, SourceRecord, SyncCheckpoint } from "@/lib/ingest/types";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

const options = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };
const ORION = "orion@rooms.example.com";
const LYRA = "lyra@rooms.example.com";
const cancel = (key: string): SourceRecord => ({ kind: "cancel", at: `cancel ${key}`, sourceKey: key });
const inRoom = (room: string, key: string, day: number, extra = {}) =>
  rawBooking("", `2026-04-${String(day).padStart(2, "0")}T09:00:00Z`, `2026-04-${String(day).padStart(2, "0")}T10:00:00Z`, { sourceKey: key, rooms: [{ kind: "resource", email: room }], ...extra });

/** A syncing source over fixed records: remembers the cursor it was handed, reports the checkpoint given. */
function syncingSource(records: SourceRecord[], checkpoint: SyncCheckpoint, seen: Array<ConnectorContext["cursor"]> = []): IngestSource {
  return {
    kind: "google",
    name: "syncing",
    config: { source: "test" },
    coverage: "none",
    connector: {
      async *records(context) {
        seen.push(context.cursor);
        yield* records;
      },
    },
    checkpoint: () => checkpoint,
  };
}

describe.each(databaseKinds())("syncing sources in the ingest pipeline on %s", (kind) => {
  let database: TestDatabase;
  const row = async (key: string) => (await database.db.select().from(bookings).where(eq(bookings.externalKey, hashSourceKey(key))))[0];
  const cursor = async () => (await database.db.select().from(integrations).where(eq(integrations.name, "syncing")))[0]?.cursor;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const saved = await database.db.insert(rooms).values([{ name: "Orion" }, { name: "Lyra" }]).returning();
    await database.db.insert(roomSources).values(saved.map((room) => ({ roomId: room.id, sourceKey: room.name === "Orion" ? ORION : LYRA })));
  });
  afterAll(() => database.drop());

  it("stores the checkpoint's cursor with the rows and hands it to the next sync", async () => {
    const seen: Array<ConnectorContext["cursor"]> = [];
    const first = syncingSource([inRoom(ORION, "a", 1), inRoom(ORION, "b", 2), inRoom(LYRA, "c", 3), inRoom(ORION, "nsh", 4, { status: "no_show" })], { cursor: { [ORION]: "t1", [LYRA]: "t1" }, completeRooms: [] }, seen);
    expect(await ingest(database, first, options)).toMatchObject({ inserted: 4 });
    expect(await cursor()).toEqual({ [ORION]: "t1", [LYRA]: "t1" });
    await ingest(database, syncingSource([], { cursor: { [ORION]: "t2" }, completeRooms: [] }, seen), options);
    expect(seen).toEqual([null, { [ORION]: "t1", [LYRA]: "t1" }]);
    expect(await cursor()).toEqual({ [ORION]: "t2" });
  });

  it("cancels by key, keeping the stored times; unknown keys and no-shows are left alone", async () => {
    const report = await ingest(database, syncingSource([cancel("a"), cancel("never-seen"), cancel("nsh")], { cursor: {}, completeRooms: [] }), options);
    expect(report).toMatchObject({ fetched: 3, inserted: 0, cancelled: 1 });
    expect(await row("a")).toMatchObject({ status: "cancelled", startsAt: new Date("2026-04-01T09:00:00Z") });
    expect(await row("never-seen")).toBeUndefined();
    expect(await row("nsh")).toMatchObject({ status: "no_show" });
    // Coverage "none": what the run did not mention stays as it was.
    expect(await row("b")).toMatchObject({ status: "confirmed" });
  });

  it("lets the later of a booking and a cancel of the same key win", async () => {
    const records = [cancel("a"), inRoom(ORION, "a", 1), inRoom(LYRA, "c", 3), cancel("c")];
    await ingest(database, syncingSource(records, { cursor: {}, completeRooms: [] }), options);
    expect(await row("a")).toMatchObject({ status: "confirmed" });
    expect(await row("c")).toMatchObject({ status: "cancelled" });
  });

  it("cancels unlisted bookings of completely listed rooms only, inside the window only", async () => {
    await ingest(database, syncingSource([inRoom(LYRA, "d", 5), inRoom(ORION, "e", 6)], { cursor: {}, completeRooms: [] }), options);
    const outside = rawBooking("", "2027-02-01T09:00:00Z", "2027-02-01T10:00:00Z", { sourceKey: "late", rooms: [{ kind: "resource", email: ORION }] });
    await ingest(database, syncingSource([outside], { cursor: {}, completeRooms: [] }), options);
    // Orion listed in full with only "a": b and e vanished; Lyra's d was not covered.
    const report = await ingest(database, syncingSource([inRoom(ORION, "a", 1)], { cursor: {}, completeRooms: [ORION] }), options);
    expect(report.cancelled).toBe(2);
    expect(await row("b")).toMatchObject({ status: "cancelled" });
    expect(await row("e")).toMatchObject({ status: "cancelled" });
    expect(await row("a")).toMatchObject({ status: "confirmed" });
    expect(await row("d")).toMatchObject({ status: "confirmed" });
    expect(await row("late")).toMatchObject({ status: "confirmed" });
    expect(await row("nsh")).toMatchObject({ status: "no_show" });
  });
});

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { bookings, rooms, syncRuns } from "@/db/schema";
import { ingest, type IngestSource } from "@/lib/ingest/pipeline";
import type { SourceRecord } from "@/lib/ingest/types";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

const options = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };
const source = (records: SourceRecord[], name = "pipeline"): IngestSource => ({
  kind: "csv",
  name,
  config: { source: name },
  connector: arrayConnector(records),
  coverage: "observed",
});

describe.each(databaseKinds())("ingest pipeline on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values([{ name: "Orion", capacity: 6 }, { name: "Lyra", capacity: 4 }]);
  });
  afterAll(() => database.drop());

  const day = (n: number, hour: number) => `2026-02-${String(n).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;
  const snapshot = () => [
    rawBooking("Orion", day(2, 9), day(2, 10), { sourceKey: "a", organizerEmail: "a@example.com" }),
    rawBooking("Orion", day(3, 9), day(3, 10), { sourceKey: "b", organizerEmail: "b@example.com" }),
    rawBooking("Lyra", day(4, 9), day(4, 10), { sourceKey: "c", organizerEmail: "c@example.com" }),
    rawBooking("Lyra", day(5, 9), day(5, 10), { sourceKey: "d", organizerEmail: "d@example.com" }),
  ];

  it("inserts, then re-imports the same snapshot without changing anything", async () => {
    const first = await ingest(database, source(snapshot()), options);
    expect(first).toMatchObject({ fetched: 4, inserted: 4, updated: 0, unchanged: 0, rejected: 0, status: "succeeded" });
    const before = await database.db.select().from(bookings).orderBy(bookings.id);
    const second = await ingest(database, source(snapshot()), options);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, cancelled: 0 });
    expect(await database.db.select().from(bookings).orderBy(bookings.id)).toEqual(before);
  });

  it("updates a changed booking and cancels one the source no longer lists", async () => {
    const changed = snapshot().filter((r) => r.kind === "booking" && r.sourceKey !== "c");
    const moved = changed.map((r) => (r.kind === "booking" && r.sourceKey === "b" ? { ...r, start: new Date(day(3, 14)), end: new Date(day(3, 15)) } : r));
    const report = await ingest(database, source(moved), options);
    // b moved (updated); c disappeared from the covered period (cancelled).
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 2, cancelled: 1 });
    const rows = await database.db.select().from(bookings);
    expect(rows.filter((r) => r.status === "cancelled")).toHaveLength(1);
    expect(rows.some((r) => r.startsAt.getTime() === new Date(day(3, 14)).getTime())).toBe(true);
  });

  it("lands good records, rejects bad ones with their position, and counts all-day events", async () => {
    const records: SourceRecord[] = [
      rawBooking("Orion", day(10, 9), day(10, 10), { sourceKey: "good", at: "row 2" }),
      rawBooking("Orion", day(10, 11), day(10, 9), { sourceKey: "backwards", at: "row 3" }),
      rawBooking("Nowhere", day(10, 9), day(10, 10), { sourceKey: "unknown", at: "row 4" }),
      rawBooking("Orion", day(10, 9), day(13, 9), { sourceKey: "long", at: "row 5" }),
      { kind: "rejected", at: "row 6", reason: "start: cannot read 'soon' as a date-time" },
      { kind: "all-day", at: "row 7" },
    ];
    const report = await ingest(database, source(records, "bad-input"), options);
    expect(report).toMatchObject({ status: "partial", inserted: 1, rejected: 4, allDay: 1 });
    expect(report.rejections).toEqual([
      { where: "row 3", reason: expect.stringMatching(/ends before it starts/) },
      { where: "row 4", reason: expect.stringMatching(/unknown room 'Nowhere'/) },
      { where: "row 5", reason: expect.stringMatching(/lasts 72 hours/) },
      { where: "row 6", reason: "start: cannot read 'soon' as a date-time" },
    ]);
    const [run] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, report.runId));
    expect(run).toMatchObject({ rejected: 4, allDay: 1, status: "partial" });
  });

  it("creates the feed's own room when importing with --room", async () => {
    const report = await ingest(
      database,
      source([rawBooking("ignored", day(20, 9), day(20, 10), { rooms: [] })], "own-room"),
      { ...options, defaultRoom: "Vega" },
    );
    expect(report.inserted).toBe(1);
    const vega = (await database.db.select().from(rooms)).find((r) => r.name === "Vega");
    expect(vega).toBeDefined();
  });

  it("leaves the database exactly as it was when the source fails mid-stream", async () => {
    const before = await database.db.select().from(bookings).orderBy(bookings.id);
    const runsBefore = await database.db.select().from(syncRuns);
    const failing: IngestSource = {
      ...source([], "failing"),
      connector: {
        async *records() {
          yield rawBooking("Orion", day(25, 9), day(25, 10), { sourceKey: "x" });
          throw new Error("connection reset");
        },
      },
    };
    await expect(ingest(database, failing, options)).rejects.toThrow(/connection reset/);
    expect(await database.db.select().from(bookings).orderBy(bookings.id)).toEqual(before);
    expect(await database.db.select().from(syncRuns)).toEqual(runsBefore);
  });
});

// The embedded database analyses every table after each import that changed anything (pipeline.ts,
// refreshStatistics), which would hide the rule below; the server runs it alone.
describe.each(databaseKinds().filter((kind) => kind === "postgres"))("bookings statistics after an import on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values([{ name: "Orion", capacity: 6 }]);
  });
  afterAll(() => database.drop());

  const bookingsAnalysed = async () => {
    const [row] = await queryRows<{ analysed: boolean }>(database.db, sql`SELECT EXISTS (SELECT 1 FROM pg_stats WHERE tablename = 'bookings') AS analysed`);
    return row?.analysed;
  };
  // One booking an hour from 2026-01-01: `count` distinct keys and times.
  const hourly = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => {
      const start = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
      return rawBooking("Orion", start.toISOString(), new Date(start.getTime() + 1_800_000).toISOString(), { sourceKey: `${prefix}-${i}` });
    });

  it("leaves them to autovacuum after a small write, and takes them in the transaction after a large one", async () => {
    await ingest(database, source(hourly(10, "small"), "small"), options);
    expect(await bookingsAnalysed()).toBe(false);
    // 1,200 rows into a table of 10: the planner would still take it for nearly empty.
    await ingest(database, source(hourly(1200, "large"), "large"), options);
    expect(await bookingsAnalysed()).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { getRightSizingView } from "@/lib/analytics/views/data";
import { ingest } from "@/lib/ingest/pipeline";
import type { SourceRecord } from "@/lib/ingest/types";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { countPseudonymVersions, suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people } from "../analytics/analytics-fixture";

// After a rotation: version 2 is current, version 1 (testKeys) stays live.
const rotated: PseudonymKeys = {
  current: { version: 2, secret: "rotated-secret-key-9876543210" },
  live: [{ version: 2, secret: "rotated-secret-key-9876543210" }, ...testKeys.live],
};

// Week 1 (2–6 March): three people book Orion on Monday and Tuesday before the rotation and on
// Wednesday and Thursday after it: 6 pseudonyms, 3 people. Counting pseudonyms would reach k = 5.
// Week 2 (9–13 March): five people, the same way: 10 pseudonyms, 5 people — k is really reached.
const week1 = { from: "2026-03-02", to: "2026-03-08" };
const week2 = { from: "2026-03-09", to: "2026-03-15" };
const slot = (who: string, day: string, i: number) =>
  rawBooking("Orion", `2026-03-${day}T${String(8 + i).padStart(2, "0")}:00:00Z`, `2026-03-${day}T${String(9 + i).padStart(2, "0")}:00:00Z`, {
    ...by(who),
    attendeeCount: 3,
  });
const few = people("few", 3);
const enough = people("enough", 5);
const beforeRotation = [...few.flatMap((who, i) => ["02", "03"].map((d) => slot(who, d, i))), ...enough.flatMap((who, i) => ["09", "10"].map((d) => slot(who, d, i)))];
const afterRotation = [...few.flatMap((who, i) => ["04", "05"].map((d) => slot(who, d, i))), ...enough.flatMap((who, i) => ["11", "12"].map((d) => slot(who, d, i)))];

describe.each(databaseKinds())("small-group suppression across a key rotation on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, [{ name: "Orion", capacity: 6 }], beforeRotation);
  });
  afterAll(() => database.drop());

  it("is plain k while one key version holds every pseudonym", async () => {
    expect(await countPseudonymVersions(database.db)).toBe(1);
    expect(await suppressionThreshold(database.db, 5)).toBe(5);
    // Week 2 before the rotation: 5 people, 10 bookings, shown.
    expect((await getDashboardMetrics(database.db, week2)).bookings).toBe(10);
  });

  it("does not let three people with two pseudonyms each reach k = 5", async () => {
    await ingest(
      database,
      { kind: "csv", name: "after rotation", config: { source: "after" }, connector: arrayConnector(afterRotation), coverage: "observed" },
      { keys: rotated, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: null },
    );
    expect(await countPseudonymVersions(database.db)).toBe(2);
    // 6 pseudonyms < 5 × 2 versions: every figure of week 1 is suppressed, never shown.
    const dashboard = await getDashboardMetrics(database.db, week1);
    expect(dashboard).toMatchObject({ bookings: null, utilisation: null, suppressed: true, minGroupSize: 5 });
    expect(dashboard.byRoom).toEqual([expect.objectContaining({ name: "Orion", bookings: null, suppressed: true })]);
    const planner = await getPlannerMetrics(database.db, week1);
    expect(planner.seatFill).toMatchObject({ bookings: null, seatFill: null, suppressed: true });
    expect(planner.minGroupSize).toBe(5);
    expect((await getRightSizingView(database.db, week1)).seatFill).toMatchObject({ bookings: null, suppressed: true });
  });

  it("still shows a cell whose people reach k under either key", async () => {
    // Week 2: 10 pseudonyms ≥ 5 × 2, so at least 5 people: 5 × 4 days = 20 bookings, 3 of 6 seats each.
    const dashboard = await getDashboardMetrics(database.db, week2);
    expect(dashboard).toMatchObject({ bookings: 20, suppressed: false, minGroupSize: 5 });
    expect((await getPlannerMetrics(database.db, week2)).seatFill).toMatchObject({ bookings: 20, seatFill: 0.5, suppressed: false });
  });

  it("counts every stored version, with gaps between them, and none from private bookings", async () => {
    // Versions are found by stepping from one to the next through an index: 1, 2 and now 5 (3 and 4
    // were never used here) are three. A private booking carries no pseudonym, so the sixth key, under
    // which only a private booking came in, adds no version.
    const keyRing = (version: number, secret: string, older: PseudonymKeys): PseudonymKeys => ({
      current: { version, secret },
      live: [{ version, secret }, ...older.live],
    });
    const fifth = keyRing(5, "fifth-secret-key-0123456789abc", rotated);
    const sixth = keyRing(6, "sixth-secret-key-0123456789abc", fifth);
    const importWith = (keys: PseudonymKeys, name: string, records: SourceRecord[]) =>
      ingest(
        database,
        { kind: "csv", name, config: { source: name }, connector: arrayConnector(records), coverage: "observed" },
        { keys, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: null },
      );
    await importWith(fifth, "fifth key", [slot("enough1", "16", 0)]);
    await importWith(sixth, "sixth key", [rawBooking("Orion", "2026-03-17T09:00:00Z", "2026-03-17T10:00:00Z", { ...by("private1"), private: true })]);
    expect(await countPseudonymVersions(database.db)).toBe(3);
    expect(await suppressionThreshold(database.db, 5)).toBe(15);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/audit";
import { ingest } from "@/lib/ingest/pipeline";
import { excludePerson } from "@/lib/privacy/exclusion";
import { parseDateRange } from "@/lib/analytics/filters";
import { cachedRead, cachedReadWithFreshness, cachedRoomFilterOptions, cachedView, clearViewCache, SLOW_MS, warmViews } from "@/lib/analytics/views/cache";
import type { DateRange } from "@/lib/analytics/types";
import { allRoomsLoaders, viewIds, type PlannerView, type ViewId } from "@/lib/analytics/views/data";
import type { Db } from "@/db/client";
import { startViewWarmSchedule } from "@/lib/analytics/views/warm-schedule";
import { desc } from "drizzle-orm";
import { auditLog, rooms } from "@/db/schema";
import { updateRoom } from "@/lib/rooms/directory";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people, week } from "./analytics-fixture";

// Six people book room A on Monday 2 March 2026, one hour each from 08:00: 6 bookings, 6 organizers (≥ k = 5).
const records = people("o", 6).map((who, i) =>
  rawBooking("A", `2026-03-02T${String(8 + i).padStart(2, "0")}:00:00Z`, `2026-03-02T${String(9 + i).padStart(2, "0")}:00:00Z`, by(who)),
);

describe.each(databaseKinds())("view cache on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, [{ name: "A", building: "N" }], records);
  });
  beforeEach(() => clearViewCache(database.db));
  afterAll(() => database.drop());

  /** Imports `rows` through the pipeline as one CSV source (`room`: the feed's own room, created if missing). */
  function importRecords(rows: typeof records, room: string | null = null) {
    return ingest(
      database,
      { kind: "csv", name: "test", config: { source: "test" }, connector: arrayConnector(rows), coverage: "observed" },
      { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: room },
    );
  }

  /** A computation that counts its runs. */
  function counted() {
    const counter = { runs: 0, compute: async () => ({ run: ++counter.runs }) };
    return counter;
  }

  it("computes once for repeated and concurrent calls, and keeps keys apart", async () => {
    const counter = counted();
    const [a, b] = await Promise.all([cachedRead(database.db, ["k", 1], counter.compute), cachedRead(database.db, ["k", 1], counter.compute)]);
    const c = await cachedRead(database.db, ["k", 1], counter.compute);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(counter.runs).toBe(1);
    await cachedRead(database.db, ["k", 2], counter.compute);
    expect(counter.runs).toBe(2);
  });

  it("stays valid across API calls and exports, which change no figure", async () => {
    const counter = counted();
    await cachedRead(database.db, ["reads"], counter.compute);
    await recordAudit(database.db, "user:1", "api.read", { path: "/api/v1/metrics" });
    await recordAudit(database.db, "user:1", "export", { view: "demand" });
    expect(await cachedRead(database.db, ["reads"], counter.compute)).toEqual({ run: 1 });
  });

  it("recomputes after any other audited change and after an import", async () => {
    const counter = counted();
    await cachedRead(database.db, ["writes"], counter.compute);
    await recordAudit(database.db, "admin", "settings.changed", { minGroupSize: 5 });
    expect(await cachedRead(database.db, ["writes"], counter.compute)).toEqual({ run: 2 });
    // An import that writes a booking moves the version.
    // (Outside the week the other tests read; the next test's import cancels it again.)
    const moved = rawBooking("A", "2026-04-07T08:00:00Z", "2026-04-07T09:00:00Z", by("o9"));
    await importRecords([...records, moved]);
    expect(await cachedRead(database.db, ["writes"], counter.compute)).toEqual({ run: 3 });
  });

  it("stays valid across an import that changed no booking, and not across one that added a room", async () => {
    const counter = counted();
    await importRecords(records);
    await cachedRead(database.db, ["quiet"], counter.compute);
    // The same rows again: a sync run is recorded (inserted, updated and cancelled all 0), no figure changes.
    const report = await importRecords(records);
    expect([report.inserted, report.updated, report.cancelled]).toEqual([0, 0, 0]);
    expect(await cachedRead(database.db, ["quiet"], counter.compute)).toEqual({ run: 1 });
    // A feed of its own room with no bookings yet creates the room: the dashboard counts one more room.
    const empty = await importRecords([], "Annex");
    expect(empty.inserted).toBe(0);
    // It moves the version as an audited room-directory change, with ids only (a room's name may name a person).
    const [audited] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audited).toMatchObject({ actor: "system", action: "room.created" });
    expect(Object.keys(audited?.details ?? {}).sort()).toEqual(["integrationId", "roomId"]);
    expect(await cachedRead(database.db, ["quiet"], counter.compute)).toEqual({ run: 2 });
  });

  it("serves an aged value at once and replaces it once computed again", async () => {
    // Each computation waits until the test releases it, so what a request gets meanwhile can be seen.
    let runs = 0;
    const releases: (() => void)[] = [];
    const compute = () => {
      const run = ++runs;
      return new Promise<{ run: number }>((resolve) => releases.push(() => resolve({ run })));
    };
    const releaseAll = () => releases.splice(0).forEach((release) => release());
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const first = cachedRead(database.db, ["aged"], compute);
      await vi.waitFor(() => expect(runs).toBe(1));
      releaseAll();
      expect(await first).toEqual({ run: 1 });
      vi.setSystemTime(Date.now() + 6 * 60_000);
      // Past its age: the old value at once, and one computation started (not one per request).
      expect(await cachedRead(database.db, ["aged"], compute)).toEqual({ run: 1 });
      expect(await cachedRead(database.db, ["aged"], compute)).toEqual({ run: 1 });
      expect(runs).toBe(2);
      releaseAll();
      await vi.waitFor(async () => expect(await cachedRead(database.db, ["aged"], compute)).toEqual({ run: 2 }));
      expect(runs).toBe(2);
      // A failed refresh keeps the aged value.
      vi.setSystemTime(Date.now() + 6 * 60_000);
      expect(await cachedRead(database.db, ["aged"], () => Promise.reject(new Error("boom")))).toEqual({ run: 2 });
      await vi.waitFor(async () => expect(await cachedRead(database.db, ["aged"], compute)).toEqual({ run: 2 }));
    } finally {
      releaseAll();
      vi.useRealTimers();
    }
  });

  it("serves a slow view while imported bookings are added to it, but not after an exclusion or a fast view", async () => {
    // Each computation waits until the test releases it; a slow one moves the clock by SLOW_MS meanwhile.
    let runs = 0;
    let slow = true;
    const releases: (() => void)[] = [];
    const compute = () => {
      const run = ++runs;
      return new Promise<{ run: number }>((resolve) =>
        releases.push(() => {
          if (slow) vi.setSystemTime(Date.now() + SLOW_MS);
          resolve({ run });
        }),
      );
    };
    const releaseAll = () => releases.splice(0).forEach((release) => release());
    const read = async () => {
      const { value, freshness } = await cachedReadWithFreshness(database.db, ["slow"], compute);
      return { ...(await value), updating: freshness.updating };
    };
    // Each import adds a booking in April, outside the week the other tests read.
    const importAnother = (day: number) =>
      importRecords([...records, rawBooking("A", `2026-04-${day}T08:00:00Z`, `2026-04-${day}T09:00:00Z`, by("o8"))]);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const first = read();
      await vi.waitFor(() => expect(runs).toBe(1));
      releaseAll();
      expect(await first).toEqual({ run: 1, updating: false });

      // An import adds a booking: the old figures at once, said to be updating, and one computation.
      await importAnother(20);
      expect(await read()).toEqual({ run: 1, updating: true });
      expect(await read()).toEqual({ run: 1, updating: true });
      expect(runs).toBe(2);
      releaseAll();
      await vi.waitFor(async () => expect(await read()).toEqual({ run: 2, updating: false }));
      // The strict read (API answers) never serves figures older than the last import.
      expect(await cachedRead(database.db, ["strict"], async () => "computed")).toBe("computed");

      // An exclusion (invariant 4), even beside an import: the next request waits for figures computed after it.
      await importAnother(19);
      await excludePerson(database.db, testKeys, "nobody-booked@example.com", "member");
      const afterExclusion = read();
      await vi.waitFor(() => expect(runs).toBe(3));
      releaseAll();
      expect(await afterExclusion).toEqual({ run: 3, updating: false });

      // A view that computes quickly is computed afresh after an import: this one took SLOW_MS, so it is
      // served once more while computed again, and that computation is quick.
      slow = false;
      await importAnother(21);
      expect(await read()).toEqual({ run: 3, updating: true });
      releaseAll();
      await vi.waitFor(async () => expect(await read()).toEqual({ run: 4, updating: false }));
      await importAnother(22);
      const afterFast = read();
      await vi.waitFor(() => expect(runs).toBe(5));
      releaseAll();
      expect(await afterFast).toEqual({ run: 5, updating: false });
    } finally {
      releaseAll();
      vi.useRealTimers();
    }
  });

  it("computes the default range's views before planners ask, one at a time, and again after an import", async () => {
    // The pages' default range on 5 March 2026: the last 90 days, holding the fixture's Monday.
    const now = new Date("2026-03-05T12:00:00Z");
    const range = parseDateRange({}, now);
    const calls: string[] = [];
    // Records when each view's computation starts and ends, around the real one.
    const loaders: Record<ViewId, (db: Db, range: DateRange) => Promise<PlannerView>> = allRoomsLoaders;
    const spies = viewIds.map((view) => {
      const load = loaders[view];
      return vi.spyOn(loaders, view).mockImplementation(async (db, asked) => {
        calls.push(`${view} started`);
        const value = await load(db, asked);
        calls.push(`${view} done`);
        return value;
      });
    });
    const rounds: ("warm" | Error)[] = [];
    const schedule = startViewWarmSchedule(async () => database, { firstDelayMs: 0, tickMs: 3_600_000, now: () => now, onRound: (o) => rounds.push(o) });
    try {
      await vi.waitFor(() => expect(rounds).toEqual(["warm"]));
      // Each view computed once, the next only when the last is done.
      expect(calls).toEqual(viewIds.flatMap((view) => [`${view} started`, `${view} done`]));
      // A planner's request finds them computed.
      const demand = await cachedView(database.db, "demand", range);
      expect(demand.dashboard.bookings).toBe(6);
      expect(demand.freshness.updating).toBe(false);
      expect(calls).toHaveLength(2 * viewIds.length);
      // Nothing changed: the next round computes nothing; after an import it computes every view again.
      await warmViews(database.db, range);
      expect(calls).toHaveLength(2 * viewIds.length);
      await importRecords([...records, rawBooking("A", "2026-04-23T08:00:00Z", "2026-04-23T09:00:00Z", by("o8"))]);
      await warmViews(database.db, range);
      expect(calls).toHaveLength(4 * viewIds.length);
    } finally {
      schedule.stop();
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("does not keep a failed computation", async () => {
    await expect(cachedRead(database.db, ["fails"], () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cachedRead(database.db, ["fails"], async () => "second")).toBe("second");
  });

  it("shows an exclusion to the very next request (invariant 4)", async () => {
    const before = await cachedView(database.db, "demand", week);
    // 6 bookings of 6 organizers: shown.
    expect(before.dashboard.bookings).toBe(6);
    await excludePerson(database.db, testKeys, "o1@example.com", "member");
    const after = await cachedView(database.db, "demand", week);
    // o1's booking is deleted: 5 bookings of 5 organizers, still ≥ k = 5.
    expect(after.dashboard.bookings).toBe(5);
  });

  it("shows a room directory edit in the filter options at the next request", async () => {
    expect((await cachedRoomFilterOptions(database.db, {})).buildings).toEqual(["N"]);
    expect((await cachedRoomFilterOptions(database.db, { building: "S" })).floors).toEqual([]);
    const [room] = await database.db.select().from(rooms);
    if (!room) throw new Error("the fixture has no room");
    const { building, floor, ...unchanged } = room;
    expect([building, floor]).toEqual(["N", ""]);
    const { capacity, amenities, timeZone, active, sensitive } = unchanged;
    await updateRoom(database.db, room.id, { building: "S", floor: "3", capacity, amenities, timeZone, active, sensitive }, "admin");
    expect((await cachedRoomFilterOptions(database.db, {})).buildings).toEqual(["S"]);
    // The building narrows the floors, so it is part of the key.
    expect((await cachedRoomFilterOptions(database.db, { building: "S" })).floors).toEqual(["3"]);
  });

  it("never gives a download a slow view's figures from before an import", async () => {
    // The demand view of the week, made to look slow: its computation moves the clock by SLOW_MS.
    const slowDemand = async () => {
      const value = await allRoomsLoaders.demand(database.db, week);
      vi.setSystemTime(Date.now() + SLOW_MS);
      return value;
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { value } = await cachedReadWithFreshness(database.db, ["view", "demand", week], slowDemand);
      const before = (await value).dashboard.bookings;
      expect(before).toBeGreaterThanOrEqual(5);
      // A seventh person books room A in the week.
      await importRecords([...records, rawBooking("A", "2026-03-04T10:00:00Z", "2026-03-04T11:00:00Z", by("o7"))]);
      // The page: the earlier figures at once, said to be updating.
      const page = await cachedView(database.db, "demand", week);
      expect([page.freshness.updating, page.dashboard.bookings]).toEqual([true, before]);
      // The download (the export route's call): figures with the new booking.
      const download = await cachedView(database.db, "demand", week, {}, { whileImporting: false });
      expect([download.freshness.updating, download.dashboard.bookings]).toEqual([false, (before ?? 0) + 1]);
    } finally {
      vi.useRealTimers();
    }
  });
});

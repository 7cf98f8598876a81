import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms, settings } from "@/db/schema";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { listHeatmap } from "@/lib/analytics/heatmap";
import { listRoomUsage, loadRangeUsage } from "@/lib/analytics/utilisation";
import { ingest } from "@/lib/ingest/pipeline";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

// Week of Mon 2 – Sun 8 March 2026 in London (GMT, no DST change that week).
const week = { from: "2026-03-02", to: "2026-03-08" };
const workTime = { workdayStartMinute: 8 * 60, workdayEndMinute: 18 * 60, workdays: [1, 2, 3, 4, 5], buildings: [], closures: [] };
const by = (who: string) => ({ organizerEmail: `${who}@example.com` });

const records = [
  // Room A — five organizers.
  rawBooking("A", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", by("o1")),
  rawBooking("A", "2026-03-02T09:30:00Z", "2026-03-02T11:00:00Z", by("o2")), // overlaps: union 09:00–11:00 = 2 h
  rawBooking("A", "2026-03-03T07:00:00Z", "2026-03-03T09:00:00Z", by("o3")), // clipped to 08:00–09:00 = 1 h
  rawBooking("A", "2026-03-04T17:30:00Z", "2026-03-04T19:00:00Z", by("o4")), // clipped to 17:30–18:00 = 0.5 h
  rawBooking("A", "2026-03-05T10:00:00Z", "2026-03-05T11:00:00Z", by("o5")), // 1 h
  rawBooking("A", "2026-03-05T10:00:00Z", "2026-03-05T11:00:00Z", by("o1")), // double booking: counts once
  rawBooking("A", "2026-03-06T12:00:00Z", "2026-03-06T13:00:00Z", { ...by("o2"), status: "cancelled" }), // not booked
  rawBooking("A", "2026-03-07T10:00:00Z", "2026-03-07T12:00:00Z", by("o3")), // Saturday: a booking, no working time
  // Room B — three organizers (+ one private event).
  rawBooking("B", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", by("p1")),
  rawBooking("B", "2026-03-02T08:30:00Z", "2026-03-02T09:30:00Z", { ...by("p9"), private: true }), // union 08:00–09:30
  rawBooking("B", "2026-03-03T13:00:00Z", "2026-03-03T14:00:00Z", by("p2")),
  rawBooking("B", "2026-03-04T13:00:00Z", "2026-03-04T14:00:00Z", by("p3")),
  // Room C — two organizers.
  rawBooking("C", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", by("q1")),
  rawBooking("C", "2026-03-06T16:00:00Z", "2026-03-06T17:00:00Z", by("q2")),
];

describe.each(databaseKinds())("utilisation on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values(["A", "B", "C"].map((name) => ({ name, capacity: 6, timeZone: "Europe/London" })));
    await database.db.update(settings).set({ minGroupSize: 5 }).where(eq(settings.id, 1));
    await ingest(
      database,
      { kind: "csv", name: "test", config: { source: "test" }, connector: arrayConnector(records), coverage: "observed" },
      { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: null },
    );
  });
  afterAll(() => database.drop());

  it("counts the range's organizers up to the cap it is compared with", async () => {
    // A has 5 organizers (o1–o5), B 3 (p1–p3; p9's event is private), C 2 (q1, q2): 10 in all.
    const rooms = await listRoomUsage(database.db, week, workTime);
    const at = async (cap: number) => {
      const usage = await loadRangeUsage(database.db, week, workTime, cap);
      expect(usage.rooms).toEqual(rooms);
      return usage.organizers;
    };
    // Room A alone reaches 5: so does the total.
    expect(await at(5)).toBe(5);
    // No room reaches 6 or 20: the 10 are counted, then capped.
    expect(await at(6)).toBe(6);
    expect(await at(20)).toBe(10);
  });

  it("unions overlapping bookings and clips them to working hours, per room", async () => {
    const usage = await listRoomUsage(database.db, week, workTime);
    const byName = Object.fromEntries(usage.map((row) => [row.name, row]));
    // Each room: 5 working days × 10 h = 50 h of working time.
    expect(byName.A?.workingSeconds).toBe(50 * 3600);
    // A: 2 + 1 + 0.5 + 1 = 4.5 h; 7 bookings (the cancelled one is not counted, Saturday's is).
    expect(byName.A?.bookedSeconds).toBe(4.5 * 3600);
    expect(byName.A?.bookings).toBe(7);
    expect(byName.A?.organizers).toBe(5);
    // B: 1.5 + 1 + 1 = 3.5 h; 4 bookings incl. the private one, whose organizer is not counted.
    expect(byName.B?.bookedSeconds).toBe(3.5 * 3600);
    expect(byName.B?.bookings).toBe(4);
    expect(byName.B?.organizers).toBe(3);
    // C: 2 + 1 = 3 h.
    expect(byName.C?.bookedSeconds).toBe(3 * 3600);
  });

  it("suppresses rooms under k and keeps the total from revealing them", async () => {
    const metrics = await getDashboardMetrics(database.db, week);
    // Overall: (4.5 + 3.5 + 3) h / (3 rooms × 50 h) = 11 / 150; 10 distinct organizers ≥ k = 5.
    expect(metrics.utilisation).toBeCloseTo(11 / 150, 10);
    expect(metrics.bookings).toBe(13);
    expect(metrics.bookedHours).toBeCloseTo(11, 10);
    const byName = Object.fromEntries(metrics.byRoom.map((row) => [row.name, row]));
    expect(byName.A).toMatchObject({ suppressed: false, bookings: 7, utilisation: 4.5 / 50 });
    // B (3) and C (2) are under k: both hidden, so total − A only reveals their sum.
    expect(byName.B).toMatchObject({ suppressed: true, bookings: null, utilisation: null, bookedHours: null });
    expect(byName.C).toMatchObject({ suppressed: true, bookings: null, utilisation: null });
  });

  it("builds the hour × weekday heatmap from the same unions", async () => {
    const cells = await listHeatmap(database.db, week, workTime);
    // 5 weekdays × 10 working hours.
    expect(cells).toHaveLength(50);
    const monday9 = cells.find((c) => c.weekday === 1 && c.hour === 9);
    // Monday 09:00–10:00: A booked the whole hour, B 09:00–09:30, C nothing → 1.5 h of 3 h.
    // People: o1 and o2 in A; B's p1 ended at 09:00 and the private event has no organizer → 2.
    expect(monday9).toMatchObject({ bookedSeconds: 1.5 * 3600, availableSeconds: 3 * 3600, organizers: 2 });
    const tuesday8 = cells.find((c) => c.weekday === 2 && c.hour === 8);
    // Tuesday 08:00–09:00: only A's clipped 07:00–09:00 booking → 1 h of 3 h; one organizer (o3).
    expect(tuesday8).toMatchObject({ bookedSeconds: 3600, organizers: 1 });
    const metrics = await getDashboardMetrics(database.db, week);
    expect(metrics.heatmap.every((cell) => cell.suppressed === (cell.utilisation === null))).toBe(true);
    expect(metrics.heatmap.find((c) => c.weekday === 1 && c.hour === 9)).toMatchObject({ suppressed: true, utilisation: null });
  });

  it("keeps local working hours across a daylight-saving change", async () => {
    await database.db.insert(rooms).values({ name: "NY", capacity: 4, timeZone: "America/New_York" });
    // 09:00–10:00 New York time on Fri 6 March (EST, UTC−5) and Mon 9 March (EDT, UTC−4).
    await ingest(
      database,
      {
        kind: "csv",
        name: "dst",
        config: { source: "dst" },
        coverage: "observed",
        connector: arrayConnector([
          rawBooking("NY", "2026-03-06T14:00:00Z", "2026-03-06T15:00:00Z", by("n1")),
          rawBooking("NY", "2026-03-09T13:00:00Z", "2026-03-09T14:00:00Z", by("n2")),
        ]),
      },
      { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: null },
    );
    const range = { from: "2026-03-06", to: "2026-03-09" };
    const usage = await listRoomUsage(database.db, range, workTime);
    // Fri + Mon = 2 working days × 10 h, despite the 23-hour Sunday in between.
    expect(usage.find((r) => r.name === "NY")).toMatchObject({ workingSeconds: 20 * 3600, bookedSeconds: 2 * 3600 });
    const cells = await listHeatmap(database.db, range, workTime);
    // Both land in the local 09:00 hour: Friday's and Monday's cells each hold NY's full hour.
    expect(cells.find((c) => c.weekday === 5 && c.hour === 9)?.organizers).toBe(1);
    expect(cells.find((c) => c.weekday === 1 && c.hour === 9)?.organizers).toBe(1);
    expect(cells.find((c) => c.weekday === 1 && c.hour === 13)?.organizers).toBe(0);
  });
});

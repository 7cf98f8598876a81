import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOccupiedUtilisation, suppressOccupiedUtilisation } from "@/lib/analytics/occupied";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, week, workTime } from "./analytics-fixture";

const checkedIn = (who: string, at: string) => ({ ...by(who), checkedInAt: new Date(at) });

const records = [
  // A: five organizers with check-ins.
  rawBooking("A", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", checkedIn("a1", "2026-03-02T09:10:00Z")), // 09:10–10:00
  rawBooking("A", "2026-03-02T09:30:00Z", "2026-03-02T11:00:00Z", checkedIn("a2", "2026-03-02T09:30:00Z")), // union 09:10–11:00 = 110 min
  rawBooking("A", "2026-03-03T07:00:00Z", "2026-03-03T09:00:00Z", checkedIn("a3", "2026-03-03T07:05:00Z")), // clipped 08:00–09:00 = 60 min
  rawBooking("A", "2026-03-04T10:00:00Z", "2026-03-04T11:00:00Z", checkedIn("a4", "2026-03-04T09:50:00Z")), // early: from 10:00 = 60 min
  rawBooking("A", "2026-03-05T10:00:00Z", "2026-03-05T10:30:00Z", checkedIn("a5", "2026-03-05T10:00:00Z")), // 30 min
  rawBooking("A", "2026-03-05T14:00:00Z", "2026-03-05T15:00:00Z", { ...by("a1"), status: "no_show" }), // nobody came: 0
  rawBooking("A", "2026-03-06T14:00:00Z", "2026-03-06T15:00:00Z", by("a2")), // booked, never seen in use: 0
  // B: two checked-in organizers (45 + 60 = 105 min); E: three (60 + 30 + 30 = 120 min). Both under k,
  // together 5: hidden side by side, their sum (total − A) covers k people.
  rawBooking("B", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", checkedIn("b1", "2026-03-02T10:15:00Z")), // 45 min
  rawBooking("B", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", { ...by("b2"), status: "no_show" }),
  rawBooking("B", "2026-03-03T14:00:00Z", "2026-03-03T15:00:00Z", checkedIn("b3", "2026-03-03T14:00:00Z")), // 60 min
  rawBooking("E", "2026-03-04T12:00:00Z", "2026-03-04T13:00:00Z", checkedIn("e1", "2026-03-04T12:00:00Z")), // 60 min
  rawBooking("E", "2026-03-05T12:00:00Z", "2026-03-05T12:30:00Z", checkedIn("e2", "2026-03-05T12:00:00Z")), // 30 min
  rawBooking("E", "2026-03-06T12:00:00Z", "2026-03-06T13:00:00Z", checkedIn("e3", "2026-03-06T12:30:00Z")), // 30 min
  // C: no check-in data at all, so it has no occupied utilisation.
  rawBooking("C", "2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z", by("c1")),
];

describe.each(databaseKinds())("occupied utilisation on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, ["A", "B", "C", "E"].map((name) => ({ name })), records);
  });
  afterAll(() => database.drop());

  it("counts checked-in minutes, unioned and clipped, only in rooms with check-in data", async () => {
    const raw = await getOccupiedUtilisation(database.db, week, {}, workTime);
    expect(raw.rooms.map((room) => room.name)).toEqual(["A", "B", "E"]);
    const [a, b, e] = raw.rooms;
    // A: 110 + 60 + 60 + 30 = 260 min of 5 × 600 = 3000 working minutes; 5 checked-in bookings by a1–a5.
    expect(a).toMatchObject({ occupiedSeconds: 260 * 60, workingSeconds: 3000 * 60, bookings: 5, organizers: 5 });
    expect(b).toMatchObject({ occupiedSeconds: 105 * 60, bookings: 2, organizers: 2 });
    expect(e).toMatchObject({ occupiedSeconds: 120 * 60, bookings: 3, organizers: 3 });
    // a1–a5, b1, b3, e1–e3.
    expect(raw.total).toEqual({ bookings: 10, organizers: 10 });
  });

  it("shows A and the total, hides B and E (under k) without revealing either", async () => {
    const metrics = suppressOccupiedUtilisation(await getOccupiedUtilisation(database.db, week, {}, workTime), k);
    // (260 + 105 + 120) min / (3 × 3000) min = 485 / 9000.
    expect(metrics.occupiedUtilisation).toBeCloseTo(485 / 9000, 10);
    expect(metrics.occupiedHours).toBeCloseTo(485 / 60, 10);
    expect(metrics.byRoom[0]).toMatchObject({ name: "A", occupiedUtilisation: 260 / 3000, suppressed: false });
    // Two hidden rooms: total − A only gives B + E, which covers 2 + 3 = 5 people.
    expect(metrics.byRoom[1]).toMatchObject({ name: "B", occupiedUtilisation: null, occupiedHours: null, suppressed: true });
    expect(metrics.byRoom[2]).toMatchObject({ name: "E", occupiedUtilisation: null, suppressed: true });
  });

  it("hides A too when B alone is under k (total − A would reveal B), or B and E together", () => {
    const room = (name: string, minutes: number, organizers: number) => ({
      id: 0, name, building: "", floor: "", capacity: 6,
      occupiedSeconds: minutes * 60, workingSeconds: 3000 * 60, bookings: organizers, organizers,
    });
    const metrics = suppressOccupiedUtilisation({ rooms: [room("A", 260, 5), room("B", 45, 1)], total: { bookings: 6, organizers: 6 } }, k);
    // 6 organizers ≥ k: total (305 / 6000) shown; B under k, A hidden with it.
    expect(metrics.occupiedUtilisation).toBeCloseTo(305 / 6000, 10);
    expect(metrics.byRoom.map((r) => r.suppressed)).toEqual([true, true]);
    // B (1) and E (2) hidden together still cover only 3 people: A goes too.
    const three = suppressOccupiedUtilisation(
      { rooms: [room("A", 260, 5), room("B", 45, 1), room("E", 60, 2)], total: { bookings: 8, organizers: 8 } }, k);
    expect(three.byRoom.map((r) => r.suppressed)).toEqual([true, true, true]);
  });

  it("narrows to the filtered rooms", async () => {
    const raw = await getOccupiedUtilisation(database.db, week, { building: "nowhere" }, workTime);
    expect(raw).toEqual({ rooms: [], total: { bookings: 0, organizers: 0 } });
  });
});

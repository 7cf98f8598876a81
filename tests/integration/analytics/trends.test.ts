import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTrends, suppressTrends } from "@/lib/analytics/trends";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, workTime } from "./analytics-fixture";

// Two whole weeks, Mon 9 – Sun 22 March 2026; the previous period is Mon 23 Feb – Sun 8 March.
const range = { from: "2026-03-09", to: "2026-03-22" };
const hour = (day: string, from: number, hours: number) => [`${day}T${String(from).padStart(2, "0")}:00:00Z`, `${day}T${String(from + hours).padStart(2, "0")}:00:00Z`] as const;

const records = [
  // This period, week 1: o1–o5, 1 h each in A = 5 h. Week 2: o1–o5, 2 h each in B, and x1 1 h in A = 11 h.
  ...["o1", "o2", "o3", "o4", "o5"].map((who, i) => rawBooking("A", ...hour("2026-03-10", 9 + i, 1), by(who))),
  ...["o1", "o2", "o3", "o4", "o5"].map((who, i) => rawBooking("B", ...hour("2026-03-17", 8 + 2 * i, 2), by(who))),
  rawBooking("A", ...hour("2026-03-18", 9, 1), by("x1")),
  // Previous period: p1–p3 in its week 1, p4–p5 in its week 2, 1 h each.
  ...["p1", "p2", "p3"].map((who, i) => rawBooking("A", ...hour("2026-02-24", 9 + i, 1), by(who))),
  ...["p4", "p5"].map((who, i) => rawBooking("A", ...hour("2026-03-03", 9 + i, 1), by(who))),
];

describe.each(databaseKinds())("weekly trends on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, [{ name: "A" }, { name: "B" }], records);
  });
  afterAll(() => database.drop());

  it("runs the same query for the range and the period before it", async () => {
    const raw = await getTrends(database.db, range, {}, workTime);
    // Working time per week: 2 rooms × 5 days × 10 h = 100 h.
    expect(raw.current.weeks).toEqual([
      { weekStart: "2026-03-09", bookings: 5, organizers: 5, bookedSeconds: 5 * 3600, workingSeconds: 100 * 3600 },
      { weekStart: "2026-03-16", bookings: 6, organizers: 6, bookedSeconds: 11 * 3600, workingSeconds: 100 * 3600 },
    ]);
    expect(raw.current.total).toEqual({ bookings: 11, organizers: 6 });
    expect(raw.previous.range).toEqual({ from: "2026-02-23", to: "2026-03-08" });
    expect(raw.previous.weeks.map((week) => [week.weekStart, week.bookings])).toEqual([["2026-02-23", 3], ["2026-03-02", 2]]);
    expect(raw.previous.total).toEqual({ bookings: 5, organizers: 5 });
  });

  it("suppresses each period's weeks against its own total", async () => {
    const trends = suppressTrends(await getTrends(database.db, range, {}, workTime), k);
    // 16 h / 200 h = 0.08; previous 5 h / 200 h = 0.025.
    expect(trends.current).toEqual({ bookings: 11, bookedHours: 16, utilisation: 0.08, suppressed: false });
    expect(trends.previous).toEqual({ bookings: 5, bookedHours: 5, utilisation: 0.025, suppressed: false });
    expect(trends.weeks[0]).toEqual({
      current: { weekStart: "2026-03-09", bookings: 5, bookedHours: 5, utilisation: 0.05, suppressed: false },
      // 3 and 2 organizers: both previous weeks hidden, their total shown.
      previous: { weekStart: "2026-02-23", bookings: null, bookedHours: null, utilisation: null, suppressed: true },
    });
    expect(trends.weeks[1]?.current).toMatchObject({ bookings: 6, utilisation: 0.11, suppressed: false });
    expect(trends.weeks[1]?.previous).toMatchObject({ weekStart: "2026-03-02", suppressed: true });
  });
});

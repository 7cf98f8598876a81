import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { bandOf, bandSql } from "@/lib/analytics/bands";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { toMetricsJson } from "@/lib/metrics-output";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people, week } from "./analytics-fixture";

// Six people book A every weekday morning (checked in, 3 of 6 seats); one person books B once.
const records = [
  ...people("o", 6).flatMap((who, i) =>
    ["02", "03", "04", "05", "06"].map((day) =>
      rawBooking("A", `2026-03-${day}T${String(8 + i).padStart(2, "0")}:00:00Z`, `2026-03-${day}T${String(9 + i).padStart(2, "0")}:00:00Z`, {
        ...by(who), attendeeCount: 3, checkedInAt: new Date(`2026-03-${day}T${String(8 + i).padStart(2, "0")}:05:00Z`),
        bookedAt: new Date("2026-02-20T09:00:00Z"),
      }),
    ),
  ),
  rawBooking("B", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", { ...by("lonely"), status: "no_show", bookedAt: new Date("2026-02-20T09:00:00Z") }),
];

/** Every object marked suppressed must carry no number but directory facts. */
function suppressedLeaks(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => suppressedLeaks(item, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const facts = new Set(["capacity", "rooms", "workingHours", "peers", "roomCount", "minGroupSize", "weekday", "hour"]);
  const own = record.suppressed === true
    ? Object.entries(record).filter(([key, item]) => typeof item === "number" && !facts.has(key)).map(([key]) => `${path}.${key}`)
    : [];
  return [...own, ...Object.entries(record).flatMap(([key, item]) => suppressedLeaks(item, `${path}.${key}`))];
}

describe.each(databaseKinds())("metrics --json on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, [{ name: "A", building: "N" }, { name: "B", building: "N" }], records);
  });
  afterAll(() => database.drop());

  it("keeps the dashboard's keys and adds one key per metric family", async () => {
    const [dashboard, planner] = await Promise.all([getDashboardMetrics(database.db, week), getPlannerMetrics(database.db, week)]);
    const json = toMetricsJson(dashboard, planner);
    const { rooms, heatmap, ...rest } = toMetricsJson(dashboard);
    // Without the planner figures the output is exactly the dashboard's, as before.
    expect(Object.keys(rest)).toEqual(["from", "to", "minGroupSize", "bookings", "bookedHours", "utilisation", "suppressed", "roomCount"]);
    expect(json).toMatchObject({ ...rest, rooms, heatmap });
    for (const key of ["occupiedUtilisation", "ghostRate", "pressure", "seatFill", "preference", "leadTime", "durations", "cancellationRate", "recommendations"]) {
      expect(json).toHaveProperty(key);
    }
    // A and B have check-in data (B a no-show). Checked in 5 min late: 6 people × 5 days × 55 min = 27.5 h of 50 h;
    // over both rooms 27.5 h of 100 h.
    expect(json.occupiedUtilisation).toMatchObject({ rooms: 2, occupiedUtilisation: 0.275, suppressed: false });
    expect(json.occupiedUtilisation?.byRoom[0]).toEqual({ name: "A", building: "N", floor: "", capacity: 6, occupiedHours: 27.5, occupiedUtilisation: 0.55, suppressed: false });
    // A's 30 bookings fill 3 of 6 seats; B's one booking has no attendee count, so B has no seat fill.
    expect(json.seatFill).toMatchObject({ bookings: 30, seatFill: 0.5, suppressed: false });
    expect(json.seatFill?.byRoom.map((room) => [room.name, room.seatFill])).toEqual([["A", 0.5]]);
    // All 31 made on 20 February, 10–14 days ahead: one "1-4w" bar covering 7 people.
    expect(json.leadTime).toMatchObject({ bookings: 31, suppressed: false });
    expect(json.leadTime?.histogram.map((bar) => bar.bookings)).toEqual([null, null, null, 31, null]);
    expect(json.recommendations?.every((text) => typeof text === "string")).toBe(true);
  });

  it("never pairs a suppressed flag with a number, and names rooms without database ids", async () => {
    const json = toMetricsJson(await getDashboardMetrics(database.db, week), await getPlannerMetrics(database.db, week));
    expect(suppressedLeaks(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/"id":/);
    // B's one no-show by one person shows nowhere: its ghost row and the total are suppressed, not zero.
    expect(json.ghostRate).toMatchObject({ ghostRate: null, suppressed: true });
  });

  it("bands capacities the same way in SQL and in TypeScript", async () => {
    const rows = await queryRows<{ capacity: number; band: string | null }>(
      database.db,
      sql`SELECT c AS capacity, ${bandSql(sql`c`)} AS band FROM generate_series(-1, 20) AS g(c)`,
    );
    for (const row of rows) expect(row.band).toBe(bandOf(row.capacity));
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms, settings } from "@/db/schema";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { heatmapPeriodsServe } from "@/lib/analytics/heatmap-periods";
import { repairPeriods } from "@/lib/analytics/rollup-refresh";
import { loadWorkingTime } from "@/lib/analytics/scope";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";
import { ingestBookings } from "../../support/random-bookings";

/**
 * The heatmap's complementary rule picks the visible cell to hide by booked time, not by organizers:
 * the heatmap periods count organizers only up to k (heatmap-periods.ts), so every visible cell
 * reads k there and organizers could not tell them apart.
 */
const week = { from: "2026-03-02", to: "2026-03-06" };
const roomNames = ["A", "B", "C", "D", "E"];
const bookings = [
  // Monday 09:00: five people, each a whole room: 5 h booked of five rooms' hour.
  ...roomNames.map((room, i) => rawBooking(room, "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", { organizerEmail: `five${i}@example.com` })),
  // Monday 10:00: six people, ten minutes each in A: 1 h booked. More people than 09:00 (ranking by
  // exact counts would hide 09:00), the same capped count (ties go to the earlier cell: 09:00 again).
  ...Array.from({ length: 6 }, (_, i) => {
    const minute = (m: number) => (m === 60 ? "11:00" : `10:${String(m).padStart(2, "0")}`);
    return rawBooking("A", `2026-03-02T${minute(i * 10)}:00Z`, `2026-03-02T${minute(i * 10 + 10)}:00Z`, { organizerEmail: `six${i}@example.com` });
  }),
  // Monday 11:00: one person, hidden (under k = 5).
  rawBooking("A", "2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", { organizerEmail: "alone@example.com" }),
];

describe.each(databaseKinds())("heatmap suppression on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values(roomNames.map((name) => ({ name, capacity: 6, building: "L", timeZone: "UTC" })));
    await database.db.update(settings).set({ minGroupSize: 5 });
    await ingestBookings(database, bookings, "cells");
  });
  afterAll(() => database.drop());

  const cell = async (hour: number) => (await getDashboardMetrics(database.db, week)).heatmap.find((c) => c.weekday === 1 && c.hour === hour);

  it("hides the visible cell with the least booked time beside a hidden one, from either path", async () => {
    for (const repaired of [false, true]) {
      if (repaired) await repairPeriods(database.db);
      expect(await heatmapPeriodsServe(database.db, week, await loadWorkingTime(database.db), 5)).toBe(repaired);
      expect(await cell(11)).toMatchObject({ suppressed: true, utilisation: null });
      // Six people but one booked hour: the least data, so it goes with the 11:00 cell.
      expect(await cell(10)).toMatchObject({ suppressed: true, utilisation: null });
      // Five people, five booked hours of five rooms' hour.
      expect(await cell(9)).toMatchObject({ suppressed: false, utilisation: 1 });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { cachedView, clearViewCache } from "@/lib/analytics/views/cache";
import { viewIds, viewLoaders, type PlannerView } from "@/lib/analytics/views/data";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, week } from "./analytics-fixture";

/*
 * Room filters against invariant 5 (lib/analytics/views/narrow.ts). South's bookings were made by
 * three people (k = 5): no view may show them, whole or as all rooms − North.
 */
const roomSpecs = [
  { name: "N1", building: "North", floor: "1", capacity: 6, amenities: ["video"] },
  { name: "N2", building: "North", floor: "2", capacity: 4 },
  { name: "S1", building: "South", floor: "1", capacity: 6 },
  { name: "S2", building: "South", floor: "1", capacity: 12, amenities: ["video"] },
];
const seats = (who: string, attendeeCount: number) => ({ ...by(who), attendeeCount });
const at = (day: string, from: number, hours: number) =>
  [`2026-03-${day}T${String(from).padStart(2, "0")}:00:00Z`, `2026-03-${day}T${String(from + hours).padStart(2, "0")}:00:00Z`] as const;

const records = [
  // North: n1–n6 one hour each in N1 on Monday, n7–n11 one hour each in N2 on Tuesday: 11 bookings, 11 h.
  ...["n1", "n2", "n3", "n4", "n5", "n6"].map((who, i) => rawBooking("N1", ...at("02", 9 + i, 1), seats(who, 3))),
  ...["n7", "n8", "n9", "n10", "n11"].map((who, i) => rawBooking("N2", ...at("03", 9 + i, 1), seats(who, 2))),
  // South: s1 and s2 two hours each in S1 on Wednesday, s3 one hour in S2 on Thursday: 3 bookings, 5 h.
  rawBooking("S1", ...at("04", 9, 2), seats("s1", 4)),
  rawBooking("S1", ...at("04", 11, 2), seats("s2", 4)),
  rawBooking("S2", ...at("05", 9, 1), seats("s3", 6)),
];

/** Each filter the form offers, and two together, with the rooms each keeps (from roomSpecs by hand). */
const cases: { filters: RoomFilters; rooms: string[] }[] = [
  { filters: { building: "North" }, rooms: ["N1", "N2"] },
  { filters: { building: "South" }, rooms: ["S1", "S2"] },
  { filters: { floor: "1" }, rooms: ["N1", "S1", "S2"] },
  { filters: { floor: "2" }, rooms: ["N2"] },
  { filters: { band: "5-8" }, rooms: ["N1", "S1"] },
  { filters: { band: "3-4" }, rooms: ["N2"] },
  { filters: { amenity: "video" }, rooms: ["N1", "S2"] },
  { filters: { building: "North", amenity: "video" }, rooms: ["N1"] },
];

/** The lists of rows a view holds, by name (what a filter may narrow). */
function rowLists(view: PlannerView): Record<string, { id?: number; building?: string | null; band?: string | null }[]> {
  switch (view.view) {
    case "overview":
      return { pressure: view.pressure, bands: view.seatFill.byBand, seatFill: view.seatFill.byRoom, preference: view.preference };
    case "demand":
      return { pressure: view.pressure };
    case "right-sizing":
      return { bands: view.seatFill.byBand, seatFill: view.seatFill.byRoom };
    case "preference":
      return { preference: view.preference };
    case "behaviour":
      return { ghosts: view.ghostRate.byRoom, occupied: view.occupiedUtilisation.byRoom };
  }
}

/** The view with every row list emptied, and without what follows from the rows (filters, recommendations). */
function withoutRows(view: PlannerView): unknown {
  const json = JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
  const empty = (owner: string, key: string) => {
    const value = json[owner];
    if (value && typeof value === "object" && key in value) (value as Record<string, unknown>)[key] = [];
  };
  if ("pressure" in json) json.pressure = [];
  if ("preference" in json) json.preference = [];
  empty("seatFill", "byBand");
  empty("seatFill", "byRoom");
  empty("ghostRate", "byRoom");
  empty("occupiedUtilisation", "byRoom");
  return { ...json, filters: {}, recommendations: [] };
}

describe.each(databaseKinds())("room filters and the small-group rule on %s", (kind) => {
  let database: TestDatabase;
  let roomIds: Map<string, number>;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, roomSpecs, records);
    const rows = await database.db.query.rooms.findMany({ columns: { id: true, name: true } });
    roomIds = new Map(rows.map((row) => [row.name, row.id]));
  });
  afterAll(() => database.drop());

  it("shows every room's totals under a building filter, so all rooms − North is nothing", async () => {
    const all = await viewLoaders.behaviour(database.db, week, {});
    const north = await viewLoaders.behaviour(database.db, week, { building: "North" });
    // All rooms: 11 + 3 = 14 bookings and 11 + 5 = 16 booked hours, by 14 people. North alone would be
    // 11 and 11 h, and the difference South's 3 bookings and 5 h.
    expect(all.trends.current).toMatchObject({ bookings: 14, bookedHours: 16, suppressed: false });
    expect(north.trends.current).toEqual(all.trends.current);
    expect(north.behaviour.durations.bookings).toBe(14);
    expect(north.behaviour).toEqual(all.behaviour);
    expect(north.trends).toEqual(all.trends);
  });

  it("lists the chosen rooms' rows exactly as the all-rooms view shows them", async () => {
    const right = await viewLoaders["right-sizing"](database.db, week, { building: "North" });
    const all = await viewLoaders["right-sizing"](database.db, week, {});
    // Seat fill over every room: 14 bookings with a count.
    expect(right.seatFill.bookings).toBe(14);
    expect(right.seatFill.byRoom.map((room) => room.name).sort()).toEqual(["N1", "N2"]);
    for (const room of right.seatFill.byRoom) expect(room).toEqual(all.seatFill.byRoom.find((row) => row.id === room.id));
  });

  it.each(viewIds)("narrows only the row lists of the %s view, for every filter", async (view) => {
    const all = await viewLoaders[view](database.db, week, {});
    const allLists = rowLists(all);
    for (const { filters, rooms } of cases) {
      const shown = await viewLoaders[view](database.db, week, filters);
      expect(shown.filters).toEqual(filters);
      expect(withoutRows(shown)).toEqual(withoutRows(all));
      const ids = new Set(rooms.map((name) => roomIds.get(name)));
      for (const [name, list] of Object.entries(rowLists(shown))) {
        const whole = allLists[name] ?? [];
        for (const row of list) {
          // Every row listed is one the all-rooms view lists, value for value.
          expect(whole).toContainEqual(row);
          if (name === "pressure") {
            if (filters.building !== undefined) expect(row.building).toBe(filters.building);
            if (filters.band !== undefined) expect(row.band).toBe(filters.band);
          } else if (name === "bands") {
            if (filters.band !== undefined) expect(row.band).toBe(filters.band);
          } else {
            expect(ids.has(row.id)).toBe(true);
          }
        }
        // And every all-rooms row of a kept room is listed.
        if (name !== "pressure" && name !== "bands") {
          expect(list.length).toBe(whole.filter((row) => ids.has(row.id)).length);
        }
      }
    }
  });

  it("gives the API and the CLI the same rule", async () => {
    const all = await getPlannerMetrics(database.db, week, {});
    const north = await getPlannerMetrics(database.db, week, { building: "North" });
    expect(north.trends).toEqual(all.trends);
    expect(north.behaviour).toEqual(all.behaviour);
    expect(north.seatFill.bookings).toBe(all.seatFill.bookings);
    expect(north.seatFill.byRoom.map((room) => room.name).sort()).toEqual(["N1", "N2"]);
    expect(north.ghostRate.ghostRate).toBe(all.ghostRate.ghostRate);
  });

  it("serves each filter from the one cached all-rooms view", async () => {
    clearViewCache(database.db);
    for (const { filters } of cases) {
      // The cache adds only how current the figures are.
      const { freshness, ...cached } = await cachedView(database.db, "overview", week, filters);
      expect(cached).toEqual(await viewLoaders.overview(database.db, week, filters));
      expect(freshness.updating).toBe(false);
    }
  });
});

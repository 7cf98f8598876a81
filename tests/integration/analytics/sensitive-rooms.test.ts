import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms } from "@/db/schema";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { checkinPeriodsServe } from "@/lib/analytics/checkin-periods";
import { choicePeriodsServe } from "@/lib/analytics/choice-periods";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { heatmapPeriodsServe } from "@/lib/analytics/heatmap-periods";
import { pressurePeriodsServe } from "@/lib/analytics/pressure-periods";
import { repairPeriods } from "@/lib/analytics/rollup-refresh";
import { roomScope, type RoomFilters } from "@/lib/analytics/room-filter";
import { loadWorkingTime } from "@/lib/analytics/scope";
import { periodsServe } from "@/lib/analytics/seat-fill-periods";
import { usagePeriodsServe } from "@/lib/analytics/usage-periods";
import { viewIds, viewLoaders } from "@/lib/analytics/views/data";
import { buildExport } from "@/lib/analytics/views/export";
import { viewTableIds } from "@/lib/analytics/views/tables";
import { listWhatIfRooms, runWhatIf } from "@/lib/analytics/what-if";
import { formatMetricsTable, toMetricsJson } from "@/lib/metrics-output";
import { suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { getSettings } from "@/lib/settings";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people, week, type RoomSpec } from "./analytics-fixture";

/**
 * One floor of four rooms, "Wellbeing" being the sensitive one (a health room). Six people book each
 * room every weekday, so no cell is under k = 5 and small-group suppression hides nothing: whatever is
 * hidden here is hidden because the room is sensitive. Wellbeing has 12 seats and meetings of two,
 * so unmarked it would be named by the right-sizing recommendation too.
 */
const SENSITIVE = "Wellbeing";
const estate: RoomSpec[] = [
  { name: "Alder", building: "N", floor: "1", capacity: 6, amenities: ["screen"] },
  { name: "Birch", building: "N", floor: "1", capacity: 6, amenities: ["screen"] },
  { name: "Cedar", building: "N", floor: "1", capacity: 12, amenities: ["video"] },
  { name: SENSITIVE, building: "N", floor: "1", capacity: 12, amenities: ["video"] },
];

const days = ["02", "03", "04", "05", "06"];
const hour = (h: number) => String(h).padStart(2, "0");
/** Six organizers, one hour each, every weekday, from `first` o'clock. */
function weekOf(room: string, prefix: string, first: number, attendees: number) {
  return people(prefix, 6).flatMap((who, i) =>
    days.map((day) =>
      rawBooking(room, `2026-03-${day}T${hour(first + i)}:00:00Z`, `2026-03-${day}T${hour(first + i + 1)}:00:00Z`, {
        ...by(who),
        attendeeCount: attendees,
        bookedAt: new Date("2026-02-20T09:00:00Z"),
        checkedInAt: new Date(`2026-03-${day}T${hour(first + i)}:05:00Z`),
      }),
    ),
  );
}
const others = [...weekOf("Alder", "a", 8, 4), ...weekOf("Birch", "b", 9, 5), ...weekOf("Cedar", "c", 10, 8)];
// Wellbeing's own people are a different group, so even distinct-organizer totals would move with them.
const sensitiveBookings = weekOf(SENSITIVE, "w", 8, 2);

const filterCases: RoomFilters[] = [{}, { building: "N" }, { floor: "1" }, { band: "9-12" }, { amenity: "video" }];

/** Every planner output for one filter, serialised as it leaves the product (exports, API/CLI JSON, CLI table, what-if). */
async function everyOutput(database: TestDatabase, filters: RoomFilters): Promise<Record<string, string>> {
  const outputs: Record<string, string> = {};
  for (const id of viewIds) {
    const view = await viewLoaders[id](database.db, week, filters);
    outputs[`export ${id} json`] = buildExport(view, { format: "json", table: undefined })?.body ?? "";
    for (const table of viewTableIds[id]) outputs[`export ${id} ${table} csv`] = buildExport(view, { format: "csv", table })?.body ?? "";
  }
  const [dashboard, planner] = await Promise.all([getDashboardMetrics(database.db, week), getPlannerMetrics(database.db, week, filters)]);
  outputs["metrics --json and /api/v1"] = JSON.stringify(toMetricsJson(dashboard, planner));
  outputs["metrics table"] = formatMetricsTable(dashboard);
  outputs["what-if rooms"] = JSON.stringify(await listWhatIfRooms(database.db));
  outputs["what-if"] = JSON.stringify(await runWhatIf(database.db, { range: week, removed: [], added: [] }));
  return outputs;
}

const mentions = (outputs: Record<string, string>) => Object.keys(outputs).filter((key) => outputs[key]?.includes(SENSITIVE));

async function markSensitive(database: TestDatabase): Promise<void> {
  await database.db.update(rooms).set({ sensitive: true }).where(eq(rooms.name, SENSITIVE));
}

describe.each(databaseKinds())("sensitive rooms on %s", (kind) => {
  let booked: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    // The same estate twice: once with the sensitive room's bookings, once without any.
    [booked, empty] = await Promise.all([
      openAnalyticsDatabase(kind, estate, [...others, ...sensitiveBookings]),
      openAnalyticsDatabase(kind, estate, others),
    ]);
  });
  afterAll(async () => {
    await Promise.all([booked.drop(), empty.drop()]);
  });

  it("names the room while it is not marked (so the checks below can fail)", async () => {
    const [outputs, without] = await Promise.all([everyOutput(booked, {}), everyOutput(empty, {})]);
    expect(mentions(outputs)).toEqual(expect.arrayContaining(["export overview json", "metrics --json and /api/v1", "what-if rooms"]));
    // Unmarked, its bookings move the figures: the equality check below has something to catch.
    expect(outputs["metrics --json and /api/v1"]).not.toEqual(without["metrics --json and /api/v1"]);
  });

  it("once marked, no output names it, with any filter", async () => {
    await Promise.all([markSensitive(booked), markSensitive(empty)]);
    for (const filters of filterCases) {
      expect(mentions(await everyOutput(booked, filters)), JSON.stringify(filters)).toEqual([]);
    }
  });

  it("every output is the same whether it holds bookings or not: nothing of it can be recovered by subtraction", async () => {
    // If any total, band, peer group, heatmap cell or pressure figure still counted the room, the two
    // databases would differ there; equal outputs mean no arithmetic on them can reveal its bookings.
    for (const filters of filterCases) {
      const [withBookings, without] = await Promise.all([everyOutput(booked, filters), everyOutput(empty, filters)]);
      // Both databases give the rooms the same ids (inserted in the same order), so outputs compare whole.
      expect(withBookings, JSON.stringify(filters)).toEqual(without);
    }
  });

  it("and the same once the period tables are rebuilt without it and answer the views", async () => {
    // Marking a room leaves the periods that hold it stale, so the views above read the bookings and
    // hour rollups; the repair (the server's schedule) rebuilds them, and from then on they answer.
    await Promise.all([repairPeriods(booked.db), repairPeriods(empty.db)]);
    const time = await loadWorkingTime(booked.db);
    const k = await suppressionThreshold(booked.db, (await getSettings(booked.db)).minGroupSize);
    expect(await usagePeriodsServe(booked.db, time, k)).toBe(true);
    expect(await checkinPeriodsServe(booked.db, time, k)).toBe(true);
    expect(await choicePeriodsServe(booked.db, time, k)).toBe(true);
    expect(await periodsServe(booked.db, time, roomScope(), k)).toBe(true);
    expect(await pressurePeriodsServe(booked.db, week, time, {}, k)).toBe(true);
    expect(await heatmapPeriodsServe(booked.db, week, time, k)).toBe(true);
    for (const filters of filterCases) {
      const [withBookings, without] = await Promise.all([everyOutput(booked, filters), everyOutput(empty, filters)]);
      expect(withBookings, JSON.stringify(filters)).toEqual(without);
      expect(mentions(withBookings), JSON.stringify(filters)).toEqual([]);
    }
  });

  it("still shows the other rooms of its floor, with nothing suppressed for small groups", async () => {
    const dashboard = await getDashboardMetrics(booked.db, week);
    // Alder, Birch and Cedar: 6 people × 5 days = 30 bookings each, 90 in all; Wellbeing's 30 are not counted.
    expect(dashboard.byRoom.map((room) => [room.name, room.bookings])).toEqual([["Alder", 30], ["Birch", 30], ["Cedar", 30]]);
    expect(dashboard.bookings).toBe(90);
    expect(dashboard.rooms).toBe(3);
  });
});

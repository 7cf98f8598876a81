import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, buildings, closureDays, roomHourRollups, rooms } from "@/db/schema";
import { loadWorkingTime } from "@/lib/analytics/scope";
import {
  addClosureDay,
  buildingTimeInput,
  buildingZoneInput,
  closureInput,
  listBuildings,
  removeClosureDay,
  saveBuildingTime,
  setBuildingTimeZone,
} from "@/lib/buildings/manage";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase } from "../analytics/analytics-fixture";

const refused = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map((issue) => String(issue.path[0]));

describe("building forms", () => {
  it("refuse a working day that ends before it starts, no days, an unknown zone and a bad date", () => {
    expect(refused(buildingTimeInput, { building: "East", ownHours: true, workdayStart: "17:00", workdayEnd: "09:00", ownDays: false })).toEqual(["workdayEnd"]);
    expect(refused(buildingTimeInput, { building: "East", ownHours: false, ownDays: true, workdays: [] })).toEqual(["workdays"]);
    expect(refused(buildingZoneInput, { building: "East", timeZone: "Mars/Olympus_Mons" })).toEqual(["timeZone"]);
    expect(refused(buildingZoneInput, { building: "East", timeZone: "Asia/Ho_Chi_Minh" })).toEqual([]);
    expect(refused(closureInput, { building: "", day: "2026-02-30", label: "" })).toEqual(["day"]);
  });

  it("take hours and days from the organisation when asked to", () => {
    // The time fields are ignored unless the building has its own hours.
    expect(buildingTimeInput.parse({ building: "East", ownHours: false, workdayStart: "", ownDays: true, workdays: ["6", "1"] })).toEqual({
      building: "East", ownHours: false, ownDays: true, workdays: [6, 1],
    });
  });
});

describe.each(databaseKinds())("managing buildings on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(
      kind,
      [{ name: "E1", building: "East" }, { name: "E2", building: "East" }, { name: "W1", building: "West" }, { name: "Lone" }],
      // Mon 2 March 23:30–23:45 London (GMT): local day 2 March, hour 23 there.
      [rawBooking("E1", "2026-03-02T23:30:00Z", "2026-03-02T23:45:00Z", by("p1"))],
    );
  }, 120_000);
  afterAll(() => database.drop());

  const audit = async () => (await database.db.select().from(auditLog).orderBy(asc(auditLog.id))).map((e) => [e.action, e.details]);

  it("saves a building's own time, audit-logged, and the metrics read it", async () => {
    const input = buildingTimeInput.parse({ building: "East", ownHours: true, workdayStart: "10:00", workdayEnd: "16:00", ownDays: false });
    expect(await saveBuildingTime(database.db, "user:1", input)).toBe(true);
    expect(await saveBuildingTime(database.db, "user:1", input)).toBe(false);
    expect(await database.db.select().from(buildings)).toEqual([{ name: "East", workdayStartMinute: 600, workdayEndMinute: 960, workdays: null }]);
    expect((await loadWorkingTime(database.db)).buildings).toEqual([{ building: "East", workdayStartMinute: 600, workdayEndMinute: 960, workdays: [1, 2, 3, 4, 5] }]);
    expect((await audit()).filter(([action]) => action === "building.time_changed")).toHaveLength(1);
    const [east] = await listBuildings(database.db);
    expect(east).toMatchObject({ name: "East", rooms: 2, timeZones: ["Europe/London"], hours: { startMinute: 600, endMinute: 960 }, workdays: null });
    // Rooms without a building have no entry: they work the organisation's time.
    expect((await listBuildings(database.db)).map((b) => b.name)).toEqual(["East", "West"]);
  });

  it("refuses a building no room names", async () => {
    const input = buildingTimeInput.parse({ building: "Nowhere", ownHours: false, ownDays: false });
    await expect(saveBuildingTime(database.db, "user:1", input)).rejects.toThrow("unknown building");
    await expect(addClosureDay(database.db, "user:1", { building: "Nowhere", day: "2026-03-04", label: "" })).rejects.toThrow("unknown building");
  });

  it("adds and removes closure days for one building or all, audit-logged", async () => {
    expect(await addClosureDay(database.db, "user:1", { building: "", day: "2026-04-30", label: "Reunification Day" })).toBe(true);
    expect(await addClosureDay(database.db, "user:1", { building: "East", day: "2026-03-06", label: "" })).toBe(true);
    expect(await addClosureDay(database.db, "user:1", { building: "East", day: "2026-03-06", label: "again" })).toBe(false);
    expect((await loadWorkingTime(database.db)).closures).toEqual([
      { building: "East", day: "2026-03-06" },
      { building: "", day: "2026-04-30" },
    ]);
    expect(await removeClosureDay(database.db, "user:1", { building: "East", day: "2026-03-06" })).toBe(true);
    expect(await removeClosureDay(database.db, "user:1", { building: "East", day: "2026-03-06" })).toBe(false);
    expect(await database.db.select({ building: closureDays.building, day: closureDays.day }).from(closureDays)).toEqual([{ building: "", day: "2026-04-30" }]);
    const actions = (await audit()).filter(([action]) => String(action).startsWith("building.closure"));
    expect(actions).toEqual([
      ["building.closure_added", { building: null, day: "2026-04-30", label: "Reunification Day" }],
      ["building.closure_added", { building: "East", day: "2026-03-06", label: "" }],
      ["building.closure_removed", { building: "East", day: "2026-03-06" }],
    ]);
  });

  it("sets a building's time zone on its rooms and rebuilds their rollups in the same transaction", async () => {
    const e1 = (await database.db.select().from(rooms).where(eq(rooms.name, "E1")))[0];
    const cells = async () =>
      (await database.db.select().from(roomHourRollups).where(eq(roomHourRollups.roomId, e1?.id ?? 0))).map((c) => [c.day, c.hour, c.bookedSeconds]);
    // London: 2 March, hour 23, 15 min.
    expect(await cells()).toEqual([["2026-03-02", 23, 900]]);
    expect(await setBuildingTimeZone(database.db, "user:1", { building: "East", timeZone: "Asia/Ho_Chi_Minh" })).toBe(2);
    // Ho Chi Minh City is UTC+7: 23:30 UTC is 06:30 on 3 March.
    expect(await cells()).toEqual([["2026-03-03", 6, 900]]);
    const zones = await database.db.select({ name: rooms.name, timeZone: rooms.timeZone }).from(rooms).orderBy(asc(rooms.name));
    expect(zones).toEqual([
      { name: "E1", timeZone: "Asia/Ho_Chi_Minh" },
      { name: "E2", timeZone: "Asia/Ho_Chi_Minh" },
      { name: "Lone", timeZone: "Europe/London" },
      { name: "W1", timeZone: "Europe/London" },
    ]);
    expect(await setBuildingTimeZone(database.db, "user:1", { building: "East", timeZone: "Asia/Ho_Chi_Minh" })).toBe(0);
    expect((await audit()).filter(([action]) => action === "building.time_zone_changed")).toEqual([
      ["building.time_zone_changed", { building: "East", timeZone: "Asia/Ho_Chi_Minh", rooms: 2 }],
    ]);
  });
});

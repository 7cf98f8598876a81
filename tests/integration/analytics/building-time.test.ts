import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings, closureDays } from "@/db/schema";
import { getGhostRate, getGhostRateRaw } from "@/lib/analytics/ghosts";
import { getPressure, getPressureRaw, type PressureGroupRow } from "@/lib/analytics/pressure";
import { loadWorkingTime } from "@/lib/analytics/scope";
import { listRoomUsage, listRoomUsageRaw } from "@/lib/analytics/utilisation";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, week, workTime } from "./analytics-fixture";

/*
 * Week Mon 2 – Sun 8 March 2026 in London (GMT, so local = UTC). Organisation: 08:00–18:00, Mon–Fri.
 * East has its own time: 10:00–16:00 (6 h), Mon–Sat. West has a row with every column null: it
 * inherits 08:00–18:00 (10 h), Mon–Fri. Closed: Wed 4 for every building, Fri 6 for East only.
 * Working days: East Mon, Tue, Thu, Sat = 4 × 6 h = 24 h per room; West Mon, Tue, Thu, Fri = 4 × 10 h
 * = 40 h per room. Four rooms of 4 seats (band 3–4): E1, E2 in East, W1, W2 in West.
 */
const noShow = (who: string) => ({ ...by(who), status: "no_show" as const });
const attended = (who: string, at: string) => ({ ...by(who), checkedInAt: new Date(at) });
const h = 3600;

const records = [
  rawBooking("E1", "2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z", attended("p1", "2026-03-02T09:00:00Z")), // Mon: 10–12 = 2 h
  rawBooking("E1", "2026-03-04T10:00:00Z", "2026-03-04T12:00:00Z", noShow("p2")), // Wed: closed everywhere
  rawBooking("E1", "2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z", by("p3")), // Fri: East closed
  rawBooking("E1", "2026-03-07T10:00:00Z", "2026-03-07T11:00:00Z", noShow("p4")), // Sat: East works, 1 h
  rawBooking("E2", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", by("p5")), // Mon: 2 h
  rawBooking("E2", "2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z", by("p6")), // Fri: East closed
  rawBooking("W1", "2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z", attended("p7", "2026-03-02T09:00:00Z")), // Mon: 3 h
  rawBooking("W1", "2026-03-04T10:00:00Z", "2026-03-04T11:00:00Z", by("p8")), // Wed: closed everywhere
  rawBooking("W1", "2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z", by("p9")), // Fri: 1 h
  rawBooking("W1", "2026-03-07T10:00:00Z", "2026-03-07T11:00:00Z", noShow("p10")), // Sat: West does not work
  rawBooking("W2", "2026-03-03T17:00:00Z", "2026-03-03T19:00:00Z", by("p11")), // Tue: 17–18 = 1 h
];

const rooms = [
  { name: "E1", building: "East", capacity: 4 },
  { name: "E2", building: "East", capacity: 4 },
  { name: "W1", building: "West", capacity: 4 },
  { name: "W2", building: "West", capacity: 4 },
];

const group = (groups: PressureGroupRow[], building: string | null) => groups.find((g) => g.building === building && g.band === "3-4");
const peaks = (row: PressureGroupRow | undefined) => Object.fromEntries((row?.days ?? []).map((d) => [d.day, d.peak]));

describe.each(databaseKinds())("building working time and closure days on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, rooms, records);
    await database.db.insert(buildings).values([
      { name: "East", workdayStartMinute: 10 * 60, workdayEndMinute: 16 * 60, workdays: [1, 2, 3, 4, 5, 6] },
      { name: "West", workdayStartMinute: null, workdayEndMinute: null, workdays: null },
    ]);
    await database.db.insert(closureDays).values([
      { building: "", day: "2026-03-04", label: "Closed everywhere" },
      { building: "East", day: "2026-03-06", label: "East closed" },
    ]);
  }, 120_000);
  afterAll(() => database.drop());

  it("loads each building's effective time and the closure days", async () => {
    const time = await loadWorkingTime(database.db);
    // West's row is all null: nothing of its own, so it is not listed (it works the organisation's time).
    expect(time.buildings).toEqual([{ building: "East", workdayStartMinute: 600, workdayEndMinute: 960, workdays: [1, 2, 3, 4, 5, 6] }]);
    expect(time.closures).toEqual([
      { building: "", day: "2026-03-04" },
      { building: "East", day: "2026-03-06" },
    ]);
  });

  it("utilisation counts each building's own hours and leaves closure days out", async () => {
    const time = await loadWorkingTime(database.db);
    for (const rows of [await listRoomUsage(database.db, week, time), await listRoomUsageRaw(database.db, week, time)]) {
      const byName = Object.fromEntries(rows.map((r) => [r.name, [r.bookedSeconds / h, r.workingSeconds / h]]));
      // E1: Mon 2 h + Sat 1 h = 3 h of 24 h; E2: Mon 2 h of 24 h; W1: Mon 3 h + Fri 1 h = 4 h of 40 h; W2: 1 h of 40 h.
      expect(byName).toEqual({ E1: [3, 24], E2: [2, 24], W1: [4, 40], W2: [1, 40] });
    }
    // The organisation's time alone (08–18 Mon–Fri, no closures): 50 h each; E1 Mon 3 + Wed 2 + Fri 1 = 6 h,
    // E2 Mon 2 + Fri 1 = 3 h, W1 Mon 3 + Wed 1 + Fri 1 = 5 h, W2 1 h.
    const plain = await listRoomUsage(database.db, week, workTime);
    expect(Object.fromEntries(plain.map((r) => [r.name, [r.bookedSeconds / h, r.workingSeconds / h]]))).toEqual({
      E1: [6, 50], E2: [3, 50], W1: [5, 50], W2: [1, 50],
    });
  });

  it("pressure counts only working, open time per building", async () => {
    const time = await loadWorkingTime(database.db);
    for (const groups of [await getPressure(database.db, week, {}), await getPressureRaw(database.db, week, {}, time)]) {
      const east = group(groups, "East");
      // East: both rooms booked Mon 10–12 = 2 h pressured (≥ 0.8 × 2 rooms); Fri 10–11 both booked, but East is closed.
      expect(east).toMatchObject({ rooms: 2, workingSeconds: 24 * h, pressuredSeconds: 2 * h });
      // Days listed: those any room works (Mon, Tue, Thu, Fri, Sat); Wed is closed everywhere, Sun works nowhere.
      expect(peaks(east)).toEqual({ "2026-03-02": 2, "2026-03-03": 0, "2026-03-05": 0, "2026-03-06": 0, "2026-03-07": 1 });
      // West: never both booked at once; Sat's booking is outside West's days.
      expect(group(groups, "West")).toMatchObject({ rooms: 2, workingSeconds: 40 * h, pressuredSeconds: 0 });
      expect(peaks(group(groups, "West"))).toEqual({ "2026-03-02": 1, "2026-03-03": 1, "2026-03-05": 0, "2026-03-06": 1, "2026-03-07": 0 });
      // All buildings: the union of windows, Mon/Tue/Thu 08–18 (10 h each), Fri West 10 h, Sat East 6 h = 46 h;
      // Mon 10–12 has E1, E2, W1 booked: peak 3, under 0.8 × 4 = 3.2, so never pressured.
      expect(group(groups, null)).toMatchObject({ rooms: 4, workingSeconds: 46 * h, pressuredSeconds: 0 });
      expect(peaks(group(groups, null))["2026-03-02"]).toBe(3);
    }
    // The organisation's time alone: East pressured Mon 10–12 and Fri 10–11 = 3 h of 50 h.
    expect(group(await getPressure(database.db, week, {}, workTime), "East")).toMatchObject({ workingSeconds: 50 * h, pressuredSeconds: 3 * h });
  });

  it("ghosts count only bookings inside a building's working, open time", async () => {
    const time = await loadWorkingTime(database.db);
    for (const rate of [await getGhostRate(database.db, week, {}), await getGhostRateRaw(database.db, week, {}, time)]) {
      // With check-in data: E1 Mon and W1 Mon attended; E1 Sat a no-show (East works Sat: 1 h lost);
      // E1 Wed (closed) and W1 Sat (West does not work Sat) are left out.
      expect(rate.total).toEqual({ ghosts: 1, ghostOrganizers: 1, attended: 2, attendedOrganizers: 2, lostSeconds: 1 * h });
    }
    // The organisation's time alone: E1 Wed 10–12 is the no-show (2 h lost); both Saturdays are out.
    expect((await getGhostRate(database.db, week, {}, workTime)).total).toEqual({
      ghosts: 1, ghostOrganizers: 1, attended: 2, attendedOrganizers: 2, lostSeconds: 2 * h,
    });
  });
});

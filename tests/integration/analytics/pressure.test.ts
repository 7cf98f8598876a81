import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPressure, suppressPressure } from "@/lib/analytics/pressure";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, week, workTime } from "./analytics-fixture";

const north = ["P1", "P2", "P3", "P4", "P5"];
const roomSpecs = [
  ...north.map((name) => ({ name, capacity: 6, building: "North" })),
  { name: "S1", capacity: 2, building: "North" },
  { name: "Q1", capacity: 8, building: "South" },
  { name: "U", capacity: null, building: "North" }, // unknown capacity: in no band
];

const records = [
  // Monday in North 5–8: 09:00–09:30 one room, 09:30–10:00 two, 10:00–10:30 four (P1–P4), 10:30–10:45 three,
  // 10:45–11:00 two, 11:00–12:00 one, 13:00–14:00 one. Peak 4; ≥ 4 of 5 rooms (80 %) for 30 min.
  rawBooking("P1", "2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z", by("o1")),
  rawBooking("P2", "2026-03-02T09:30:00Z", "2026-03-02T10:30:00Z", by("o2")),
  rawBooking("P3", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", by("o3")),
  rawBooking("P4", "2026-03-02T10:00:00Z", "2026-03-02T10:45:00Z", by("o4")),
  rawBooking("P5", "2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z", by("o5")),
  // Tuesday: all five North rooms 14:00–15:00 (P1 double-booked: still one room). Peak 5; 60 min under pressure.
  ...north.map((room, i) => rawBooking(room, "2026-03-03T14:00:00Z", "2026-03-03T15:00:00Z", by(`o${i + 1}`))),
  rawBooking("P1", "2026-03-03T14:00:00Z", "2026-03-03T15:00:00Z", by("o2")),
  // South's only 5–8 room, Tuesday 14:30–15:30.
  rawBooking("Q1", "2026-03-03T14:30:00Z", "2026-03-03T15:30:00Z", by("q1")),
  // Wednesday: one booking by one person.
  rawBooking("P1", "2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z", by("o1")),
  rawBooking("S1", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", by("s1")),
  rawBooking("U", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", by("u1")),
];

describe.each(databaseKinds())("pressure on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, roomSpecs, records);
  });
  afterAll(() => database.drop());

  it("computes exact concurrency, pressure and daily peaks per band, per building and across buildings", async () => {
    const groups = await getPressure(database.db, week, {}, workTime);
    expect(groups.map((g) => `${g.band} ${g.building ?? "all"} ${g.rooms}`)).toEqual([
      "1-2 all 1", "1-2 North 1", "5-8 all 6", "5-8 North 5", "5-8 South 1",
    ]);
    const northMid = groups[3];
    // 30 min (Mon) + 60 min (Tue) with ≥ 4 of 5 rooms booked; working time 5 days × 10 h = 50 h.
    expect(northMid).toMatchObject({ workingSeconds: 50 * 3600, pressuredSeconds: 90 * 60, organizers: 5, bookings: 12 });
    expect(northMid?.days.map((d) => d.peak)).toEqual([4, 5, 1, 0, 0]);
    expect(northMid?.days.map((d) => d.organizers)).toEqual([5, 5, 1, 0, 0]);
    // All buildings, 6 rooms: the threshold is 4.8, so 5 rooms. Tue 14:00–14:30 five, 14:30–15:00 six → 60 min; peak 6.
    expect(groups[2]).toMatchObject({ pressuredSeconds: 60 * 60, organizers: 6 });
    expect(groups[2]?.days.map((d) => d.peak)).toEqual([4, 6, 1, 0, 0]);
    // South's single room: under pressure whenever booked (1 ≥ 0.8).
    expect(groups[4]).toMatchObject({ pressuredSeconds: 60 * 60, organizers: 1 });
  });

  it("suppresses small groups and days, and a day whose peak the range's peak would reveal", async () => {
    const groups = suppressPressure(await getPressure(database.db, week, {}, workTime), k);
    const northMid = groups[3];
    // 1.5 h of 50 h.
    expect(northMid).toMatchObject({ pressure: 0.03, pressuredHours: 1.5, workingHours: 50, peak: 5, suppressed: false });
    // Wednesday (one organizer) is hidden; Thursday and Friday are empty. With only Wednesday unknown, the
    // range's peak and Tuesday's would pin it down, so Monday (fewest organizers, first) is hidden too.
    expect(northMid?.peakDays).toEqual([
      { day: "2026-03-02", peak: null, suppressed: true },
      { day: "2026-03-03", peak: 5, suppressed: false },
      { day: "2026-03-04", peak: null, suppressed: true },
      { day: "2026-03-05", peak: null, suppressed: true },
      { day: "2026-03-06", peak: null, suppressed: true },
    ]);
    expect(groups[2]).toMatchObject({ pressure: 1 / 50, peak: 6, suppressed: false });
    for (const index of [0, 1, 4]) expect(groups[index]).toMatchObject({ pressure: null, peak: null, suppressed: true });
  });

  it("narrows to a band", async () => {
    const groups = await getPressure(database.db, week, { band: "1-2" }, workTime);
    expect(groups.map((g) => g.building)).toEqual([null, "North"]);
  });
});

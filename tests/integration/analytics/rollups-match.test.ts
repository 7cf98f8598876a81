import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBehaviour, getBehaviourRaw } from "@/lib/analytics/behaviour";
import { getGhostRate, getGhostRateRaw } from "@/lib/analytics/ghosts";
import { listHeatmap, listHeatmapRaw } from "@/lib/analytics/heatmap";
import { getOccupiedUtilisation, getOccupiedUtilisationRaw } from "@/lib/analytics/occupied";
import { getPreference, getPreferenceRaw } from "@/lib/analytics/preference";
import { getPressure, getPressureRaw } from "@/lib/analytics/pressure";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { getSeatFill, getSeatFillRaw } from "@/lib/analytics/seat-fill";
import { getTrends, getTrendsRaw } from "@/lib/analytics/trends";
import type { DateRange } from "@/lib/analytics/types";
import { countOrganizers, countOrganizersRaw, listRoomUsage, listRoomUsageRaw } from "@/lib/analytics/utilisation";
import type { WorkingTime } from "@/lib/analytics/working-time";
import type { Db } from "@/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";
import { rawBooking } from "../../support/array-connector";
import { estateArb, loadEstate } from "../../support/random-bookings";
import { expectSameFigures } from "../../support/same-figures";

const by = (who: string) => ({ organizerEmail: `${who}@example.com` });

type Query = { range: DateRange; time: WorkingTime; filters: RoomFilters };

/**
 * Every metric family, through the rollups (the functions the app calls) and through the reference
 * SQL over the bookings (`*Raw`), on random estates: the two must agree exactly (floating sums to the
 * last few bits). Ranges start mid-period, so bookings from the evening before must drop out; working
 * times include a whole-day one with DST nights and a Saturday, buildings with their own hours and
 * days, and closure days.
 */
const families: [string, (db: Db, q: Query) => Promise<unknown>, (db: Db, q: Query) => Promise<unknown>][] = [
  ["usage", (db, q) => listRoomUsage(db, q.range, q.time), (db, q) => listRoomUsageRaw(db, q.range, q.time)],
  ["organizers", (db, q) => countOrganizers(db, q.range, q.time), (db, q) => countOrganizersRaw(db, q.range, q.time)],
  ["heatmap", (db, q) => listHeatmap(db, q.range, q.time), (db, q) => listHeatmapRaw(db, q.range, q.time)],
  ["occupied", (db, q) => getOccupiedUtilisation(db, q.range, q.filters, q.time), (db, q) => getOccupiedUtilisationRaw(db, q.range, q.filters, q.time)],
  ["ghosts", (db, q) => getGhostRate(db, q.range, q.filters, q.time), (db, q) => getGhostRateRaw(db, q.range, q.filters, q.time)],
  ["pressure", (db, q) => getPressure(db, q.range, q.filters, q.time), (db, q) => getPressureRaw(db, q.range, q.filters, q.time)],
  ["seatFill", (db, q) => getSeatFill(db, q.range, q.filters, q.time), (db, q) => getSeatFillRaw(db, q.range, q.filters, q.time)],
  ["preference", (db, q) => getPreference(db, q.range, q.filters, q.time), (db, q) => getPreferenceRaw(db, q.range, q.filters, q.time)],
  ["behaviour", (db, q) => getBehaviour(db, q.range, q.filters, q.time), (db, q) => getBehaviourRaw(db, q.range, q.filters, q.time)],
  ["trends", (db, q) => getTrends(db, q.range, q.filters, q.time), (db, q) => getTrendsRaw(db, q.range, q.filters, q.time)],
];

const organisationTimes = [
  { workdayStartMinute: 8 * 60, workdayEndMinute: 18 * 60, workdays: [1, 2, 3, 4, 5] },
  { workdayStartMinute: 0, workdayEndMinute: 23 * 60, workdays: [1, 2, 3, 4, 5, 6, 7] },
  { workdayStartMinute: 6 * 60, workdayEndMinute: 21 * 60, workdays: [2, 3, 6] },
];
const times: WorkingTime[] = organisationTimes.map((time) => ({ ...time, buildings: [], closures: [] }));
/**
 * Working time with building-specific hours and days (for none, one or both of the estate's
 * buildings) and closure days, for one building or for all ("").
 */
const timeArb: fc.Arbitrary<WorkingTime> = fc.record({
  organisation: fc.constantFrom(...organisationTimes),
  buildings: fc.uniqueArray(
    fc.record({ building: fc.constantFrom("N", "S"), window: fc.constantFrom(...organisationTimes, { workdayStartMinute: 10 * 60, workdayEndMinute: 14 * 60, workdays: [1, 3, 7] }) }),
    { maxLength: 2, selector: (b) => b.building },
  ),
  closures: fc.uniqueArray(
    fc.record({ building: fc.constantFrom("", "N", "S"), day: fc.integer({ min: 1, max: 31 }).map((day) => march(day)) }),
    { maxLength: 4, selector: (c) => `${c.building}/${c.day}` },
  ),
}).map(({ organisation, buildings, closures }) => ({
  ...organisation,
  buildings: buildings.map(({ building, window }) => ({ building, ...window })),
  closures,
}));
/** A range inside the generated March: often starting mid-month, so bookings from the evening before it must drop out. */
const rangeArb: fc.Arbitrary<DateRange> = fc
  .record({ from: fc.integer({ min: 1, max: 28 }), days: fc.integer({ min: 0, max: 12 }) })
  .map(({ from, days }) => ({ from: march(from), to: march(Math.min(31, from + days)) }));
const march = (day: number) => `2026-03-${String(day).padStart(2, "0")}`;
const filterSets: RoomFilters[] = [{}, { building: "N" }, { band: "5-8" }, { amenity: "video" }];

const queryArb = fc.record({
  range: rangeArb,
  time: fc.oneof(fc.constantFrom(...times), timeArb),
  filters: fc.constantFrom(...filterSets),
});

describe.each(databaseKinds())("rollups against the reference SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("agree on every family for random estates", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArb, fc.array(queryArb, { minLength: 2, maxLength: 3 }), async (estate, queries) => {
        await loadEstate(database, estate);
        for (const query of queries) {
          for (const [name, fast, raw] of families) {
            expectSameFigures(await fast(database.db, query), await raw(database.db, query), `${name} ${JSON.stringify(query)}`);
          }
        }
      }),
      { numRuns: 30, seed: 20260301, endOnFailure: true },
    );
  });

  it("leaves out, on a range's first day, a booking that began the evening before", { timeout: 120_000 }, async () => {
    const room = { name: "R1", capacity: 6, building: "N", floor: "1", timeZone: "Europe/London", active: true, amenities: [] };
    await loadEstate(database, {
      rooms: [room],
      bookings: [
        // Mon 9 March 22:00 – Tue 09:00, then Tue 08:30–09:30 (London is on GMT).
        rawBooking("R1", "2026-03-09T22:00:00Z", "2026-03-10T09:00:00Z", by("night")),
        rawBooking("R1", "2026-03-10T08:30:00Z", "2026-03-10T09:30:00Z", by("day")),
      ],
    });
    const time = times[0] as WorkingTime;
    for (const list of [listRoomUsage, listRoomUsageRaw]) {
      // From Tuesday: only the day booking, 08:30–09:30 = 1 h. From Monday: the union 08:00–09:30 = 1.5 h.
      expect((await list(database.db, { from: "2026-03-10", to: "2026-03-10" }, time))[0]).toMatchObject({ bookedSeconds: 3600, bookings: 1, organizers: 1 });
      expect((await list(database.db, { from: "2026-03-09", to: "2026-03-10" }, time))[0]).toMatchObject({ bookedSeconds: 5400, bookings: 2, organizers: 2 });
    }
  });
});

import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { pressurePeriodsServe, rebuildPressureBands, SWEPT_BAND_DAYS } from "@/lib/analytics/pressure-periods";
import { getPressure, getPressureRaw } from "@/lib/analytics/pressure";
import { capacityBandIds } from "@/lib/analytics/bands";
import { repairPressurePeriods } from "@/lib/analytics/rollup-refresh";
import { loadWorkingTime } from "@/lib/analytics/scope";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import type { DateRange } from "@/lib/analytics/types";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { excludePerson } from "@/lib/privacy/exclusion";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { estateArbOver, ingestBookings, loadEstate, rangeArbOver, workingTimeArbOver, writeAfterImport } from "../../support/random-bookings";
import { expectSameFigures } from "../../support/same-figures";

/**
 * Pressure from the pressure periods (pressure-periods.ts) against the reference SQL over the
 * bookings, on random estates over February and March 2026 whose rooms sit in four zones (so the
 * all-buildings groups mix them): random ranges, working times with building hours and closures,
 * bookings past midnight; then through writes, which must rewrite the days around them for every
 * group of the band, and through directory changes, which must send views to the bookings until
 * repaired. Organizer counts are compared up to the cap, as the small-group rule reads them.
 */
const period = { start: Date.UTC(2026, 1, 1), days: 59 };
const rangeArb = rangeArbOver(period, fc.integer({ min: 0, max: 50 }));
const timeArb = workingTimeArbOver(period);
const filterSets: RoomFilters[] = [{}, { band: "5-8" }];
const queryArb = fc.record({ range: rangeArb, filters: fc.constantFrom(...filterSets), cap: fc.integer({ min: 1, max: 12 }) });
type Query = { range: DateRange; filters: RoomFilters; cap: number };

/** Seconds under pressure over every comparison: the tests must meet some. */
let pressuredSeen = 0;

async function expectSamePressure(database: TestDatabase, time: WorkingTime, query: Query) {
  const periods = await getPressure(database.db, query.range, query.filters, time, query.cap);
  expectSameFigures(periods, await getPressureRaw(database.db, query.range, query.filters, time, query.cap), JSON.stringify({ query, time }));
  pressuredSeen += periods.reduce((sum, group) => sum + group.pressuredSeconds, 0);
}

async function expectPeriodsMatch(database: TestDatabase, time: WorkingTime, query: Query) {
  // The periods must be what answers, or this compares the reference with itself.
  expect(await pressurePeriodsServe(database.db, query.range, time, query.filters, query.cap), JSON.stringify({ query, time })).toBe(true);
  await expectSamePressure(database, time, query);
}

const countOf = async (database: TestDatabase, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(database.db, query))[0]?.n;

/** Writes after which no band day was dirty, and those after which some were: the tests must meet both. */
const writesSeen = { swept: 0, dirty: 0 };

/**
 * After a write: it rewrote its band days, or (more than SWEPT_BAND_DAYS) deleted them and marked them
 * dirty; either way no row of a dirty day is left, and whichever path answers gives the reference's
 * figures. Dirty days stay across later writes until the caller repairs them.
 */
async function expectExactAfterWrite(database: TestDatabase, time: WorkingTime, query: Query) {
  const dirty = await countOf(database, sql`SELECT count(*)::integer AS n FROM pressure_dirty`);
  expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM pressure_periods JOIN pressure_dirty USING (band, day)`)).toBe(0);
  if (dirty === 0) {
    writesSeen.swept += 1;
    await expectPeriodsMatch(database, time, query);
  } else {
    writesSeen.dirty += 1;
    await expectSamePressure(database, time, query);
  }
}

const room = (name: string, building: string, timeZone: string) => ({ name, capacity: 6, building, floor: "1", timeZone, active: true, amenities: [] });

describe.each(databaseKinds())("pressure periods against the reference SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("agree for random estates, working times and ranges", { timeout: 600_000 }, async () => {
    const before = pressuredSeen;
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 200), timeArb, fc.array(queryArb, { minLength: 2, maxLength: 4 }), async (estate, time, queries) => {
        await loadEstate(database, estate);
        await database.db.transaction((tx) => rebuildPressureBands(tx, capacityBandIds, time));
        for (const query of queries) await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 25, seed: 20260301, endOnFailure: true },
    );
    expect(pressuredSeen - before).toBeGreaterThan(0);
  });

  it("stay exact through imports to other rooms of the band, a re-import and an exclusion", { timeout: 600_000 }, async () => {
    const before = { ...writesSeen };
    await fc.assert(
      // Up to 600 bookings from the second source: enough band days, at times, to be left dirty.
      fc.asyncProperty(estateArbOver(period, 120), estateArbOver(period, 600), fc.nat(11), queryArb, async (estate, more, person, query) => {
        await loadEstate(database, estate);
        // The first import leaves the bands it booked, which have no basis yet, to the repair (the
        // server's warm-up schedule); the writes after it are refreshed in their own transactions.
        const time = await loadWorkingTime(database.db);
        await repairPressurePeriods(database.db);
        await expectPeriodsMatch(database, time, query);
        await writeAfterImport(database, estate, more, person, () => expectExactAfterWrite(database, time, query));
        await repairPressurePeriods(database.db);
        expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM pressure_dirty`)).toBe(0);
        await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 15, seed: 20260302, endOnFailure: true },
    );
    expect(writesSeen.swept - before.swept).toBeGreaterThan(0);
    expect(writesSeen.dirty - before.dirty).toBeGreaterThan(0);
  });

  it("keep nothing of an exclusion too large to sweep: its days are dirty, read from the bookings, then repaired", { timeout: 60_000 }, async () => {
    // Ada books A and Bao books B (both 5–8, UTC) 10:00–11:00 and 10:30–11:30 every day from 1 Feb
    // to 10 Apr: excluding Ada touches 69 days of the band, more than a write sweeps.
    const days = Array.from({ length: 69 }, (_, i) => new Date(Date.UTC(2026, 1, 1 + i)).toISOString().slice(0, 10));
    expect(days.length).toBeGreaterThan(SWEPT_BAND_DAYS);
    await loadEstate(database, {
      rooms: [room("A", "L", "UTC"), room("B", "L", "UTC")],
      bookings: days.flatMap((day) => [
        rawBooking("A", `${day}T10:00:00Z`, `${day}T11:00:00Z`, { organizerEmail: "ada@example.com" }),
        rawBooking("B", `${day}T10:30:00Z`, `${day}T11:30:00Z`, { organizerEmail: "bao@example.com" }),
      ]),
    });
    const time = await loadWorkingTime(database.db);
    await repairPressurePeriods(database.db);
    // Monday 2 to Friday 6 March, in working hours (08:00–18:00 on weekdays).
    const week = { from: "2026-03-02", to: "2026-03-06" };
    const group = async (rows: Promise<Awaited<ReturnType<typeof getPressure>>>) => (await rows).find((g) => g.band === "5-8" && g.building === null);
    // Both rooms (≥ 0.8 × 2) 10:30–11:00 each day: 5 × 1800 s.
    expect(await pressurePeriodsServe(database.db, week, time, {}, 5)).toBe(true);
    expect(await group(getPressure(database.db, week, {}, time, 5))).toMatchObject({ pressuredSeconds: 9000, bookings: 10, organizers: 2 });
    const [ada] = await queryRows<{ id: number }>(database.db, sql`SELECT o.id FROM organizers o JOIN bookings b ON b.organizer_pseudonym = o.pseudonym JOIN rooms r ON r.id = b.room_id WHERE r.name = 'A' LIMIT 1`);

    await excludePerson(database.db, testKeys, "ada@example.com", "member");
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM pressure_dirty WHERE band = '5-8'`)).toBe(69);
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM pressure_periods WHERE organizer_ids @> ARRAY[${ada?.id}::integer]`)).toBe(0);
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM pressure_periods WHERE band = '5-8'`)).toBe(0);
    expect(await pressurePeriodsServe(database.db, week, time, {}, 5)).toBe(false);
    // A range without dirty days is still read from the periods.
    expect(await pressurePeriodsServe(database.db, { from: "2026-04-20", to: "2026-04-24" }, time, {}, 5)).toBe(true);
    // Bao alone: one room of two booked, never 80 %.
    const alone = { pressuredSeconds: 0, bookings: 5, organizers: 1 };
    expect(await group(getPressure(database.db, week, {}, time, 5))).toMatchObject(alone);

    expect(await repairPressurePeriods(database.db)).toBe(69);
    expect(await pressurePeriodsServe(database.db, week, time, {}, 5)).toBe(true);
    expect(await group(getPressure(database.db, week, {}, time, 5))).toMatchObject(alone);
    expect((await group(getPressure(database.db, week, {}, time, 5)))?.days.map((d) => d.peak)).toEqual([1, 1, 1, 1, 1]);
    await expectPeriodsMatch(database, time, { range: { from: "2026-02-01", to: "2026-04-10" }, filters: {}, cap: 5 });
  });

  it("are not read once a room changes band, zone or leaves, until repaired", { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        estateArbOver(period, 80),
        fc.constantFrom(
          sql`UPDATE rooms SET capacity = 6 WHERE id = 1`,
          sql`UPDATE rooms SET capacity = 20 WHERE id = 1`,
          sql`UPDATE rooms SET active = false WHERE id = 2`,
          sql`UPDATE rooms SET time_zone = 'Africa/Abidjan' WHERE id = 3`,
        ),
        queryArb,
        async (estate, change, query) => {
          await loadEstate(database, estate);
          const time = await loadWorkingTime(database.db);
          await repairPressurePeriods(database.db);
          const before = await queryRows(database.db, sql`SELECT * FROM pressure_basis ORDER BY band, all_buildings, building`);
          await database.db.execute(change);
          // Whichever path answers, the figures are the reference's.
          await expectSamePressure(database, time, query);
          const repaired = await repairPressurePeriods(database.db);
          await expectPeriodsMatch(database, time, query);
          const after = await queryRows(database.db, sql`SELECT * FROM pressure_basis ORDER BY band, all_buildings, building`);
          // A repair that changed no basis rebuilt nothing, and one that changed some rebuilt a band.
          expect(repaired > 0).toBe(JSON.stringify(before) !== JSON.stringify(after));
        },
      ),
      { numRuns: 10, seed: 20260303, endOnFailure: true },
    );
  });

  it("count a booking from the evening before, on each room's own day", { timeout: 60_000 }, async () => {
    // Two 5–8 rooms, working all day: A in London (building L), B in New York (building N). The
    // all-buildings group's Tuesday is each room's own Tuesday.
    await loadEstate(database, {
      rooms: [room("A", "L", "Europe/London"), room("B", "N", "America/New_York")],
      bookings: [
        // A: Tue 3 Mar 04:00–06:00 London (GMT) = Mon 23:00 – Tue 01:00 New York (EST).
        rawBooking("A", "2026-03-03T04:00:00Z", "2026-03-03T06:00:00Z", { organizerEmail: "ana@example.com" }),
        // B: Mon 23:00 – Tue 01:30 New York: a booking from the Monday evening.
        rawBooking("B", "2026-03-03T04:00:00Z", "2026-03-03T06:30:00Z", { organizerEmail: "bao@example.com" }),
      ],
    });
    await database.db.execute(sql`UPDATE settings SET workday_start_minute = 0, workday_end_minute = 1440, workdays = '{1,2,3,4,5,6,7}'`);
    const time = await loadWorkingTime(database.db);
    const tuesday = { from: "2026-03-03", to: "2026-03-03" };
    expect(await pressurePeriodsServe(database.db, tuesday, time, {}, 5)).toBe(false);
    await repairPressurePeriods(database.db);
    const group = (rows: Awaited<ReturnType<typeof getPressure>>, building: string | null) => rows.find((g) => g.band === "5-8" && g.building === building);
    for (const rows of [await getPressure(database.db, tuesday, {}, time, 5), await getPressureRaw(database.db, tuesday, {}, time, 5)]) {
      // Tuesday: A booked 04:00–06:00 UTC (its Tuesday), B 05:00–06:30 UTC (its Tuesday 00:00–01:30, from
      // the Monday booking). Both rooms (≥ 0.8 × 2) 05:00–06:00 UTC: 1 h; peak 2.
      // Working time: London's Tuesday (00:00–24:00 UTC) and New York's (05:00 UTC to 05:00 UTC Wednesday): 29 h.
      expect(group(rows, null)).toMatchObject({ rooms: 2, workingSeconds: 29 * 3600, pressuredSeconds: 3600, bookings: 2, organizers: 2 });
      expect(group(rows, null)?.days).toEqual([{ day: "2026-03-03", peak: 2, bookings: 2, organizers: 2 }]);
      // Building L alone, in London: A on its Tuesday 04:00–06:00, one room of one: 2 h.
      expect(group(rows, "L")).toMatchObject({ rooms: 1, pressuredSeconds: 7200, bookings: 1, organizers: 1 });
      // Building N alone: B's Tuesday part, 00:00–01:30.
      expect(group(rows, "N")).toMatchObject({ rooms: 1, pressuredSeconds: 5400, bookings: 1, organizers: 1 });
    }
    // A second source books A 06:00–06:30 UTC: both rooms now for 1.5 h, written by the import's refresh.
    await ingestBookings(database, [rawBooking("A", "2026-03-03T06:00:00Z", "2026-03-03T06:30:00Z", { organizerEmail: "cam@example.com" })], "second");
    expect(await pressurePeriodsServe(database.db, tuesday, time, {}, 5)).toBe(true);
    const all = group(await getPressure(database.db, tuesday, {}, time, 5), null);
    expect(all).toMatchObject({ pressuredSeconds: 5400, bookings: 3, organizers: 3 });
    expect(all?.days).toEqual([{ day: "2026-03-03", peak: 2, bookings: 3, organizers: 3 }]);
    await database.db.execute(sql`UPDATE settings SET workday_start_minute = 480, workday_end_minute = 1080, workdays = '{1,2,3,4,5}'`);
  });
});

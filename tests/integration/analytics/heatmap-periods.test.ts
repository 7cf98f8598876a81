import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { listHeatmap, listHeatmapRaw, type HeatmapRow } from "@/lib/analytics/heatmap";
import { heatmapPeriodsServe, lockHeatmap, rebuildHeatmap, SWEPT_DAYS } from "@/lib/analytics/heatmap-periods";
import { getTrends, getTrendsRaw, previousPeriod, type WeeklyRows } from "@/lib/analytics/trends";
import { getBehaviour, getBehaviourRaw, type BehaviourRows } from "@/lib/analytics/behaviour";
import type { Tally } from "@/lib/analytics/cell-suppression";
import { repairHeatmapPeriods } from "@/lib/analytics/rollup-refresh";
import { loadWorkingTime } from "@/lib/analytics/scope";
import type { DateRange } from "@/lib/analytics/types";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { excludePerson } from "@/lib/privacy/exclusion";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { estateArbOver, loadEstate, rangeArbOver, workingTimeArbOver, writeAfterImport } from "../../support/random-bookings";
import { expectSameFigures } from "../../support/same-figures";

/**
 * The heatmap, the weekly trends and booking behaviour from their day periods (heatmap-periods.ts,
 * behaviour-periods.ts) against the reference SQL over the bookings,
 * on random estates over January to April 2026 whose rooms sit in four zones: random ranges, working
 * times with building hours and closures, bookings past midnight; then through writes, which rewrite
 * the days they touch or, touching more than SWEPT_DAYS, leave them dirty. Organizer counts are
 * compared up to the cap, as the small-group rule reads them.
 */
const period = { start: Date.UTC(2026, 0, 1), days: 120 };
const rangeArb = rangeArbOver(period, fc.integer({ min: 0, max: 100 }));
const queryArb = fc.record({ range: rangeArb, cap: fc.integer({ min: 1, max: 12 }) });
type Query = { range: DateRange; cap: number };

const capped = (rows: HeatmapRow[], cap: number) => rows.map((row) => ({ ...row, organizers: Math.min(row.organizers, cap) }));

/** Booked seconds and weekly bookings over every comparison: the tests must meet some. */
let bookedSeen = 0;
let weeklyBookingsSeen = 0;
/** Comparisons with bookings and a median lead time: the tests must meet some. */
let behaviourSeen = 0;

const cappedWeeks = (rows: WeeklyRows, cap: number): WeeklyRows => ({
  range: rows.range,
  weeks: rows.weeks.map((week) => ({ ...week, organizers: Math.min(week.organizers, cap) })),
  total: { ...rows.total, organizers: Math.min(rows.total.organizers, cap) },
});

const cappedBehaviour = (rows: BehaviourRows, cap: number): BehaviourRows => {
  const tally = (t: Tally): Tally => ({ bookings: t.bookings, organizers: Math.min(t.organizers, cap) });
  return {
    ...rows,
    held: tally(rows.held),
    all: tally(rows.all),
    cancelled: tally(rows.cancelled),
    leadKnown: tally(rows.leadKnown),
    lead: rows.lead.map(tally),
    leadUnknown: tally(rows.leadUnknown),
    durations: rows.durations.map(tally),
    recurring: rows.recurring.map(tally),
    outcomes: rows.outcomes.map(tally),
  };
};

/** The heatmap, the weekly trends (of the range and its previous period) and booking behaviour, against the reference. */
async function expectSameHeatmap(database: TestDatabase, time: WorkingTime, query: Query) {
  const where = JSON.stringify({ query, time });
  const periods = await listHeatmap(database.db, query.range, time, query.cap);
  expectSameFigures(periods, capped(await listHeatmapRaw(database.db, query.range, time), query.cap), where);
  bookedSeen += periods.reduce((sum, cell) => sum + cell.bookedSeconds, 0);
  const trends = await getTrends(database.db, query.range, {}, time, query.cap);
  const raw = await getTrendsRaw(database.db, query.range, {}, time);
  expectSameFigures(trends, { current: cappedWeeks(raw.current, query.cap), previous: cappedWeeks(raw.previous, query.cap) }, where);
  weeklyBookingsSeen += trends.current.total.bookings;
  const behaviour = await getBehaviour(database.db, query.range, {}, time, query.cap);
  expectSameFigures(behaviour, cappedBehaviour(await getBehaviourRaw(database.db, query.range, {}, time), query.cap), where);
  behaviourSeen += behaviour.all.bookings > 0 && behaviour.medianLeadSeconds !== null ? 1 : 0;
}

async function expectPeriodsMatch(database: TestDatabase, time: WorkingTime, query: Query) {
  // The periods must be what answers, or this compares the reference with itself.
  const where = JSON.stringify({ query, time });
  expect(await heatmapPeriodsServe(database.db, query.range, time, query.cap), where).toBe(true);
  expect(await heatmapPeriodsServe(database.db, previousPeriod(query.range), time, query.cap), where).toBe(true);
  await expectSameHeatmap(database, time, query);
}

const countOf = async (database: TestDatabase, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(database.db, query))[0]?.n;

/** Writes after which no day was dirty, and those after which some were: the tests must meet both. */
const writesSeen = { swept: 0, dirty: 0 };

/**
 * After a write: it rewrote its days, or (more than SWEPT_DAYS) deleted them and marked them dirty;
 * either way no row of a dirty day is left, and whichever path answers gives the reference's figures.
 */
async function expectExactAfterWrite(database: TestDatabase, time: WorkingTime, query: Query) {
  const dirty = await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_dirty`);
  expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_periods JOIN heatmap_dirty USING (day)`)).toBe(0);
  if (dirty === 0) {
    writesSeen.swept += 1;
    await expectPeriodsMatch(database, time, query);
  } else {
    writesSeen.dirty += 1;
    await expectSameHeatmap(database, time, query);
  }
}

const room = (name: string) => ({ name, capacity: 6, building: "L", floor: "1", timeZone: "UTC", active: true, amenities: [] });

describe.each(databaseKinds())("heatmap periods against the reference SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("agree for random estates, working times and ranges", { timeout: 600_000 }, async () => {
    const before = bookedSeen;
    const weeklyBefore = weeklyBookingsSeen;
    const behaviourBefore = behaviourSeen;
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 200), workingTimeArbOver(period), fc.array(queryArb, { minLength: 2, maxLength: 4 }), async (estate, time, queries) => {
        await loadEstate(database, estate);
        await database.db.transaction(async (tx) => {
          await lockHeatmap(tx);
          await rebuildHeatmap(tx, time);
        });
        for (const query of queries) await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 20, seed: 20260401, endOnFailure: true },
    );
    expect(bookedSeen - before).toBeGreaterThan(0);
    expect(weeklyBookingsSeen - weeklyBefore).toBeGreaterThan(0);
    expect(behaviourSeen - behaviourBefore).toBeGreaterThan(0);
  });

  it("stay exact through an import, a re-import and an exclusion", { timeout: 600_000 }, async () => {
    const before = { ...writesSeen };
    await fc.assert(
      // With `wide`, the second source also books the first room at noon on 70 days running: more days
      // than a write sweeps (random days crowd together).
      fc.asyncProperty(estateArbOver(period, 120), estateArbOver(period, 200), fc.boolean(), fc.nat(11), queryArb, async (estate, random, wide, person, query) => {
        const daily = Array.from({ length: 70 }, (_, i) => {
          const noon = period.start + (30 + i) * 86_400_000 + 12 * 3_600_000;
          return rawBooking("R1", new Date(noon).toISOString(), new Date(noon + 3_600_000).toISOString(), { organizerEmail: `p${i % 12}@example.com` });
        });
        const more = { ...random, bookings: wide ? [...random.bookings, ...daily] : random.bookings };
        await loadEstate(database, estate);
        // The first import finds no basis and leaves the heatmap to the repair (the server's warm-up
        // schedule); the writes after it are refreshed in their own transactions.
        const time = await loadWorkingTime(database.db);
        expect(await heatmapPeriodsServe(database.db, query.range, time, query.cap)).toBe(false);
        await repairHeatmapPeriods(database.db);
        await expectPeriodsMatch(database, time, query);
        await writeAfterImport(database, estate, more, person, () => expectExactAfterWrite(database, time, query));
        await repairHeatmapPeriods(database.db);
        expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_dirty`)).toBe(0);
        await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 12, seed: 20260402, endOnFailure: true },
    );
    expect(writesSeen.swept - before.swept).toBeGreaterThan(0);
    expect(writesSeen.dirty - before.dirty).toBeGreaterThan(0);
  });

  it("keep nothing of an exclusion too large to sweep: its days are dirty, read from the hour rollups, then repaired", { timeout: 60_000 }, async () => {
    // Ada books A 10:00–11:00 and Bao books B 10:30–11:30 (UTC) every day from 1 Feb to 10 Apr:
    // excluding Ada touches 69 days, more than a write sweeps.
    const days = Array.from({ length: 69 }, (_, i) => new Date(Date.UTC(2026, 1, 1 + i)).toISOString().slice(0, 10));
    expect(days.length).toBeGreaterThan(SWEPT_DAYS);
    await loadEstate(database, {
      rooms: [room("A"), room("B")],
      bookings: days.flatMap((day) => [
        rawBooking("A", `${day}T10:00:00Z`, `${day}T11:00:00Z`, { organizerEmail: "ada@example.com" }),
        rawBooking("B", `${day}T10:30:00Z`, `${day}T11:30:00Z`, { organizerEmail: "bao@example.com" }),
      ]),
    });
    const time = await loadWorkingTime(database.db);
    expect(await repairHeatmapPeriods(database.db)).toBeGreaterThanOrEqual(69);
    // Monday 2 to Friday 6 March, in working hours (08:00–18:00 on weekdays): one day of each weekday.
    const week = { from: "2026-03-02", to: "2026-03-06" };
    const monday = async (hour: number) => (await listHeatmap(database.db, week, time, 5)).find((cell) => cell.weekday === 1 && cell.hour === hour);
    expect(await heatmapPeriodsServe(database.db, week, time, 5)).toBe(true);
    // 10:00–11:00: all of A's hour and half of B's, of two rooms' hour; Ada and Bao. 11:00–12:00: half of B's, Bao.
    expect(await monday(10)).toEqual({ weekday: 1, hour: 10, bookedSeconds: 3600 + 1800, availableSeconds: 7200, organizers: 2 });
    expect(await monday(11)).toEqual({ weekday: 1, hour: 11, bookedSeconds: 1800, availableSeconds: 7200, organizers: 1 });
    // Wednesday's figures come from the periods (the range's first two days are read from the hour rollups).
    expect((await listHeatmap(database.db, week, time, 5)).find((cell) => cell.weekday === 3 && cell.hour === 10)).toMatchObject({ bookedSeconds: 5400, organizers: 2 });
    const [ada] = await queryRows<{ id: number }>(database.db, sql`SELECT o.id FROM organizers o JOIN bookings b ON b.organizer_pseudonym = o.pseudonym JOIN rooms r ON r.id = b.room_id WHERE r.name = 'A' LIMIT 1`);
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_periods WHERE organizer_ids @> ARRAY[${ada?.id}::integer]`)).toBe(69);

    await excludePerson(database.db, testKeys, "ada@example.com", "member");
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_dirty`)).toBe(69);
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_periods WHERE organizer_ids @> ARRAY[${ada?.id}::integer]`)).toBe(0);
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_periods WHERE day BETWEEN '2026-02-01' AND '2026-04-10'`)).toBe(0);
    expect(await heatmapPeriodsServe(database.db, week, time, 5)).toBe(false);
    // A range without dirty days is still read from the periods.
    expect(await heatmapPeriodsServe(database.db, { from: "2026-04-20", to: "2026-04-24" }, time, 5)).toBe(true);
    // Bao alone: half of B's hour at 10 and at 11.
    const alone = { weekday: 1, hour: 10, bookedSeconds: 1800, availableSeconds: 7200, organizers: 1 };
    expect(await monday(10)).toEqual(alone);

    expect(await repairHeatmapPeriods(database.db)).toBe(69);
    expect(await heatmapPeriodsServe(database.db, week, time, 5)).toBe(true);
    expect(await monday(10)).toEqual(alone);
    expect(await countOf(database, sql`SELECT count(*)::integer AS n FROM heatmap_periods WHERE day BETWEEN '2026-02-01' AND '2026-04-10'`)).toBe(69 * 2);
  });

  it("are read again only once repaired after the rooms or the working time change", { timeout: 60_000 }, async () => {
    await loadEstate(database, {
      rooms: [room("A"), room("B"), room("C")],
      bookings: [rawBooking("A", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", { organizerEmail: "ada@example.com" })],
    });
    await repairHeatmapPeriods(database.db);
    const week = { from: "2026-03-02", to: "2026-03-06" };
    // B and C have no bookings: their changes move no hour row, only which rooms and zones count.
    const changes: [string, ReturnType<typeof sql>][] = [
      ["B marked sensitive", sql`UPDATE rooms SET sensitive = true WHERE name = 'B'`],
      ["C moved to Tokyo", sql`UPDATE rooms SET time_zone = 'Asia/Tokyo' WHERE name = 'C'`],
      ["working hours from 07:00", sql`UPDATE settings SET workday_start_minute = 420`],
    ];
    for (const [label, change] of changes) {
      expect(await heatmapPeriodsServe(database.db, week, await loadWorkingTime(database.db), 5)).toBe(true);
      await database.db.execute(change);
      const time = await loadWorkingTime(database.db);
      expect(await heatmapPeriodsServe(database.db, week, time, 5), label).toBe(false);
      await repairHeatmapPeriods(database.db);
      await expectPeriodsMatch(database, time, { range: week, cap: 5 });
    }
  });
});

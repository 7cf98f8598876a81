import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { buildings } from "@/db/schema";
import { repairUsagePeriods } from "@/lib/analytics/rollup-refresh";
import { loadWorkingTime } from "@/lib/analytics/scope";
import type { DateRange } from "@/lib/analytics/types";
import { rebuildUsageRooms, usagePeriodsServe } from "@/lib/analytics/usage-periods";
import { capRoomOrganizers, listRoomUsage, listRoomUsageRaw } from "@/lib/analytics/utilisation";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";
import { estateArbOver, ingestBookings, loadEstate, rangeArbOver, workingTimeArbOver, writeAfterImport } from "../../support/random-bookings";
import { expectSameFigures } from "../../support/same-figures";

/**
 * Room usage from the usage periods (usage-periods.ts) against the reference SQL over the bookings, on
 * random estates over February to April 2026: ranges of one day to ten weeks across month ends (the
 * first two days read from the hour rollups, whole months by month, the rest by day), bookings past
 * midnight and from before the range, both DST changes, building hours, closures; then through
 * writes, refreshed in their transactions. Organizer counts are compared up to the cap.
 */
const period = { start: Date.UTC(2026, 1, 1), days: 89 };
const rangeArb = rangeArbOver(period, fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 70 })));
const timeArb = workingTimeArbOver(period);
const queryArb = fc.record({ range: rangeArb, cap: fc.integer({ min: 1, max: 12 }) });
type Query = { range: DateRange; cap: number };

async function expectPeriodsMatch(database: TestDatabase, time: WorkingTime, query: Query) {
  const label = JSON.stringify({ query, time });
  // The periods must be what answers, or this compares the reference with itself.
  expect(await usagePeriodsServe(database.db, time, query.cap), label).toBe(true);
  expectSameFigures(
    await listRoomUsage(database.db, query.range, time, query.cap),
    capRoomOrganizers(await listRoomUsageRaw(database.db, query.range, time), query.cap),
    label,
  );
}

describe.each(databaseKinds())("usage periods against the reference SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("agree for random estates, working times and ranges", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 200), timeArb, fc.array(queryArb, { minLength: 2, maxLength: 4 }), async (estate, time, queries) => {
        await loadEstate(database, estate);
        await database.db.transaction((tx) => rebuildUsageRooms(tx, sql`SELECT id FROM rooms`, time));
        for (const query of queries) await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 25, seed: 20260221, endOnFailure: true },
    );
  });

  it("stay exact through imports, a re-import and an exclusion, refreshed in their transactions", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 120), estateArbOver(period, 40), fc.nat(11), queryArb, async (estate, more, person, query) => {
        await loadEstate(database, estate);
        const time = await loadWorkingTime(database.db);
        await expectPeriodsMatch(database, time, query);
        await writeAfterImport(database, estate, more, person, () => expectPeriodsMatch(database, time, query));
      }),
      { numRuns: 15, seed: 20260222, endOnFailure: true },
    );
  });

  it("are not read after writes under working hours they cannot hold, until repaired", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 60), estateArbOver(period, 30), queryArb, async (estate, more, query) => {
        await loadEstate(database, estate);
        const time = await loadWorkingTime(database.db);
        await expectPeriodsMatch(database, time, query);
        // Half-hour working hours for building N: no periods can be built while they hold.
        await database.db.insert(buildings).values({ name: "N", workdayStartMinute: 8 * 60 + 30, workdayEndMinute: 17 * 60, workdays: null });
        await ingestBookings(database, more.bookings, "second");
        await database.db.delete(buildings);
        expect(await loadWorkingTime(database.db)).toEqual(time);
        const [added] = await queryRows<{ any: boolean }>(
          database.db,
          sql`SELECT EXISTS (SELECT 1 FROM bookings WHERE integration_id IN (SELECT id FROM integrations WHERE name = 'second')) AS any`,
        );
        if (added?.any) expect(await usagePeriodsServe(database.db, time, query.cap)).toBe(false);
        await repairUsagePeriods(database.db);
        await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 6, seed: 20260223, endOnFailure: true },
    );
  });
});

import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { buildings, rooms } from "@/db/schema";
import { checkinPeriodsServe, rebuildCheckinRooms } from "@/lib/analytics/checkin-periods";
import { getGhostRate, getGhostRateRaw } from "@/lib/analytics/ghosts";
import { getOccupiedUtilisation, getOccupiedUtilisationRaw } from "@/lib/analytics/occupied";
import { refreshRoomRollups, repairCheckinPeriods } from "@/lib/analytics/rollup-refresh";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { loadWorkingTime } from "@/lib/analytics/scope";
import type { DateRange } from "@/lib/analytics/types";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";
import { estateArbOver, ingestBookings, loadEstate, rangeArbOver, workingTimeArbOver, writeAfterImport } from "../../support/random-bookings";
import { expectSameFigures } from "../../support/same-figures";

/**
 * Ghosts and occupied utilisation from the check-in periods (checkin-periods.ts) against the reference
 * SQL over the bookings, on random estates over February to April 2026: ranges of one day to ten weeks
 * across month ends (the first two days' seconds from the hour rollups, whole months by month, the rest
 * by day), bookings past midnight (read from the bookings) and from before the range, both DST changes,
 * building hours, closures; then through writes, refreshed in their transactions. Organizer counts are
 * compared up to the cap, as the small-group rule reads them.
 */
const period = { start: Date.UTC(2026, 1, 1), days: 89 };
const rangeArb = rangeArbOver(period, fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 70 })));
const timeArb = workingTimeArbOver(period);
const filterSets: RoomFilters[] = [{}, { building: "N" }, { band: "5-8" }];
const queryArb = fc.record({ range: rangeArb, filters: fc.constantFrom(...filterSets), cap: fc.integer({ min: 1, max: 12 }) });
type Query = { range: DateRange; filters: RoomFilters; cap: number };

async function expectPeriodsMatch(database: TestDatabase, time: WorkingTime, query: Query) {
  const label = JSON.stringify({ query, time });
  // The periods must be what answers, or this compares the reference with itself.
  expect(await checkinPeriodsServe(database.db, time, query.cap), label).toBe(true);
  expectSameFigures(
    await getGhostRate(database.db, query.range, query.filters, time, query.cap),
    await getGhostRateRaw(database.db, query.range, query.filters, time, query.cap),
    `ghosts ${label}`,
  );
  expectSameFigures(
    await getOccupiedUtilisation(database.db, query.range, query.filters, time, query.cap),
    await getOccupiedUtilisationRaw(database.db, query.range, query.filters, time, query.cap),
    `occupied ${label}`,
  );
}

describe.each(databaseKinds())("check-in periods against the reference SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("agree for random estates, working times and ranges", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 200), timeArb, fc.array(queryArb, { minLength: 2, maxLength: 4 }), async (estate, time, queries) => {
        await loadEstate(database, estate);
        await database.db.transaction((tx) => rebuildCheckinRooms(tx, sql`SELECT id FROM rooms`, time));
        for (const query of queries) await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 25, seed: 20260241, endOnFailure: true },
    );
  });

  it("stay exact through imports, a re-import and an exclusion, refreshed in their transactions", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 120), estateArbOver(period, 40), fc.nat(11), queryArb, async (estate, more, person, query) => {
        await loadEstate(database, estate);
        // Built by the import itself, with the database's working time.
        const time = await loadWorkingTime(database.db);
        await expectPeriodsMatch(database, time, query);
        await writeAfterImport(database, estate, more, person, () => expectPeriodsMatch(database, time, query));
      }),
      { numRuns: 15, seed: 20260242, endOnFailure: true },
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
        // The rooms the second source wrote to lost their rows and basis: read from the bookings until repaired.
        if (added?.any) expect(await checkinPeriodsServe(database.db, time, query.cap)).toBe(false);
        await repairCheckinPeriods(database.db);
        await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 6, seed: 20260243, endOnFailure: true },
    );
  });

  it("are not read for a room moved to another zone until its rollups are rebuilt with it", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 80), queryArb, async (estate, query) => {
        await loadEstate(database, estate);
        const time = await loadWorkingTime(database.db);
        const [room] = await queryRows<{ zone: string; booked: boolean }>(
          database.db,
          sql`SELECT time_zone AS zone, EXISTS (SELECT 1 FROM bookings WHERE room_id = 1) AS booked FROM rooms WHERE id = 1`,
        );
        const zone = room?.zone === "Asia/Tokyo" ? "America/New_York" : "Asia/Tokyo";
        await database.db.execute(sql`UPDATE rooms SET time_zone = ${zone} WHERE id = 1`);
        // R1's periods hold its old local days: with bookings, they no longer answer.
        expect(await checkinPeriodsServe(database.db, time, query.cap)).toBe(room?.booked !== true);
        // What the directory does on a zone change (lib/rooms/directory.ts): placement, rollups and periods rebuilt.
        await database.db.transaction((tx) => refreshRoomRollups(tx, [1]));
        await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 8, seed: 20260244, endOnFailure: true },
    );
  });

  it("are not read with a cap above what they keep, nor without one", async () => {
    const time = await loadWorkingTime(database.db);
    expect(await checkinPeriodsServe(database.db, time, 101)).toBe(false);
    expect(await checkinPeriodsServe(database.db, time, undefined)).toBe(false);
  });

  it("count a small hand-computed estate", async () => {
    await database.db.execute(
      sql`TRUNCATE bookings, room_hour_rollups, checkin_periods, checkin_basis, organizers, room_sources, sync_runs, integrations, rooms RESTART IDENTITY`,
    );
    await database.db.insert(rooms).values([
      { name: "Orion", capacity: 6, building: "N", timeZone: "UTC" },
      { name: "Lyra", capacity: 6, building: "N", timeZone: "UTC" },
    ]);
    // Default working time: 08:00–18:00 UTC on weekdays. 2026-03-02 is a Monday.
    await ingestBookings(
      database,
      [
        // Orion, Monday: a no-show 09:00–10:00 by a, and b checked in early (10:50) to 11:00–12:00 → from 11:00.
        rawBooking("Orion", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", { sourceKey: "o1", organizerEmail: "a@example.com", status: "no_show" }),
        rawBooking("Orion", "2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", {
          sourceKey: "o2",
          organizerEmail: "b@example.com",
          checkedInAt: new Date("2026-03-02T10:50:00Z"),
        }),
        // Orion, Tuesday: a checked in at 14:30 to 14:00–15:00 → 30 minutes occupied.
        rawBooking("Orion", "2026-03-03T14:00:00Z", "2026-03-03T15:00:00Z", {
          sourceKey: "o3",
          organizerEmail: "a@example.com",
          checkedInAt: new Date("2026-03-03T14:30:00Z"),
        }),
        // Orion, Wednesday: c's no-show from 17:00 to 02:00 next day, past midnight: 17:00–18:00 lost.
        rawBooking("Orion", "2026-03-04T17:00:00Z", "2026-03-05T02:00:00Z", { sourceKey: "o4", organizerEmail: "c@example.com", status: "no_show" }),
        // Lyra: a plain booking, no check-in data: not an occupied-utilisation room, no ghost row.
        rawBooking("Lyra", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", { sourceKey: "l1", organizerEmail: "b@example.com" }),
      ],
      "hand",
    );
    const time = await loadWorkingTime(database.db);
    const week = { from: "2026-03-01", to: "2026-03-07" };
    expect(await checkinPeriodsServe(database.db, time, 5)).toBe(true);
    const ghosts = await getGhostRate(database.db, week, {}, time, 5);
    // Orion: ghosts o1 and o4 (a, c: 2 organizers); attended o2 and o3 (b, a: 2); lost 1 h (o1) + 1 h (o4, 17:00–18:00) = 7200 s.
    expect(ghosts.rooms).toEqual([
      expect.objectContaining({ name: "Orion", ghosts: 2, ghostOrganizers: 2, attended: 2, attendedOrganizers: 2, lostSeconds: 7200 }),
    ]);
    expect(ghosts.total).toEqual({ ghosts: 2, ghostOrganizers: 2, attended: 2, attendedOrganizers: 2, lostSeconds: 7200 });
    // With the cap at 1 each count stops at 1.
    expect((await getGhostRate(database.db, week, {}, time, 1)).total).toMatchObject({ ghostOrganizers: 1, attendedOrganizers: 1 });
    const occupied = await getOccupiedUtilisation(database.db, week, {}, time, 5);
    // Orion only: occupied 11:00–12:00 (3600 s) + 14:30–15:00 (1800 s) = 5400 s; working 5 weekdays × 10 h = 180,000 s;
    // two checked-in bookings by b and a.
    expect(occupied).toEqual({
      rooms: [expect.objectContaining({ name: "Orion", occupiedSeconds: 5400, workingSeconds: 180_000, bookings: 2, organizers: 2 })],
      total: { bookings: 2, organizers: 2 },
    });
    // Monday and Tuesday are the range's first two days when it starts on Monday: their seconds come from the hour rollups.
    const fromMonday = await getOccupiedUtilisation(database.db, { from: "2026-03-02", to: "2026-03-06" }, {}, time, 5);
    expect(fromMonday.rooms[0]).toMatchObject({ occupiedSeconds: 5400, bookings: 2 });
  });
});

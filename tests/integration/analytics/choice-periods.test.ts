import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { buildings } from "@/db/schema";
import { choicePeriodsServe, rebuildChoiceRooms } from "@/lib/analytics/choice-periods";
import { getPreference, getPreferenceRaw } from "@/lib/analytics/preference";
import { repairChoicePeriods } from "@/lib/analytics/rollup-refresh";
import { loadWorkingTime } from "@/lib/analytics/scope";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import type { DateRange } from "@/lib/analytics/types";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";
import { estateArbOver, ingestBookings, loadEstate, rangeArbOver, workingTimeArbOver, writeAfterImport } from "../../support/random-bookings";
import { expectSameFigures } from "../../support/same-figures";

/**
 * Revealed preference from the choice periods (choice-periods.ts) against the reference SQL over the
 * bookings, on random estates over February and March 2026: ranges across the month end (whole months
 * read by month, the other days by day), bookings past midnight (judged at read time), the US DST
 * change, building hours, closures; then through writes, which must rebuild the days around them for
 * the whole group, and through changes to a group, which must send views to the bookings until repaired.
 * Organizer counts are compared up to the cap, as the small-group rule reads them.
 */
const period = { start: Date.UTC(2026, 1, 1), days: 59 };
const rangeArb = rangeArbOver(period, fc.integer({ min: 0, max: 50 }));
const timeArb = workingTimeArbOver(period);
const filterSets: RoomFilters[] = [{}, { building: "N" }, { band: "5-8" }];
const queryArb = fc.record({ range: rangeArb, filters: fc.constantFrom(...filterSets), cap: fc.integer({ min: 1, max: 12 }) });
type Query = { range: DateRange; filters: RoomFilters; cap: number };

/** Bookings made while no peer was free, over every comparison: the tests must meet some. */
let busySeen = 0;

async function expectSameChoices(database: TestDatabase, time: WorkingTime, query: Query) {
  const periods = await getPreference(database.db, query.range, query.filters, time, undefined, query.cap);
  expectSameFigures(periods, await getPreferenceRaw(database.db, query.range, query.filters, time, query.cap), JSON.stringify({ query, time }));
  busySeen += periods.rooms.reduce((sum, room) => sum + room.peerBusy.bookings, 0);
}

async function expectPeriodsMatch(database: TestDatabase, time: WorkingTime, query: Query) {
  // The periods must be what answers, or this compares the reference with itself.
  expect(await choicePeriodsServe(database.db, time, query.cap), JSON.stringify({ query, time })).toBe(true);
  await expectSameChoices(database, time, query);
}

async function hasBookings(database: TestDatabase, where = sql`true`): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(database.db, sql`SELECT EXISTS (SELECT 1 FROM bookings WHERE ${where}) AS any`);
  return row?.any === true;
}

describe.each(databaseKinds())("choice periods against the reference SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("agree for random estates, working times and ranges", { timeout: 600_000 }, async () => {
    const before = busySeen;
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 200), timeArb, fc.array(queryArb, { minLength: 2, maxLength: 4 }), async (estate, time, queries) => {
        await loadEstate(database, estate);
        await database.db.transaction((tx) => rebuildChoiceRooms(tx, sql`SELECT id FROM rooms`, time));
        for (const query of queries) await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 25, seed: 20260211, endOnFailure: true },
    );
    expect(busySeen - before).toBeGreaterThan(0);
  });

  it("stay exact through imports to a peer, a re-import and an exclusion, refreshed in their transactions", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArbOver(period, 120), estateArbOver(period, 60), fc.nat(11), queryArb, async (estate, more, person, query) => {
        await loadEstate(database, estate);
        // Built by the import itself, with the database's working time.
        const time = await loadWorkingTime(database.db);
        await expectPeriodsMatch(database, time, query);
        // A second source books the same rooms (a room's peers among them), which can take away the
        // free peer of bookings the first import judged; the first one's re-import drops a few.
        await writeAfterImport(database, estate, more, person, () => expectPeriodsMatch(database, time, query));
      }),
      { numRuns: 15, seed: 20260212, endOnFailure: true },
    );
  });

  it("are not read once a room changes band or leaves, until repaired", { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        estateArbOver(period, 80),
        fc.constantFrom(sql`UPDATE rooms SET capacity = 6 WHERE id = 1`, sql`UPDATE rooms SET capacity = 20 WHERE id = 1`, sql`UPDATE rooms SET active = false WHERE id = 2`),
        queryArb,
        async (estate, change, query) => {
          await loadEstate(database, estate);
          const time = await loadWorkingTime(database.db);
          const before = await queryRows<{ id: number; key: string }>(database.db, sql`SELECT room_id AS id, group_key AS key FROM choice_basis ORDER BY room_id`);
          await database.db.execute(change);
          // Whichever path answers, the figures are the reference's.
          await expectSameChoices(database, time, query);
          const stale = await repairChoicePeriods(database.db);
          await expectPeriodsMatch(database, time, query);
          // A change that moved a room with bookings between groups made some basis stale.
          const moved = await queryRows<{ id: number; key: string }>(database.db, sql`SELECT room_id AS id, group_key AS key FROM choice_basis ORDER BY room_id`);
          const changed = before.some((row) => moved.find((m) => m.id === row.id)?.key !== row.key);
          if (changed && (await hasBookings(database))) expect(stale).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10, seed: 20260213, endOnFailure: true },
    );
  });

  it("are not read between a group change and its repair", { timeout: 120_000 }, async () => {
    // Two rooms of one building and band, each booked over the same hour: each booking had no peer free.
    // (People the earlier tests never book, so never excluded.)
    const estate = {
      rooms: [
        { name: "R1", capacity: 6, building: "N", floor: "1", timeZone: "UTC", active: true, amenities: [] },
        { name: "R2", capacity: 6, building: "N", floor: "1", timeZone: "UTC", active: true, amenities: [] },
      ],
      bookings: [
        rawBooking("R1", "2026-02-10T10:00:00Z", "2026-02-10T11:00:00Z", { organizerEmail: "ana@example.com" }),
        rawBooking("R2", "2026-02-10T10:00:00Z", "2026-02-10T11:00:00Z", { organizerEmail: "bao@example.com" }),
      ],
    };
    await loadEstate(database, estate);
    const time = await loadWorkingTime(database.db);
    const range = { from: "2026-02-01", to: "2026-02-28" };
    expect(await choicePeriodsServe(database.db, time, 5)).toBe(true);
    const grouped = await getPreference(database.db, range, {}, time, undefined, 5);
    expect(grouped.rooms.map((room) => [room.name, room.peerBusy.bookings, room.peerFree.bookings])).toEqual([
      ["R1", 1, 0],
      ["R2", 1, 0],
    ]);
    // R2 becomes a larger room: R1 has no peer left, and its booking no answer.
    await database.db.execute(sql`UPDATE rooms SET capacity = 20 WHERE name = 'R2'`);
    expect(await choicePeriodsServe(database.db, time, 5)).toBe(false);
    const alone = await getPreference(database.db, range, {}, time, undefined, 5);
    expect(alone.rooms.map((room) => [room.name, room.choices.bookings])).toEqual([
      ["R1", 0],
      ["R2", 0],
    ]);
    expect(await repairChoicePeriods(database.db)).toBe(2);
    expect(await choicePeriodsServe(database.db, time, 5)).toBe(true);
    expectSameFigures(await getPreference(database.db, range, {}, time, undefined, 5), alone, "after the repair");
  });

  it("follow a peer's new booking to the group's other rooms, on their own local days", { timeout: 60_000 }, async () => {
    // R2 in New York is booked 10:00–11:00 on Tuesday 10 February, a working hour there. Its one peer,
    // R1 in Tokyo, is free: it is 00:00–01:00 on the 11th there.
    await loadEstate(database, {
      rooms: [
        { name: "R1", capacity: 6, building: "N", floor: "1", timeZone: "Asia/Tokyo", active: true, amenities: [] },
        { name: "R2", capacity: 6, building: "N", floor: "1", timeZone: "America/New_York", active: true, amenities: [] },
      ],
      bookings: [rawBooking("R2", "2026-02-10T15:00:00Z", "2026-02-10T16:00:00Z", { organizerEmail: "ana@example.com" })],
    });
    const time = await loadWorkingTime(database.db);
    const range = { from: "2026-02-01", to: "2026-02-28" };
    const answers = async () => {
      expect(await choicePeriodsServe(database.db, time, 5)).toBe(true);
      const rows = await getPreference(database.db, range, {}, time, undefined, 5);
      expectSameFigures(rows, await getPreferenceRaw(database.db, range, {}, time, 5), "periods against the reference");
      return rows.rooms.map((room) => [room.name, room.peerFree.bookings, room.peerBusy.bookings]);
    };
    expect(await answers()).toEqual([
      ["R1", 0, 0],
      ["R2", 1, 0],
    ]);
    // Another source books R1 for the same hour (its local 11th; booked-at unknown, so it counts as
    // made first). The write touches R1's 11th only, yet R2's booking of its 10th now had no peer free.
    await ingestBookings(database, [rawBooking("R1", "2026-02-10T15:00:00Z", "2026-02-10T16:00:00Z", { organizerEmail: "bao@example.com" })], "second");
    expect(await answers()).toEqual([
      ["R1", 0, 0],
      ["R2", 0, 1],
    ]);
  });

  it("judge the days around a write against the peers' bookings of their own days", { timeout: 60_000 }, async () => {
    // R2 (New York) is booked on the 12th at 10:00 while its peer R1 (Tokyo) is booked for the same
    // hour, which is 00:00 on the 13th in Tokyo: R2's booking had no peer free.
    const clash = (room: string, email: string) => rawBooking(room, "2026-02-12T15:00:00Z", "2026-02-12T16:00:00Z", { organizerEmail: email });
    await loadEstate(database, {
      rooms: [
        { name: "R1", capacity: 6, building: "N", floor: "1", timeZone: "Asia/Tokyo", active: true, amenities: [] },
        { name: "R2", capacity: 6, building: "N", floor: "1", timeZone: "America/New_York", active: true, amenities: [] },
      ],
      bookings: [clash("R2", "ana@example.com"), clash("R1", "bao@example.com")],
    });
    const time = await loadWorkingTime(database.db);
    const range = { from: "2026-02-01", to: "2026-02-28" };
    const r2 = async () => {
      expect(await choicePeriodsServe(database.db, time, 5)).toBe(true);
      const rows = await getPreference(database.db, range, {}, time, undefined, 5);
      expectSameFigures(rows, await getPreferenceRaw(database.db, range, {}, time, 5), "periods against the reference");
      const room = rows.rooms.find((row) => row.name === "R2");
      return [room?.peerFree.bookings, room?.peerBusy.bookings];
    };
    expect(await r2()).toEqual([0, 1]);
    // A write to R2 two days earlier judges R2's 12th again: R1's booking of its 13th must still count.
    await ingestBookings(database, [rawBooking("R2", "2026-02-10T15:00:00Z", "2026-02-10T16:00:00Z", { organizerEmail: "cam@example.com" })], "second");
    expect(await r2()).toEqual([1, 1]);
  });

  it("are not read after writes under working hours they cannot hold, even once the hours are back", { timeout: 120_000 }, async () => {
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
        const added = await hasBookings(database, sql`integration_id IN (SELECT id FROM integrations WHERE name = 'second')`);
        // The rooms the second source wrote to are read from the bookings until repaired.
        if (added) expect(await choicePeriodsServe(database.db, time, query.cap)).toBe(false);
        await repairChoicePeriods(database.db);
        await expectPeriodsMatch(database, time, query);
      }),
      { numRuns: 6, seed: 20260214, endOnFailure: true },
    );
  });
});

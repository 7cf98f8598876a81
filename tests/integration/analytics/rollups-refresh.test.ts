import { eq, inArray, sql } from "drizzle-orm";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { exclusions, integrations, organizers, settings } from "@/db/schema";
import { rebuildRollups, repairPressurePeriods } from "@/lib/analytics/rollup-refresh";
import { removeIntegration } from "@/lib/integrations/manage";
import type { RawBooking } from "@/lib/ingest/types";
import { excludePerson } from "@/lib/privacy/exclusion";
import { pseudonymise } from "@/lib/privacy/pseudonymise";
import { purgeExpiredBookings } from "@/lib/privacy/retention";
import { importRoomDirectory } from "@/lib/rooms/import-rooms";
import { rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { estateArb, ingestBookings, loadEstate } from "../../support/random-bookings";

const DAY = 86_400_000;

/** What a re-import of the same source changes: bookings moved by hours, re-statused, or gone. */
const editsArb = fc.array(fc.record({ shift: fc.integer({ min: -30, max: 30 }), status: fc.constantFrom("confirmed", "cancelled", "no_show"), drop: fc.boolean() }), {
  minLength: 1,
  maxLength: 120,
});

function reimport(bookings: RawBooking[], edits: { shift: number; status: RawBooking["status"]; drop: boolean }[]): RawBooking[] {
  return bookings.flatMap((booking, i) => {
    const edit = edits[i % edits.length];
    if (!edit || i % 3 !== 0) return [booking];
    if (edit.drop) return [];
    const shift = edit.shift * 3_600_000;
    return [{ ...booking, start: new Date(booking.start.getTime() + shift), end: new Date(booking.end.getTime() + shift), status: edit.status }];
  });
}

/**
 * The rollups (hour cells, usage, seat-fill and choice periods) written for exactly the days each write touched must
 * equal a rebuild from scratch after every kind of write: import, re-import with moved, re-statused and
 * vanished bookings, exclusion (which must also forget the person's organizer id; invariant 4), retention
 * purge (invariant 6) and an integration's removal.
 */
describe.each(databaseKinds())("rollup refresh on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.update(settings).set({ retentionDays: 30 }).where(eq(settings.id, 1));
  });
  afterAll(() => database.drop());

  const snapshot = async () => ({
    cells: await queryRows(database.db, sql`SELECT * FROM room_hour_rollups ORDER BY room_id, day, hour`),
    // Seat-fill periods too (their sums rounded: a rebuild adds the same numbers in another order).
    seatFill: await queryRows(
      database.db,
      sql`SELECT room_id, grain, period, bucket, bookings, round(weighted_fill_seconds::numeric, 6) AS weighted, round(seconds::numeric, 6) AS seconds, organizer_ids
        FROM seat_fill_periods ORDER BY room_id, grain, period, bucket`,
    ),
    choices: await queryRows(database.db, sql`SELECT * FROM choice_periods ORDER BY room_id, grain, period, peer_free`),
    usage: await queryRows(
      database.db,
      sql`SELECT room_id, grain, period, bookings, round(booked_seconds::numeric, 6) AS booked, organizer_ids FROM usage_periods ORDER BY room_id, grain, period`,
    ),
    pressure: await queryRows(
      database.db,
      sql`SELECT band, all_buildings, building, day, peak, round(pressured_seconds::numeric, 6) AS pressured, bookings, organizer_ids
        FROM pressure_periods ORDER BY band, all_buildings, building, day`,
    ),
    placement: await queryRows(database.db, sql`SELECT id, local_day, first_slot, last_slot FROM bookings ORDER BY id`),
  });
  const expectSameAsRebuild = async (after: string) => {
    const incremental = await snapshot();
    await rebuildRollups(database.db);
    expect(incremental, `rollups after ${after} differ from a rebuild`).toEqual(await snapshot());
  };

  it("matches a full recompute after each write", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(estateArb, editsArb, fc.nat(11), async (estate, edits, person) => {
        await database.db.delete(exclusions);
        await loadEstate(database, estate);
        expect((await snapshot()).cells.length).toBeGreaterThan(0);
        // Pressure bands without a basis are left to the repair by a write (pressure-periods.ts).
        await repairPressurePeriods(database.db);
        await expectSameAsRebuild("an import");

        await ingestBookings(database, reimport(estate.bookings, edits), "random");
        await expectSameAsRebuild("a re-import");

        const email = `p${person}@example.com`;
        await excludePerson(database.db, testKeys, email, "test");
        const pseudonym = pseudonymise(email, testKeys.current);
        expect(await database.db.select().from(organizers).where(inArray(organizers.pseudonym, [pseudonym]))).toEqual([]);
        await expectSameAsRebuild("an exclusion");

        // 30 days of retention on 15 April: bookings that ended before 16 March 12:00 go.
        await purgeExpiredBookings(database.db, new Date(Date.UTC(2026, 3, 15, 12)), "test");
        await expectSameAsRebuild("a purge");
        const [left] = await queryRows<{ stale: number }>(
          database.db,
          sql`SELECT count(*)::integer AS stale FROM organizers o WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.organizer_pseudonym = o.pseudonym)`,
        );
        expect(left?.stale).toBe(0);

        await ingestBookings(database, estate.bookings.slice(0, 10).map((b) => ({ ...b, sourceKey: `other-${b.sourceKey}`, start: new Date(b.start.getTime() + 20 * DAY), end: new Date(b.end.getTime() + 20 * DAY) })), "other");
        await expectSameAsRebuild("a second source's import");
        const [other] = await database.db.select({ id: integrations.id }).from(integrations).where(eq(integrations.name, "other"));
        if (!other) throw new Error("integration not stored");
        await removeIntegration(database.db, other.id, "test");
        await expectSameAsRebuild("an integration's removal");
      }),
      { numRuns: 6, seed: 20260329, endOnFailure: true },
    );
  });

  it("rebuilds a room's rollups when the room directory moves it to another time zone", { timeout: 120_000 }, async () => {
    const room = { name: "R1", capacity: 6, building: "N", floor: "1", timeZone: "Europe/London", active: true, amenities: [] };
    await loadEstate(database, {
      rooms: [room],
      // 09:00–11:00 London on Monday, 16:00 to Tuesday 01:00 on Tuesday: other days and hours in Tokyo.
      bookings: [
        rawBooking("R1", "2026-03-09T09:00:00Z", "2026-03-09T11:00:00Z", { organizerEmail: "a@example.com" }),
        rawBooking("R1", "2026-03-10T16:00:00Z", "2026-03-11T01:00:00Z", { organizerEmail: "b@example.com" }),
      ],
    });
    const zone = "Asia/Tokyo";
    const dir = await mkdtemp(path.join(tmpdir(), "roomlens-rooms-"));
    const file = path.join(dir, "rooms.csv");
    await writeFile(file, `name,building,floor,capacity,amenities,time_zone\n${room.name},${room.building},${room.floor},${room.capacity ?? ""},,${zone}\n`);
    const before = await snapshot();
    await importRoomDirectory(database.db, file, "test");
    const after = await snapshot();
    expect(after.placement).not.toEqual(before.placement);
    // Pressure periods are per group of a band, not per room: a zone change leaves the band's rows to
    // the repair (views read the bookings until then), which must find the band stale.
    expect(await repairPressurePeriods(database.db)).toBe(1);
    await expectSameAsRebuild("a time zone change");
  });
});

import fc from "fast-check";
import { sql } from "drizzle-orm";
import { rooms } from "@/db/schema";
import type { BookingStatus } from "@/db/schema";
import type { DateRange } from "@/lib/analytics/types";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { ingest } from "@/lib/ingest/pipeline";
import { excludePerson } from "@/lib/privacy/exclusion";
import type { RawBooking } from "@/lib/ingest/types";
import { arrayConnector, rawBooking } from "./array-connector";
import { testKeys, type TestDatabase } from "./databases";

/**
 * Random small estates and bookings for comparing the rollup path with the reference SQL. The days
 * run over March 2026, across both DST changes of the zones used (US 8 March, EU 29 March), and
 * bookings may start at any hour and run past midnight: the cases where local days, hour slots and
 * "starts inside the range" are easy to get wrong.
 */
export const ZONES = ["Europe/London", "America/New_York", "Asia/Tokyo", "UTC"] as const;
/** Repeats make peers (same building and band) common. */
const CAPACITIES = [null, 2, 6, 6, 8, 12, 20] as const;
/** Minutes; a third of them run past midnight when they start in the evening. */
const DURATIONS = [15, 30, 45, 60, 90, 120, 240, 600, 720, 1380, 1440] as const;
const STATUSES: BookingStatus[] = ["confirmed", "confirmed", "confirmed", "cancelled", "no_show"];
/** The generated period: March 2026 (from UTC midnight), unless `estateArbOver` is given another. */
export type Period = { start: number; days: number };
const MARCH: Period = { start: Date.UTC(2026, 2, 1), days: 31 };

export type RandomRoom = { name: string; capacity: number | null; building: string; floor: string; timeZone: string; active: boolean; amenities: string[] };
export type RandomEstate = { rooms: RandomRoom[]; bookings: RawBooking[] };

const roomArb = fc.record({
  capacity: fc.constantFrom(...CAPACITIES),
  building: fc.constantFrom("N", "N", "S"),
  floor: fc.constantFrom("1", "2"),
  timeZone: fc.constantFrom(...ZONES),
  active: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  video: fc.boolean(),
});

const bookingArb = (roomCount: number, period: Period) =>
  fc.record({
    room: fc.nat(roomCount - 1),
    // Half of them crowd into the period's 9th–11th days, so rooms and their peers are often booked at the same time.
    day: fc.oneof(fc.nat(period.days - 1), fc.integer({ min: 8, max: 10 })),
    // Quarter hours over the whole day, weighted towards working hours.
    quarter: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 28, max: 72 }) }, { weight: 1, arbitrary: fc.nat(95) }),
    minutes: fc.constantFrom(...DURATIONS),
    status: fc.constantFrom(...STATUSES),
    person: fc.nat(11),
    private: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    attendees: fc.option(fc.integer({ min: 0, max: 14 }), { nil: null }),
    checkIn: fc.option(fc.integer({ min: -20, max: 90 }), { nil: null }),
    // Whole days before the start (at midnight UTC), so that two bookings often share a booked-at.
    leadDays: fc.option(fc.integer({ min: -1, max: 40 }), { nil: null }),
    recurring: fc.boolean(),
  });

/** Random estates whose bookings start over `period` (March 2026 for `estateArb`). */
export const estateArbOver = (period: Period, maxBookings = 120): fc.Arbitrary<RandomEstate> =>
  fc.array(roomArb, { minLength: 3, maxLength: 7, size: "max" }).chain((roomSpecs) =>
    fc.array(bookingArb(roomSpecs.length, period), { minLength: 5, maxLength: maxBookings, size: "max" }).map((specs) => ({
      rooms: roomSpecs.map((room, i) => ({
        name: `R${i + 1}`,
        capacity: room.capacity,
        building: room.building,
        floor: room.floor,
        timeZone: room.timeZone,
        active: i === 0 || room.active,
        amenities: room.video ? ["video"] : [],
      })),
      bookings: specs.map((spec) => {
        const start = period.start + spec.day * 86_400_000 + spec.quarter * 900_000;
        const end = start + spec.minutes * 60_000;
        return rawBooking(`R${spec.room + 1}`, new Date(start).toISOString(), new Date(end).toISOString(), {
          organizerEmail: `p${spec.person}@example.com`,
          status: spec.status,
          private: spec.private,
          attendeeCount: spec.attendees,
          checkedInAt: spec.checkIn === null ? null : new Date(start + spec.checkIn * 60_000),
          bookedAt: spec.leadDays === null ? null : new Date(Math.floor(start / 86_400_000 - spec.leadDays) * 86_400_000),
          recurring: spec.recurring,
        });
      }),
    })),
  );

export const estateArb: fc.Arbitrary<RandomEstate> = estateArbOver(MARCH);

/** Empties the database of rooms, bookings and everything derived, then stores the estate through the pipeline. */
export async function loadEstate(database: TestDatabase, estate: RandomEstate, name = "random"): Promise<void> {
  await database.db.execute(
    sql`TRUNCATE bookings, room_hour_rollups, usage_periods, usage_basis, checkin_periods, checkin_basis, seat_fill_periods, seat_fill_basis, choice_periods, choice_basis, pressure_periods, pressure_basis, pressure_dirty, heatmap_periods, heatmap_basis, heatmap_dirty, behaviour_periods, behaviour_leads, organizers, room_sources, sync_runs, integrations, rooms RESTART IDENTITY`,
  );
  await database.db.insert(rooms).values(estate.rooms);
  await ingestBookings(database, estate.bookings, name);
}

export async function ingestBookings(database: TestDatabase, bookings: RawBooking[], name: string): Promise<void> {
  await ingest(
    database,
    { kind: "csv", name, config: { source: name }, connector: arrayConnector(bookings), coverage: "observed" },
    { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: null },
  );
}

/**
 * The writes after a first import that every period family must follow in their own transactions,
 * with `check` after each: a second source booking `more` (into rooms of the first, their peers and
 * bands among them), a re-import of the first half of `estate` (the first source drops the rest), and
 * the exclusion of person `person` (p<person>@example.com).
 */
export async function writeAfterImport(
  database: TestDatabase,
  estate: RandomEstate,
  more: RandomEstate,
  person: number,
  check: () => Promise<void>,
): Promise<void> {
  await ingestBookings(database, more.bookings, "second");
  await check();
  await ingestBookings(database, estate.bookings.slice(0, Math.ceil(estate.bookings.length / 2)), "random");
  await check();
  await excludePerson(database.db, testKeys, `p${person}@example.com`, "member");
  await check();
}

/** The ISO day `offset` days into `period`. */
export const periodDay = (period: Period, offset: number): string => new Date(period.start + offset * 86_400_000).toISOString().slice(0, 10);

/** Ranges inside `period` of `length` + 1 days at most (cut at its end). */
export const rangeArbOver = (period: Period, length: fc.Arbitrary<number>): fc.Arbitrary<DateRange> =>
  fc
    .record({ from: fc.nat(period.days - 1), days: length })
    .map(({ from, days }) => ({ from: periodDay(period, from), to: periodDay(period, Math.min(period.days - 1, from + days)) }));

const WINDOWS = [
  { workdayStartMinute: 8 * 60, workdayEndMinute: 18 * 60, workdays: [1, 2, 3, 4, 5] },
  { workdayStartMinute: 0, workdayEndMinute: 23 * 60, workdays: [1, 2, 3, 4, 5, 6, 7] },
  { workdayStartMinute: 6 * 60, workdayEndMinute: 21 * 60, workdays: [2, 3, 6] },
];

/** Working times on the hour (the periods' kind): organisation hours, hours of buildings N and S, closures in `period`. */
export const workingTimeArbOver = (period: Period): fc.Arbitrary<WorkingTime> =>
  fc
    .record({
      organisation: fc.constantFrom(...WINDOWS),
      buildings: fc.uniqueArray(fc.record({ building: fc.constantFrom("N", "S"), window: fc.constantFrom(...WINDOWS) }), {
        maxLength: 2,
        selector: (b) => b.building,
      }),
      closures: fc.uniqueArray(fc.record({ building: fc.constantFrom("", "N", "S"), day: fc.nat(period.days - 1).map((d) => periodDay(period, d)) }), {
        maxLength: 5,
        selector: (c) => `${c.building}/${c.day}`,
      }),
    })
    .map(({ organisation, buildings, closures }) => ({
      ...organisation,
      buildings: buildings.map(({ building, window }) => ({ building, ...window })),
      closures,
    }));

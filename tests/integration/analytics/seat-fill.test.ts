import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSeatFill } from "@/lib/analytics/seat-fill";
import { suppressSeatFill } from "@/lib/analytics/seat-fill-suppression";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, week, workTime } from "./analytics-fixture";

const seats = (who: string, attendeeCount: number) => ({ ...by(who), attendeeCount });
const hour = (day: number, from: string, to: string) => [`2026-03-0${day}T${from}:00Z`, `2026-03-0${day}T${to}:00Z`] as const;

const roomSpecs = [
  { name: "M1", capacity: 8 }, { name: "M2", capacity: 8 }, { name: "M3", capacity: 8 }, { name: "L1", capacity: 10 },
];

const records = [
  // M1, bucket 0–25 %: 1 of 8 seats, 60 min each, m1–m5 (m1's 07:00–09:00 counts 60 min inside working hours).
  rawBooking("M1", ...hour(2, "07", "09"), seats("m1", 1)),
  ...["m2", "m3", "m4", "m5"].map((who, i) => rawBooking("M1", ...hour(2, `1${i}`, `1${i + 1}`), seats(who, 1))),
  // M1, bucket 75–100 %: 8 of 8 for 30 min (m1–m3); 12 people in 8 seats is a full room (m4, 60 min).
  ...["m1", "m2", "m3"].map((who, i) => rawBooking("M1", `2026-03-03T1${i}:00:00Z`, `2026-03-03T1${i}:30:00Z`, seats(who, 8))),
  rawBooking("M1", ...hour(4, "09", "10"), seats("m4", 12)),
  // M1, 2 of 8 = 25 %: the second bucket (m5, 30 min).
  rawBooking("M1", "2026-03-05T09:00:00Z", "2026-03-05T09:30:00Z", seats("m5", 2)),
  // Left out: a private event, a booking without a count, a Saturday booking, a cancelled one.
  rawBooking("M1", ...hour(5, "14", "15"), { ...seats("m6", 3), private: true }),
  rawBooking("M1", ...hour(5, "15", "16"), by("m1")),
  rawBooking("M1", "2026-03-07T10:00:00Z", "2026-03-07T11:00:00Z", seats("m2", 4)),
  rawBooking("M1", ...hour(6, "10", "11"), { ...seats("m3", 4), status: "cancelled" }),
  // M2: one half-full hour by n1; M3: four by p1–p4 (bucket 50–75 %).
  rawBooking("M2", ...hour(2, "10", "11"), seats("n1", 4)),
  ...["p1", "p2", "p3", "p4"].map((who, i) => rawBooking("M3", ...hour(3, `1${i}`, `1${i + 1}`), seats(who, 4))),
  // L1: five full hours by l1–l5.
  ...["l1", "l2", "l3", "l4", "l5"].map((who, i) => rawBooking("L1", ...hour(2, `1${i}`, `1${i + 1}`), seats(who, 10))),
];

describe.each(databaseKinds())("seat fill on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, roomSpecs, records);
  });
  afterAll(() => database.drop());

  it("weights each booking's fill by its minutes in working hours, per room, band and overall", async () => {
    const raw = await getSeatFill(database.db, week, {}, workTime);
    expect(raw.rooms.map((room) => room.name)).toEqual(["M1", "M2", "M3", "L1"]);
    const m1 = raw.rooms[0];
    // 5 × 60 min × 1/8 + 3 × 30 min × 1 + 60 min × 1 + 30 min × 2/8 = 37.5 + 90 + 60 + 7.5 = 195 fill-minutes over 480 min.
    expect(m1).toMatchObject({ bookings: 10, organizers: 5, weightedFillSeconds: 195 * 60, seconds: 480 * 60 });
    expect(m1?.buckets).toEqual([
      { bookings: 5, organizers: 5 }, { bookings: 1, organizers: 1 }, { bookings: 0, organizers: 0 }, { bookings: 4, organizers: 4 },
    ]);
    // Private (no organizer counted) + m1's booking without a count + m2's Saturday booking; the cancelled one is not a booking.
    expect(m1?.leftOut).toEqual({ bookings: 3, organizers: 2 });
    expect(m1?.all).toEqual({ bookings: 13, organizers: 5 });
    // Band 5–8: M1 + M2 + M3 = 195 + 30 + 4 × 30 = 345 fill-minutes over 480 + 60 + 240 = 780 min; 10 organizers.
    expect(raw.bands[0]).toMatchObject({ band: "5-8", bookings: 15, organizers: 10, weightedFillSeconds: 345 * 60, seconds: 780 * 60 });
    expect(raw.bands[1]).toMatchObject({ band: "9-12", bookings: 5, organizers: 5 });
    // + L1's 5 × 60 fill-minutes.
    expect(raw.total).toMatchObject({ bookings: 20, organizers: 15, weightedFillSeconds: 645 * 60, seconds: 1080 * 60 });
  });

  it("shows only cells of at least k organizers, and no cell that sums would reveal", async () => {
    const metrics = suppressSeatFill(await getSeatFill(database.db, week, {}, workTime), k);
    // 645 / 1080 fill-minutes.
    expect(metrics).toMatchObject({ bookings: 20, seatFill: 645 / 1080, suppressed: false });
    const [mid, large] = metrics.byBand;
    // 345 / 780; 5 of 15 bookings in 0–25 % (m1–m5). 25–50 % (m5) and 75–100 % (m1–m4) are hidden
    // together, 1 + 4 = 5 people. M1's 3 left-out bookings (2 people) would be its 13 bookings on the
    // dashboard − its seat-fill total 10, so that total is hidden. Then they would still be 13 − (the
    // band's 15 − the 50–75 % bucket's 5, all of it M2's and M3's): M1's own 0–25 % bucket goes first
    // (a part of that combination, as written through the buckets; the band's bucket still shows its 5),
    // then the band's 50–75 % bucket, after which M1's total, and with it the 3, is unknown.
    expect(mid).toMatchObject({ band: "5-8", bookings: 15, seatFill: 345 / 780, suppressed: false });
    expect(mid?.histogram.map((b) => b.bookings)).toEqual([5, null, null, null]);
    expect(mid?.histogram[0]?.share).toBeCloseTo(5 / 15, 10);
    expect(large).toMatchObject({ band: "9-12", bookings: 5, seatFill: 1 });
    expect(large?.histogram.map((b) => [b.bookings, b.share])).toEqual([[null, null], [null, null], [null, null], [5, 1]]);
    const [m1, m2, m3, l1] = metrics.byRoom;
    // M1's total, and so its seat fill, is hidden for its left-out bookings (above).
    expect(m1).toMatchObject({ name: "M1", bookings: null, seatFill: null, suppressed: true });
    expect(m1?.histogram.map((b) => [b.bookings, b.share])).toEqual([[null, null], [null, null], [null, null], [null, null]]);
    // M2 (1 organizer) and M3 (4) hide each other: the band's total minus M1 gives only their sum (5 people).
    expect(m2).toMatchObject({ bookings: null, seatFill: null, suppressed: true });
    expect(m3).toMatchObject({ bookings: null, seatFill: null, suppressed: true });
    expect(l1).toMatchObject({ bookings: 5, seatFill: 1, suppressed: false });
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { getBehaviour } from "@/lib/analytics/behaviour";
import { suppressBehaviour } from "@/lib/analytics/behaviour-suppression";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, week, workTime } from "./analytics-fixture";

const at = (iso: string) => new Date(iso);
const held = [
  // [who, start, end, booked-at, recurring]    duration → bucket; lead → bucket
  rawBooking("A", "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", { ...by("o1"), bookedAt: at("2026-03-02T08:30:00Z"), recurring: true }), // 30 → 15-30; 30 min → <1h
  rawBooking("A", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", { ...by("o2"), bookedAt: at("2026-03-01T10:00:00Z"), recurring: true }), // 30 → 15-30; 24 h → 1-7d
  rawBooking("A", "2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z", { ...by("o3"), bookedAt: at("2026-03-02T09:00:00Z"), recurring: true }), // 60 → 45-60; 24 h → 1-7d
  rawBooking("A", "2026-03-03T11:00:00Z", "2026-03-03T11:45:00Z", { ...by("o4"), bookedAt: at("2026-02-01T00:00:00Z"), recurring: true }), // 45 → 30-45; 30 d 11 h → >4w
  rawBooking("A", "2026-03-04T09:00:00Z", "2026-03-04T14:00:00Z", { ...by("o5"), bookedAt: at("2026-03-04T08:00:00Z"), recurring: true }), // 300 → >240; 1 h → 1-24h
  rawBooking("A", "2026-03-05T09:00:00Z", "2026-03-05T09:10:00Z", by("o6")), // 10 → 0-15; no booked-at
  rawBooking("A", "2026-03-05T13:00:00Z", "2026-03-05T17:00:00Z", { ...by("o1"), bookedAt: at("2026-02-20T13:00:00Z") }), // 240 → 225-240; 13 d → 1-4w
  rawBooking("A", "2026-03-06T09:00:00Z", "2026-03-06T09:15:00Z", { ...by("o2"), bookedAt: at("2026-03-06T09:20:00Z") }), // 15 → 0-15; −5 min → <1h
  rawBooking("A", "2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z", { ...by("o3"), bookedAt: at("2026-03-05T10:00:00Z"), status: "no_show" }), // 60; 24 h
  ...["p1", "p2", "p3", "p4", "p5"].map((who, i) => rawBooking("A", `2026-03-06T1${1 + i}:00:00Z`, `2026-03-06T1${1 + i}:30:00Z`, by(who))), // 30 → 15-30
  rawBooking("A", "2026-03-07T09:00:00Z", "2026-03-07T10:00:00Z", by("o1")), // Saturday: outside working hours
];
// [who, start, when Roomlens learnt of the cancellation] → early (> 1 h before), late (≤ 1 h before), unknown (after start).
const cancellations: [string, string, string][] = [
  ["c1", "2026-03-02T14:00:00Z", "2026-03-02T13:30:00Z"], // late
  ["c2", "2026-03-03T14:00:00Z", "2026-03-03T12:00:00Z"], // early
  ["c3", "2026-03-04T15:00:00Z", "2026-03-04T15:30:00Z"], // unknown
  ["c4", "2026-03-05T15:00:00Z", "2026-03-05T14:00:00Z"], // late: exactly 1 h before
  ["c5", "2026-03-06T14:00:00Z", "2026-03-06T12:59:00Z"], // early: 61 min before
  ["c6", "2026-03-02T16:00:00Z", "2026-03-02T15:15:00Z"], // late
  ["c7", "2026-03-03T16:00:00Z", "2026-03-03T15:01:00Z"], // late
  ["c8", "2026-03-04T16:30:00Z", "2026-03-04T16:29:00Z"], // late
  ["c9", "2026-03-05T16:00:00Z", "2026-03-05T10:00:00Z"], // early
  ["c10", "2026-03-06T16:00:00Z", "2026-03-05T16:00:00Z"], // early
];

describe.each(databaseKinds())("booking behaviour on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    const cancelled = cancellations.map(([who, start]) =>
      rawBooking("A", start, new Date(Date.parse(start) + 3600_000).toISOString(), { ...by(who), status: "cancelled" }),
    );
    database = await openAnalyticsDatabase(kind, [{ name: "A" }], [...held, ...cancelled]);
    // The pipeline stamps updated_at with the ingest time; set the times the test is about.
    for (const [, start, learnt] of cancellations) {
      await database.db.update(bookings).set({ updatedAt: at(learnt) })
        .where(and(eq(bookings.startsAt, at(start)), eq(bookings.status, "cancelled")));
    }
  });
  afterAll(() => database.drop());

  it("buckets lead time and duration, splits recurring and cancellation outcomes", async () => {
    const raw = await getBehaviour(database.db, week, {}, workTime);
    // 9 + 5 held bookings inside working hours by o1–o6 and p1–p5; 10 cancelled by c1–c10.
    expect(raw.held).toEqual({ bookings: 14, organizers: 11 });
    expect(raw.all).toEqual({ bookings: 24, organizers: 21 });
    expect(raw.cancelled).toEqual({ bookings: 10, organizers: 10 });
    expect(raw.leadKnown).toEqual({ bookings: 8, organizers: 5 });
    expect(raw.leadUnknown).toEqual({ bookings: 6, organizers: 6 });
    expect(raw.lead.map((b) => b.bookings)).toEqual([2, 1, 3, 1, 1]);
    // Sorted leads: −300 s, 30 min, 1 h, 24 h, 24 h, 24 h, 13 d, 30 d 11 h → median (24 h + 24 h) / 2.
    expect(raw.medianLeadSeconds).toBe(86400);
    const durations = Object.fromEntries(raw.durations.map((b, i) => [i, b.bookings]).filter(([, n]) => n !== 0));
    // 0-15: 10 and 15 min; 15-30: 7 × 30 min; 30-45: 45; 45-60: two of 60; 225-240: 240; >240: 300.
    expect(durations).toEqual({ 0: 2, 1: 7, 2: 1, 3: 2, 15: 1, 16: 1 });
    expect(raw.recurring).toEqual([{ bookings: 9, organizers: 9 }, { bookings: 5, organizers: 5 }]);
    expect(raw.outcomes).toEqual([
      { bookings: 14, organizers: 11 }, { bookings: 4, organizers: 4 }, { bookings: 5, organizers: 5 }, { bookings: 1, organizers: 1 },
    ]);
  });

  it("shows what reaches k and nothing a total would give away", async () => {
    const metrics = suppressBehaviour(await getBehaviour(database.db, week, {}, workTime), k);
    // Every lead bucket is under k; the total (5 organizers) and its median are shown.
    expect(metrics.leadTime).toMatchObject({ bookings: 8, medianHours: 24, suppressed: false });
    expect(metrics.leadTime.histogram.every((bar) => bar.bookings === null && bar.suppressed)).toBe(true);
    // 15-30 min: 7 of 14 bookings; the other buckets have 1–2 organizers or none.
    expect(metrics.durations.bookings).toBe(14);
    expect(metrics.durations.histogram[1]).toEqual({ bucket: "15-30min", bookings: 7, share: 0.5, suppressed: false });
    expect(metrics.durations.histogram.filter((bar) => !bar.suppressed)).toHaveLength(1);
    // 5 recurring of 14.
    expect(metrics.recurringShare).toEqual({ bookings: 14, recurring: 5, share: 5 / 14, suppressed: false });
    // 10 of 24 cancelled; 5 late of 24. Early (4) and unknown (1) are hidden together: 5 people.
    expect(metrics.cancellations).toEqual({
      bookings: 24, cancelled: 10, cancellationRate: 10 / 24, suppressed: false,
      late: { cancellations: 5, rate: 5 / 24, suppressed: false },
      timingUnknown: { cancellations: null, suppressed: true },
    });
  });
});

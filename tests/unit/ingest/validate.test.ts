import { describe, expect, it } from "vitest";
import { findBookingProblem } from "@/lib/ingest/validate";
import { rawBooking } from "../../support/array-connector";

describe("findBookingProblem", () => {
  it("accepts an ordinary meeting", () => {
    expect(findBookingProblem(rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"))).toBeNull();
  });
  it("rejects an end before the start", () => {
    expect(findBookingProblem(rawBooking("A", "2026-01-05T10:00:00Z", "2026-01-05T09:00:00Z"))).toMatch(/ends before it starts/);
  });
  it("rejects absurd durations and dates", () => {
    expect(findBookingProblem(rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-07T09:00:00Z"))).toMatch(/lasts 48 hours/);
    expect(findBookingProblem(rawBooking("A", "1970-01-05T09:00:00Z", "1970-01-05T10:00:00Z"))).toMatch(/outside the years/);
  });
  it("rejects a negative attendee count", () => {
    expect(findBookingProblem(rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", { attendeeCount: -2 }))).toMatch(/attendee count/);
  });
});

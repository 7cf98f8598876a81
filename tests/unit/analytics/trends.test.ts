import { describe, expect, it } from "vitest";
import { previousPeriod } from "@/lib/analytics/trends";

describe("previousPeriod", () => {
  it("moves whole weeks back by their own length", () => {
    // 14 days → 14 days back.
    expect(previousPeriod({ from: "2026-03-09", to: "2026-03-22" })).toEqual({ from: "2026-02-23", to: "2026-03-08" });
  });

  it("rounds a partial week up so weekdays line up, leaving a gap", () => {
    // 31 days → 5 weeks (35 days) back: Sun 1 March → Sun 25 January; 4 days between the periods.
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-25", to: "2026-02-24" });
    // 1 day → 7 days back, the same weekday.
    expect(previousPeriod({ from: "2026-03-04", to: "2026-03-04" })).toEqual({ from: "2026-02-25", to: "2026-02-25" });
  });

  it("crosses a leap day by the calendar", () => {
    // 7 days → 7 days back across 29 February 2024.
    expect(previousPeriod({ from: "2024-03-04", to: "2024-03-10" })).toEqual({ from: "2024-02-26", to: "2024-03-03" });
  });
});

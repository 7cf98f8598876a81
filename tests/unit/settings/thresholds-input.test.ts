import { describe, expect, it } from "vitest";
import { recommendationThresholds } from "@/lib/analytics/recommendations";
import { effectiveThresholds, thresholdsInput } from "@/lib/settings-thresholds";

/** The form as an admin submits it: shares as percentages, indexes as ratios. */
const form = { highPressure: "10", lowSeatFill: "40", targetSeatFill: "70", avoidedIndex: "0.6", preferredIndex: "1.2", highGhostRate: "25" };

const refusedFields = (values: Record<string, string>) => {
  const result = thresholdsInput.safeParse(values);
  return result.success ? [] : result.error.issues.map((issue) => String(issue.path[0]));
};

describe("recommendation thresholds from the admin form", () => {
  it("turns percentages into shares and keeps ratios", () => {
    // 15 % → 0.15; 33.5 % → 0.335; ratios as typed.
    const parsed = thresholdsInput.parse({ ...form, highPressure: "15", highGhostRate: "33.5", preferredIndex: "1.5" });
    expect(parsed).toEqual({ highPressure: 0.15, lowSeatFill: 0.4, targetSeatFill: 0.7, avoidedIndex: 0.6, preferredIndex: 1.5, highGhostRate: 0.335 });
  });

  it("refuses values outside their ranges", () => {
    // highPressure 1 %–90 %; avoidedIndex 0.1–0.95; preferredIndex 1.05–5; highGhostRate 1 %–90 %.
    expect(refusedFields({ ...form, highPressure: "0" })).toEqual(["highPressure"]);
    expect(refusedFields({ ...form, highPressure: "95" })).toEqual(["highPressure"]);
    expect(refusedFields({ ...form, avoidedIndex: "1" })).toEqual(["avoidedIndex"]);
    expect(refusedFields({ ...form, preferredIndex: "1" })).toEqual(["preferredIndex"]);
    expect(refusedFields({ ...form, highGhostRate: "" })).toEqual(["highGhostRate"]);
    expect(refusedFields({ ...form, highGhostRate: "abc" })).toEqual(["highGhostRate"]);
  });

  it("refuses a target seat fill at or below the low seat fill", () => {
    expect(refusedFields({ ...form, lowSeatFill: "50", targetSeatFill: "50" })).toEqual(["targetAboveLow"]);
  });

  it("reads stored overrides over the defaults, ignoring one out of range", () => {
    expect(effectiveThresholds({ highGhostRate: 0.5, highPressure: 7 })).toEqual({ ...recommendationThresholds, highGhostRate: 0.5 });
  });
});

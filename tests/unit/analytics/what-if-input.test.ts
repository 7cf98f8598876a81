import { describe, expect, it } from "vitest";
import { hasScenario, parseWhatIfParams } from "@/lib/analytics/what-if-input";

const today = new Date(2026, 2, 10);
const rooms = new Set([1, 2, 3]);
const buildings = new Set(["North", "South", ""]);

describe("the what-if form's parameters", () => {
  it("keeps known rooms once, in id order, and the range as every planner view reads it", () => {
    const { input } = parseWhatIfParams({ from: "2026-03-02", to: "2026-03-06", remove: ["3", "1", "3", "99", "x"] }, today, rooms, buildings);
    expect(input).toEqual({ range: { from: "2026-03-02", to: "2026-03-06" }, removed: [1, 3], added: [] });
    expect(hasScenario(input)).toBe(true);
  });

  it("reads add rows as aligned lists, skips blank rows, merges repeats and counts unusable rows", () => {
    const { input, ignoredRows } = parseWhatIfParams(
      {
        addBuilding: ["North", "South", "Nowhere", "North", "South"],
        addBand: ["5-8", "13+", "5-8", "5-8", "1-2"],
        addCount: ["2", "", "1", "3", "0"],
      },
      today,
      rooms,
      buildings,
    );
    // Row 2 is blank (skipped); row 3 names an unknown building and row 5 a count of 0 (ignored); rows 1 and 4 merge.
    expect(input.added).toEqual([{ building: "North", band: "5-8", count: 5 }]);
    expect(ignoredRows).toBe(2);
    expect(input.removed).toEqual([]);
  });

  it("has no scenario when nothing is removed or added", () => {
    const { input } = parseWhatIfParams({ addBuilding: "North", addBand: "5-8", addCount: "" }, today, rooms, buildings);
    expect(hasScenario(input)).toBe(false);
    expect(input.range).toEqual({ from: "2025-12-11", to: "2026-03-10" });
  });
});

import { describe, expect, it } from "vitest";
import { shown, suppressSmallCells } from "@/lib/privacy/suppression";

const cells = (...organizers: number[]) => organizers.map((n) => ({ organizers: n }));

describe("suppressSmallCells", () => {
  it("hides cells under k and keeps cells at k", () => {
    // 3 and 9 are under k = 10; 10 and 25 are not.
    expect(suppressSmallCells(cells(3, 10, 9, 25), 10)).toEqual([true, false, true, false]);
  });

  it("hides a second cell when only one would be hidden, so the total cannot reveal it", () => {
    // Only 4 is under k; total − (12 + 30) would reveal it, so the smallest visible cell (12) goes too.
    expect(suppressSmallCells(cells(30, 4, 12), 10)).toEqual([false, true, true]);
  });

  it("hides nothing when every cell reaches k", () => {
    expect(suppressSmallCells(cells(10, 11), 10)).toEqual([false, false]);
  });

  it("shows a suppressed value as null, never as zero", () => {
    expect(shown(0, true)).toBeNull();
    expect(shown(0, false)).toBe(0);
  });
});

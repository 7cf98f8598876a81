import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressLinked, suppressRows, type Cell } from "@/lib/analytics/cell-suppression";
import { suppressSmallCells } from "@/lib/privacy/suppression";

const k = 5;
/** Cells with n organizers each and as many bookings. */
const cells = (...organizers: number[]): Cell[] => organizers.map((n) => ({ organizers: n, bookings: n }));
const partition = (size: number, whole: number | null = null) => ({ whole, parts: Array.from({ length: size }, (_, i) => i + (whole === null ? 0 : 1)) });

describe("suppressLinked on one partition", () => {
  it("hides cells under k and a neighbour of a lone hidden cell", () => {
    // 3 is under k; total − (12 + 30) would give it away, so the smallest visible (12) goes too.
    expect(suppressLinked(cells(30, 3, 12), [partition(3)], k)).toEqual([false, true, true]);
  });

  it("hides a neighbour when the hidden cells together cover fewer than k people", () => {
    // 1 + 2 = 3 < 5: total − 30 − 12 reveals their sum.
    expect(suppressLinked(cells(30, 1, 12, 2), [partition(4)], k)).toEqual([false, true, true, true]);
    // 2 + 3 = 5: their sum is safe.
    expect(suppressLinked(cells(30, 2, 12, 3), [partition(4)], k)).toEqual([false, true, false, true]);
  });

  it("does not spend a neighbour on an empty cell or on private occupancy", () => {
    // An empty bucket is shown as suppressed, but zero is no secret.
    expect(suppressLinked([...cells(30, 12), { organizers: 0, bookings: 0 }], [partition(3)], k)).toEqual([false, false, true]);
    // A cell of private bookings covers nobody.
    expect(suppressLinked([...cells(30, 12), { organizers: 0, bookings: 4 }], [partition(3)], k)).toEqual([false, false, true]);
  });

  it("prefers hiding a part to hiding the whole", () => {
    // Whole 8 = parts 8 + 2: the 2 needs a companion; the whole and the other part tie on 8 organizers,
    // and the part goes.
    expect(suppressLinked(cells(8, 8, 2), [partition(2, 0)], k)).toEqual([false, true, true]);
  });

  it("agrees with suppressSmallCells for non-empty cells", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (organizers) => {
        const linked = suppressLinked(cells(...organizers), [partition(organizers.length)], k);
        expect(linked).toEqual(suppressSmallCells(organizers.map((n) => ({ organizers: n })), k));
      }),
    );
  });
});

describe("suppressLinked on linked tables", () => {
  it("follows a chain through a second sum", () => {
    // Room R: buckets a (6), b (2); band B: buckets A (6), B' (9) with R's b part of B'.
    // Indices: 0 R-total, 1 R-a, 2 R-b, 3 B-total, 4 B-a, 5 B-b, 6 other room's b (7).
    const table: Cell[] = cells(8, 6, 2, 15, 6, 9, 7);
    const equations = [
      { whole: 0, parts: [1, 2] }, // R = a + b
      { whole: 3, parts: [4, 5] }, // band = A + B'
      { whole: 5, parts: [2, 6] }, // B' = R's b + other's b
    ];
    const hidden = suppressLinked(table, equations, k);
    // R-b (2) is under k. R = a + b would give it away → R-a (6) goes (a part, before the whole);
    // B' = R-b + other's b would too → the other room's b (7) goes.
    expect(hidden).toEqual([false, true, true, false, false, false, true]);
  });

  it("keeps a never-shown cell under k from becoming the one unknown of a sum", () => {
    // Buckets 6, 7 and a left-out cell of 2 people; the room's total is shown elsewhere.
    const table: Cell[] = [...cells(6, 7), { organizers: 2, bookings: 2, displayed: false }];
    expect(suppressLinked(table, [{ whole: null, parts: [0, 1, 2] }], k)).toEqual([true, false, true]);
  });

  it("leaves to other views a leak they cause alone", () => {
    // A value shown elsewhere (under k there, so unknown) equals our hidden cell; nothing of ours helps.
    const table: Cell[] = [{ organizers: 2, bookings: 2, displayed: false, elsewhere: true }, ...cells(2)];
    expect(suppressLinked(table, [{ whole: 0, parts: [1] }], k)).toEqual([true, true]);
  });
});

describe("suppressRows", () => {
  it("shows a row whole or not at all, and keeps the columns' sums safe", () => {
    // Rows (ghosts, attended): total (12, 20), G (6, 10), H (3, 5), J (3, 5).
    const table = cells(12, 20, 6, 10, 3, 5, 3, 5);
    const columns = [{ whole: 0, parts: [2, 4, 6] }, { whole: 1, parts: [3, 5, 7] }];
    const rows = [[0, 1], [2, 3], [4, 5], [6, 7]];
    // H and J fall on their ghosts (3 each; together 6 ≥ 5): whole rows go, G stays.
    expect(suppressRows(table, columns, rows, k)).toEqual([false, false, false, false, true, true, true, true]);
  });

  it("hides a row whose part is empty: a rate of 0 would show the zero", () => {
    const table = cells(6, 0);
    expect(suppressRows(table, [], [[0, 1]], k)).toEqual([true, true]);
  });
});

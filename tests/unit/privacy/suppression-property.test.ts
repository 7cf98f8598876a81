import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressSmallCells, widenForHiddenGroup } from "@/lib/privacy/suppression";

/**
 * Random partitions built from real people, so that distinct counts behave as they do in SQL: a cell
 * is a set of organizer ids plus a value (bookings, hours…); the partition's total covers the union.
 * Overlap between cells is the normal case (one person books several rooms), and it is what makes a
 * group of suppressed cells cover fewer people than the sum of their counts.
 */
type Cell = { people: ReadonlySet<number>; value: number; organizers: number };
type Partition = { k: number; cells: Cell[] };

const RUNS = { numRuns: 2000 };

/**
 * `shownTotal`: only partitions whose total reaches k (the dashboard hides every cell otherwise), drawn
 * from pools of at least k people so few draws are thrown away.
 */
function partitions({ shownTotal }: { shownTotal: boolean }): fc.Arbitrary<Partition> {
  return fc
    .record({
      k: fc.integer({ min: 5, max: 15 }),
      extra: fc.integer({ min: 0, max: 30 }),
      shapes: fc.array(fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.nat(500) }), {
        minLength: 1,
        maxLength: 12,
      }),
    })
    .chain(({ k, extra, shapes }) => {
      const pool = shownTotal ? k + extra : 1 + extra;
      return fc
        .tuple(...shapes.map(({ share }) => fc.subarray(range(pool), { maxLength: Math.round(share * pool) })))
        .map((memberLists) => ({
          k,
          cells: memberLists.map((members, index) => ({
            people: new Set(members),
            organizers: members.length,
            // A cell nobody organised can still hold value: private events are kept as occupancy only.
            value: shapes[index]?.value ?? 0,
          })),
        }));
    })
    .filter(({ k, cells }) => !shownTotal || union(cells) >= k);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function union(cells: readonly Cell[]): number {
  return new Set(cells.flatMap((cell) => [...cell.people])).size;
}

/**
 * What a viewer can work out from one partition: the shown total minus every shown cell is the sum of
 * the hidden cells — a value about exactly the people of the hidden group.
 */
function hiddenGroup(cells: readonly Cell[], hidden: readonly boolean[]): Cell[] {
  return cells.filter((_, i) => hidden[i]);
}

const smallCellsHidden = ({ k, cells }: Partition, hidden: readonly boolean[]) =>
  cells.every((cell, i) => cell.organizers >= k || hidden[i] === true);

describe("suppressSmallCells (property)", () => {
  it("hides the same cells from counts capped at k when it ranks by another size (rooms: bookings)", () => {
    fc.assert(
      fc.property(partitions({ shownTotal: true }), ({ k, cells }) => {
        const capped = cells.map((cell) => ({ ...cell, organizers: Math.min(cell.organizers, k) }));
        const byValue = (cell: Cell) => cell.value;
        expect(suppressSmallCells(capped, k, byValue)).toEqual(suppressSmallCells(cells, k, byValue));
      }),
      RUNS,
    );
  });

  it("never shows a cell under k", () => {
    fc.assert(
      fc.property(partitions({ shownTotal: false }), (p) => {
        const hidden = suppressSmallCells(p.cells, p.k);
        return hidden.length === p.cells.length && smallCellsHidden(p, hidden);
      }),
      RUNS,
    );
  });

  it("leaves 0 or at least 2 suppressed cells whenever the total is shown, so no single one is recovered", () => {
    fc.assert(
      fc.property(partitions({ shownTotal: true }), ({ k, cells }) => {
        const group = hiddenGroup(cells, suppressSmallCells(cells, k));
        return group.length === 0 || group.length >= 2;
      }),
      RUNS,
    );
  });

  it("never lets total − shown cells stand for fewer than k organizer counts", () => {
    // The found case that the "≥ 2 cells" rule alone lets through: one person's room beside an empty
    // room (or two one-person rooms) are both hidden, and their sum is that person's bookings.
    fc.assert(
      fc.property(partitions({ shownTotal: true }), ({ k, cells }) => {
        const counted = hiddenGroup(cells, suppressSmallCells(cells, k)).reduce((sum, cell) => sum + cell.organizers, 0);
        return counted === 0 || counted >= k;
      }),
      RUNS,
    );
  });

  it("hides at most one cell that reaches k (complementary suppression costs one cell, not the chart)", () => {
    fc.assert(
      fc.property(partitions({ shownTotal: false }), ({ k, cells }) => {
        const first = suppressSmallCells(cells, k);
        const hidden = widenForHiddenGroup(cells, first, union(hiddenGroup(cells, first)), k);
        return cells.filter((cell, i) => hidden[i] && cell.organizers >= k).length <= 1;
      }),
      RUNS,
    );
  });

  it("given the hidden group's distinct organizers, total − shown covers at least k people or nobody", () => {
    // Counts alone cannot see overlap (the same 3 people in two hidden rooms count 6 ≥ k = 5); the SQL
    // side can count the hidden group's distinct organizers, and widenForHiddenGroup closes the gap.
    fc.assert(
      fc.property(partitions({ shownTotal: true }), (p) => {
        const first = suppressSmallCells(p.cells, p.k);
        const hidden = widenForHiddenGroup(p.cells, first, union(hiddenGroup(p.cells, first)), p.k);
        const group = hiddenGroup(p.cells, hidden);
        const covered = union(group);
        return (
          smallCellsHidden(p, hidden) &&
          first.every((wasHidden, i) => !wasHidden || hidden[i]) &&
          (group.length === 0 || group.length >= 2) &&
          (covered === 0 || covered >= p.k)
        );
      }),
      RUNS,
    );
  });
});

describe("suppressSmallCells (cases the properties found)", () => {
  const cells = (...organizers: number[]) => organizers.map((n) => ({ organizers: n }));

  it("hides a visible cell when the hidden ones together count fewer than k organizers", () => {
    // k = 5: 1 + 0 = 1 organizer hidden; total − 5-organizer cell = that one person's value. The
    // 5-organizer cell joins them: now total − nothing, and the group covers ≥ 5 people.
    expect(suppressSmallCells(cells(1, 5, 0), 5)).toEqual([true, true, true]);
    // k = 10: two one-person rooms beside a busy one.
    expect(suppressSmallCells(cells(30, 1, 1, 12), 10)).toEqual([false, true, true, true]);
  });

  it("leaves cells that nobody organised alone when nothing personal is hidden", () => {
    // Two empty rooms: their sum (0, or private occupancy) says nothing about a person.
    expect(suppressSmallCells(cells(30, 0, 0), 10)).toEqual([false, true, true]);
  });

  it("widens on overlap that counts cannot see", () => {
    // k = 5: rooms of 3 and 3 organizers (6 ≥ 5 counted) that are the same 3 people.
    const flags = suppressSmallCells(cells(3, 3, 40, 20), 5);
    expect(flags).toEqual([true, true, false, false]);
    expect(widenForHiddenGroup(cells(3, 3, 40, 20), flags, 3, 5)).toEqual([true, true, false, true]);
    expect(widenForHiddenGroup(cells(3, 3, 40, 20), flags, 6, 5)).toEqual(flags);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressAlongChains, suppressLinked, type Cell, type Equation } from "@/lib/analytics/cell-suppression";

/*
 * suppressLinked against linear algebra: every cell is a sum of interior values (a room's bookings in
 * one bucket), and whatever is shown, or empty (zero is no secret), is known. A non-empty cell under k
 * that lies in the span of what is known can be worked out, whatever the route; none may.
 */

type Table = { cells: Cell[]; equations: Equation[]; vectors: number[][] };

/**
 * Rooms × buckets (interior values), each room's total, each band's bucket totals and total, and the
 * overall total: the shape of seat fill and of the ghosts' table. Organizers are taken equal to
 * bookings (everyone books once), so a cell's count is its sum.
 */
function bandedTable(values: number[][], bandOf: number[]): Table {
  const rooms = values.length;
  const buckets = values[0]?.length ?? 0;
  const size = rooms * buckets;
  const cells: Cell[] = [];
  const vectors: number[][] = [];
  const add = (members: [number, number][]) => {
    const vector = new Array<number>(size).fill(0);
    let sum = 0;
    for (const [r, b] of members) {
      vector[r * buckets + b] = 1;
      sum += values[r]?.[b] ?? 0;
    }
    vectors.push(vector);
    cells.push({ bookings: sum, organizers: sum });
    return cells.length - 1;
  };
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const equations: Equation[] = [];
  const interior = range(rooms).map((r) => range(buckets).map((b) => add([[r, b]])));
  const roomTotals = range(rooms).map((r) => add(range(buckets).map((b) => [r, b])));
  range(rooms).forEach((r) => equations.push({ whole: roomTotals[r] ?? -1, parts: interior[r] ?? [] }));
  const bands = [...new Set(bandOf)];
  const all = add(range(rooms).flatMap((r) => range(buckets).map((b): [number, number] => [r, b])));
  const bandTotals: number[] = [];
  for (const band of bands) {
    const members = range(rooms).filter((r) => bandOf[r] === band);
    const perBucket = range(buckets).map((b) => add(members.map((r) => [r, b])));
    perBucket.forEach((cell, b) => equations.push({ whole: cell, parts: members.map((r) => interior[r]?.[b] ?? -1) }));
    const total = add(members.flatMap((r) => range(buckets).map((b): [number, number] => [r, b])));
    equations.push({ whole: total, parts: perBucket }, { whole: total, parts: members.map((r) => roomTotals[r] ?? -1) });
    bandTotals.push(total);
  }
  equations.push({ whole: all, parts: bandTotals });
  return { cells, equations, vectors };
}

/** The cells under k (and not empty) that what `hidden` leaves known determines. */
function recoverable(table: Table, hidden: readonly boolean[], k: number): number[] {
  const known = table.vectors.filter((_, i) => !hidden[i] || (table.cells[i]?.bookings ?? 0) === 0);
  const basis = rowBasis(known);
  return table.cells.flatMap((cell, i) =>
    cell.organizers > 0 && cell.organizers < k && reduce(basis, table.vectors[i] ?? []).every((x) => Math.abs(x) < 1e-9) ? [i] : [],
  );
}

describe("suppressLinked against linear algebra", () => {
  const k = 5;

  it("closes a combination of sums that no chain of one-unknown sums reaches", () => {
    // Four rooms, four buckets, one band; rooms 1 and 3 show 7 and 5 in buckets 0 and 2, the empty
    // cells are known to be 0, and the chain search alone hides every other room cell. Then room 0's
    // bucket 3 (1 person) = bucket 3's total − (room 1's total − 7) + bucket 1's total − (room 3's
    // total − 5) = 11 − 10 + 5 − 5: each of those sums holds two unknowns, so no chain reaches it.
    const table = bandedTable(
      [
        [2, 0, 1, 1],
        [7, 4, 0, 6],
        [3, 0, 4, 0],
        [0, 1, 5, 4],
      ],
      [0, 0, 0, 0],
    );
    const chains = suppressAlongChains(table.cells, table.equations, k);
    expect(recoverable(table, chains, k)).toContain(3);
    expect(recoverable(table, suppressLinked(table.cells, table.equations, k), k)).toEqual([]);
  });

  it("leaves no small cell recoverable in random banded tables", () => {
    const tables = fc
      .record({ rooms: fc.integer({ min: 2, max: 6 }), buckets: fc.integer({ min: 2, max: 4 }) })
      .chain(({ rooms, buckets }) =>
        fc.record({
          values: fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: buckets, maxLength: buckets }), { minLength: rooms, maxLength: rooms }),
          bands: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rooms, maxLength: rooms }),
        }),
      );
    fc.assert(
      fc.property(tables, ({ values, bands }) => {
        const table = bandedTable(values, bands);
        expect(recoverable(table, suppressLinked(table.cells, table.equations, k), k)).toEqual([]);
      }),
      { numRuns: 1500, seed: 2026_11_26 },
    );
  });
});

/** Rows reduced to echelon form (Gaussian elimination; small integers, so a tolerance suffices). */
function rowBasis(rows: number[][]): number[][] {
  const basis: number[][] = [];
  for (const row of rows) {
    const reduced = reduce(basis, row);
    const pivot = reduced.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) basis.push(reduced.map((x) => x / (reduced[pivot] ?? 1)));
  }
  return basis;
}

/** `row` minus its components along the basis' pivots (zero exactly when it lies in their span). */
function reduce(basis: number[][], row: number[]): number[] {
  let current = [...row];
  for (const b of basis) {
    const pivot = b.findIndex((x) => Math.abs(x) > 1e-9);
    const factor = current[pivot] ?? 0;
    if (Math.abs(factor) > 1e-9) current = current.map((x, i) => x - factor * (b[i] ?? 0));
  }
  return current;
}

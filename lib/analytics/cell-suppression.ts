import type { Countable } from "@/lib/privacy/suppression";

/** Bookings and distinct organizers behind one value, as a query returns them. */
export type Tally = { bookings: number; organizers: number };

/**
 * One value of a metric table, with what it covers. `bookings` is how many bookings it is computed
 * from (0: empty, nothing about anyone to protect). `displayed: false` marks a value the planner
 * never sees but could compute by subtraction, such as the bookings left out of a histogram: it must
 * not be recoverable either when it covers fewer than k organizers. `elsewhere` marks a value another
 * view shows (a room's bookings on the dashboard): known when it reaches k, and not ours to hide.
 */
export type Cell = Countable & { bookings: number; displayed?: boolean; elsewhere?: boolean };

/** whole = Σ parts, by cell index; `whole` null when the total is shown elsewhere (always known). */
export type Equation = { whole: number | null; parts: readonly number[] };

/**
 * Invariant 5 over tables whose cells are linked by sums (rooms × buckets with room and band totals).
 * A cell under k is hidden (suppressSmallCells' rule). Then the complementary rule, generalised from
 * one partition to linked ones: an equation with exactly one unknown reveals it, which may make
 * another equation solvable in turn; and parts that stay unknown beside a known whole reveal their
 * sum. While such a chain reaches a non-empty cell under k, or a revealed sum covers someone but
 * fewer than k people, the visible cell with the fewest organizers on the chain is hidden too (a part
 * before a whole). For one partition this is suppressSmallCells, except that an empty cell is no
 * secret (a reader may guess zero) and one covering nobody holds private occupancy at most, so
 * neither costs a neighbour its value. Like suppressSmallCells
 * it adds counts, so one person in two hidden cells counts twice. Returns one flag per cell;
 * undisplayed cells are always flagged.
 */
export function suppressLinked(cells: readonly Cell[], equations: readonly Equation[], k: number): boolean[] {
  const hidden = cells.map((cell) => (cell.displayed === false && !cell.elsewhere) || cell.organizers < k);
  const wholes = new Set(equations.flatMap((equation) => (equation.whole === null ? [] : [equation.whole])));
  // A leak whose chain holds none of this table's visible cells comes from other views alone; hiding
  // more here would not stop it, so it is left to them.
  const notOurs = new Set<number>();
  const sensitive = (i: number) => {
    const cell = cells[i];
    // A cell covering nobody holds private occupancy at most (invariant 3: free/busy shows that much).
    return cell !== undefined && cell.bookings > 0 && cell.organizers > 0 && cell.organizers < k && !notOurs.has(i);
  };
  const finder = new LeakFinder(cells, equations, hidden);
  for (;;) {
    const leak = finder.find(sensitive, k);
    if (leak === null) return hidden.map((flag, i) => flag || cells[i]?.displayed === false);
    const extra = pickOnChain(leak.cell, leak.recoveredBy, cells, hidden, wholes);
    if (extra === null) notOurs.add(leak.cell);
    else {
      hidden[extra] = true;
      finder.hide(extra);
    }
  }
}

/**
 * `suppressLinked` for tables whose rows are shown whole or not at all (a ghost rate needs both its
 * no-shows and its attended bookings): a row with a hidden cell is hidden whole, its other cells then
 * count as unshown values that sums could reveal, and the check runs again until every row is whole.
 * An empty part hides its row too (invariant 5 shows a cell under k as suppressed, never as zero, so
 * a rate of 0 or 1 is not shown either).
 */
export function suppressRows(
  cells: readonly Cell[],
  equations: readonly Equation[],
  rows: readonly (readonly number[])[],
  k: number,
): boolean[] {
  const current = [...cells];
  for (;;) {
    const hidden = suppressLinked(current, equations, k);
    let changed = false;
    for (const row of rows) {
      if (!row.some((i) => hidden[i])) continue;
      for (const i of row) {
        const cell = current[i];
        if (cell && !hidden[i]) {
          current[i] = { ...cell, displayed: false };
          changed = true;
        }
      }
    }
    if (!changed) return hidden;
  }
}

type Leak = { cell: number; recoveredBy: Map<number, Equation> };

const members = (equation: Equation) => (equation.whole === null ? equation.parts : [equation.whole, ...equation.parts]);

/**
 * Finds the next leak of a table, again after every cell `suppressLinked` hides. The equations and
 * which of them hold each cell are indexed once, and the unknowns (hidden cells with bookings) and
 * each equation's count of them are kept up to date as cells are hidden; a search starts from copies
 * of those. Rebuilding them per search cost tables of thousands of rooms seconds (a search per
 * hidden cell).
 */
class LeakFinder {
  private readonly memberLists: (readonly number[])[];
  /** Per cell, the equations it is a member of (once per time it appears in one). */
  private readonly containing: number[][];
  private readonly unknown: Uint8Array;
  private readonly open: Int32Array;

  constructor(
    private readonly cells: readonly Cell[],
    private readonly equations: readonly Equation[],
    hidden: readonly boolean[],
  ) {
    this.memberLists = equations.map(members);
    this.containing = cells.map(() => []);
    this.memberLists.forEach((list, e) => list.forEach((i) => this.containing[i]?.push(e)));
    this.unknown = new Uint8Array(cells.length);
    this.open = new Int32Array(equations.length);
    // An empty cell is no secret (a reader may well guess zero), so only hidden cells with bookings are unknowns.
    hidden.forEach((flag, i) => {
      if (flag) this.hide(i);
    });
  }

  hide(i: number): void {
    if (this.unknown[i] === 1 || (this.cells[i]?.bookings ?? 0) <= 0) return;
    this.unknown[i] = 1;
    for (const e of this.containing[i] ?? []) this.open[e] = (this.open[e] ?? 0) + 1;
  }

  find(sensitive: (i: number) => boolean, k: number): Leak | null {
    const unknown = this.unknown.slice();
    const open = this.open.slice();
    const recoveredBy = this.solveSingleUnknowns(unknown, open);
    for (const cell of recoveredBy.keys()) if (sensitive(cell)) return { cell, recoveredBy };
    // Unknown parts of a known whole reveal their sum, which must cover k people too (as suppressSmallCells
    // requires of a partition's hidden cells); a sum covering nobody holds private occupancy at most. With
    // the whole unknown as well, only a difference is revealed.
    for (const [e, equation] of this.equations.entries()) {
      if (equation.whole !== null && unknown[equation.whole] === 1) continue;
      // With the whole known, the equation's count of unknowns is that of its parts.
      if ((open[e] ?? 0) < 2) continue;
      const parts = equation.parts.filter((i) => unknown[i] === 1);
      const covered = parts.reduce((sum, i) => sum + (this.cells[i]?.organizers ?? 0), 0);
      const first = parts[0];
      if (first !== undefined && covered > 0 && covered < k && sensitive(first)) {
        return { cell: first, recoveredBy: new Map(recoveredBy).set(first, equation) };
      }
    }
    return null;
  }

  /**
   * Solves every equation left with one unknown, over and over, clearing what it solves in `unknown`
   * and `open`; returns each solved cell with the equation that solved it, in the order of solving.
   *
   * The order is that of sweeping the equations in list order until a sweep solves nothing (an
   * equation solved in a sweep can unlock a later one in the same sweep, an earlier one in the next):
   * the first leak found, and so the cell hidden for it, depends on it. Sweeping costs equations ×
   * sweeps; this visits an equation only when its count of unknowns drops to one, at the position the
   * sweeps would reach it next: (sweep, index) in a priority queue.
   */
  private solveSingleUnknowns(unknown: Uint8Array, open: Int32Array): Map<number, Equation> {
    const queue = new SweepQueue(this.equations.length);
    open.forEach((count, e) => {
      if (count === 1) queue.push(0, e);
    });
    const recoveredBy = new Map<number, Equation>();
    for (let next = queue.pop(); next !== null; next = queue.pop()) {
      const [sweep, e] = next;
      const equation = this.equations[e];
      if (open[e] !== 1 || equation === undefined) continue;
      const cell = this.memberLists[e]?.find((i) => unknown[i] === 1);
      if (cell === undefined) continue;
      unknown[cell] = 0;
      recoveredBy.set(cell, equation);
      for (const other of this.containing[cell] ?? []) {
        open[other] = (open[other] ?? 0) - 1;
        // Reached later in this sweep if it comes after the equation just used, else in the next one.
        if (open[other] === 1) queue.push(other > e ? sweep : sweep + 1, other);
      }
    }
    return recoveredBy;
  }
}

/** A min-queue of (sweep, equation index) pairs, as one number each: sweep × size + index. */
class SweepQueue {
  private readonly heap: number[] = [];
  constructor(private readonly size: number) {}

  push(sweep: number, index: number): void {
    const heap = this.heap;
    heap.push(sweep * this.size + index);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      const [a, b] = [heap[i] ?? 0, heap[parent] ?? 0];
      if (b <= a) break;
      heap[i] = b;
      heap[parent] = a;
      i = parent;
    }
  }

  pop(): [number, number] | null {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return null;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let smallest = i;
        if (l < heap.length && (heap[l] ?? 0) < (heap[smallest] ?? 0)) smallest = l;
        if (r < heap.length && (heap[r] ?? 0) < (heap[smallest] ?? 0)) smallest = r;
        if (smallest === i) break;
        const swap = heap[i] ?? 0;
        heap[i] = heap[smallest] ?? 0;
        heap[smallest] = swap;
        i = smallest;
      }
    }
    return [Math.floor(top / this.size), top % this.size];
  }
}

/** The visible cell of this table on the chain of equations that recovered `start`: parts first, then fewest organizers. */
function pickOnChain(
  start: number,
  recoveredBy: Map<number, Equation>,
  cells: readonly Cell[],
  hidden: readonly boolean[],
  wholes: ReadonlySet<number>,
): number | null {
  const rank = (i: number) => [wholes.has(i) ? 1 : 0, cells[i]?.organizers ?? 0, i] as const;
  const before = (a: number, b: number) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  const seen = new Set<number>([start]);
  const queue = [start];
  let best: number | null = null;
  for (let next = 0; next < queue.length; next += 1) {
    const current = queue[next];
    const equation = current === undefined ? undefined : recoveredBy.get(current);
    for (const i of equation ? members(equation) : []) {
      if (seen.has(i)) continue;
      seen.add(i);
      const cell = cells[i];
      if (hidden[i]) queue.push(i);
      else if (cell && cell.displayed !== false && !cell.elsewhere && (best === null || before(i, best) < 0)) best = i;
    }
  }
  return best;
}

/** part / whole, or null when there is nothing to divide by (no data is not zero). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

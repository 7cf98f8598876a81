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
  for (;;) {
    const leak = findLeak(cells, hidden, equations, sensitive, k);
    if (leak === null) return hidden.map((flag, i) => flag || cells[i]?.displayed === false);
    const extra = pickOnChain(leak.cell, leak.recoveredBy, cells, hidden, wholes);
    if (extra === null) notOurs.add(leak.cell);
    else hidden[extra] = true;
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

function findLeak(
  cells: readonly Cell[],
  hidden: readonly boolean[],
  equations: readonly Equation[],
  sensitive: (i: number) => boolean,
  k: number,
): Leak | null {
  // An empty cell is no secret (a reader may well guess zero), so only hidden cells with bookings are unknowns.
  const unknown = new Set<number>();
  for (let i = 0; i < cells.length; i += 1) if (hidden[i] && (cells[i]?.bookings ?? 0) > 0) unknown.add(i);
  const recoveredBy = new Map<number, Equation>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const open = members(equation).filter((i) => unknown.has(i));
      if (open.length === 1 && open[0] !== undefined) {
        unknown.delete(open[0]);
        recoveredBy.set(open[0], equation);
        changed = true;
      }
    }
  }
  for (const cell of recoveredBy.keys()) if (sensitive(cell)) return { cell, recoveredBy };
  // Unknown parts of a known whole reveal their sum, which must cover k people too (as suppressSmallCells
  // requires of a partition's hidden cells); a sum covering nobody holds private occupancy at most. With
  // the whole unknown as well, only a difference is revealed.
  for (const equation of equations) {
    if (equation.whole !== null && unknown.has(equation.whole)) continue;
    const open = equation.parts.filter((i) => unknown.has(i));
    const covered = open.reduce((sum, i) => sum + (cells[i]?.organizers ?? 0), 0);
    const first = open[0];
    if (open.length > 1 && first !== undefined && covered > 0 && covered < k && sensitive(first)) {
      return { cell: first, recoveredBy: new Map(recoveredBy).set(first, equation) };
    }
  }
  return null;
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
  while (queue.length > 0) {
    const current = queue.shift();
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

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
 * fewer than k people, the visible cell with the fewest bookings on the chain is hidden too (a part
 * before a whole). For one partition this is suppressSmallCells, except that an empty cell is no
 * secret (a reader may guess zero) and one covering nobody holds private occupancy at most, so
 * neither costs a neighbour its value. Like suppressSmallCells
 * it adds counts, so one person in two hidden cells counts twice.
 *
 * Only whether a count, or a sum of counts, is under k ever matters: every visible cell covers k
 * organizers or more, so the choice among them goes by bookings, not by organizers. Counts capped at k
 * (min(count, k)) therefore hide exactly what exact counts hide, which lets a family count organizers
 * up to k from rollups instead of exactly from every booking (seat-fill-periods.ts).
 *
 * Chains of one-unknown sums do not find everything: several sums with two unknowns each can together
 * determine a cell (`LeakFinder.pinned`; a seat-fill room's left-out bookings were one, as its
 * dashboard bookings − its seat-fill total). Once the chains are closed, every cell the sums
 * determine is found exactly by elimination, and while one is a non-empty cell under k a visible cell
 * beside it is hidden (`pickAgainstPin`). Returns one flag per cell; undisplayed cells are always
 * flagged.
 */
export function suppressLinked(cells: readonly Cell[], equations: readonly Equation[], k: number): boolean[] {
  return suppress(cells, equations, k, true);
}

/**
 * `suppressLinked` without its last step (cells pinned by combinations of sums): the chain search
 * alone, whose order tests/unit/analytics/cell-suppression-order.test.ts compares with sweeping.
 */
export function suppressAlongChains(cells: readonly Cell[], equations: readonly Equation[], k: number): boolean[] {
  return suppress(cells, equations, k, false);
}

function suppress(cells: readonly Cell[], equations: readonly Equation[], k: number, pins: boolean): boolean[] {
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
  const hide = (extra: number) => {
    hidden[extra] = true;
    finder.hide(extra);
  };
  for (;;) {
    const leak = finder.find(sensitive, k);
    if (leak !== null) {
      const extra = pickOnChain(leak.cell, leak.recoveredBy, cells, hidden, wholes);
      if (extra === null) notOurs.add(leak.cell);
      else hide(extra);
      continue;
    }
    // The chains are closed; combinations of sums with several unknowns each may still pin cells. Each
    // pinned cell gets a cell hidden against it, all in one round, and the search starts again.
    const pinned = pins ? [...finder.pinned()].filter(([cell]) => sensitive(cell)) : [];
    if (pinned.length === 0) return hidden.map((flag, i) => flag || cells[i]?.displayed === false);
    const picks = pinned.map(([cell, combination]) => {
      const extra = pickAgainstPin(combination, equations, cells, hidden, wholes);
      if (extra === null) notOurs.add(cell);
      return extra;
    });
    for (const extra of picks) if (extra !== null) hide(extra);
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

/** A leak, and how each solved cell on its chain was recovered (the equation that solved it). */
type Leak = { cell: number; recoveredBy: (cell: number) => Equation | undefined };

const members = (equation: Equation) => (equation.whole === null ? equation.parts : [equation.whole, ...equation.parts]);

/**
 * Finds the next leak of a table, again after every cell `suppressLinked` hides.
 *
 * The chain search solves every equation left with one unknown, over and over, in the order of
 * sweeping the equations in list order until a sweep solves nothing (an equation solved in a sweep can
 * unlock a later one in the same sweep, an earlier one in the next): the first leak found, and so the
 * cell hidden for it, depends on that order. A table of thousands of rooms has thousands of leaks, one
 * hidden cell each, and solving it afresh for each leak cost seconds (tens of seconds at 10 M
 * bookings). So one run of the sweeps is kept and resumed:
 * - the run stops at the first sensitive cell it solves, the leak;
 * - hiding a cell changes the run only from the first step that would differ — a step that used an
 *   equation holding the cell, or the point where such an equation had no other unknown left and so
 *   would now solve it. The steps after that are undone, the cell becomes an unknown, and the sweeps
 *   go on from there. With nothing hidden (a leak left to other views), the run goes on where it
 *   stopped.
 * A run that ends without a leak leaves the unknowns for the check of sums over several of them.
 * The state is each cell's unknown flag and each equation's count of unknowns, kept in step with the
 * run; the next equation is the first one on in the sweep order whose count is one.
 */
class LeakFinder {
  private readonly memberLists: (readonly number[])[];
  /** Per cell, the equations it is a member of (once per time it appears in one). */
  private readonly containing: number[][];
  /** Hidden cells with bookings (an empty cell is no secret: a reader may well guess zero). */
  private readonly unknown: Uint8Array;
  /** Per equation, its count of `unknown` members. */
  private readonly open: Int32Array;

  // The run: the unknowns and counts after its steps, and the steps themselves.
  private readonly unknownNow: Uint8Array;
  private readonly openNow: Int32Array;
  /** Equations whose `openNow` is one: the run ends when there are none. */
  private ones = 0;
  private readonly steps: { equation: number; cell: number; sweep: number }[] = [];
  /** Per cell, the equation that solved it in the run, or -1. */
  private readonly solvedBy: Int32Array;
  /** Per equation, the step that used it, or -1. */
  private readonly usedAt: Int32Array;
  /** Per equation whose `openNow` is zero, the step that made it so (-1: before the first step). */
  private readonly zeroAt: Int32Array;
  /** Where the sweeps stand: the last equation visited and its sweep. */
  private position = { sweep: 0, equation: -1 };
  private finished = false;
  /** Cells hidden since the run last moved, to be fitted into it. */
  private readonly pending: number[] = [];

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
    hidden.forEach((flag, i) => {
      if (flag) this.makeUnknown(i);
    });
    this.unknownNow = this.unknown.slice();
    this.openNow = this.open.slice();
    this.openNow.forEach((count) => {
      if (count === 1) this.ones += 1;
    });
    this.solvedBy = new Int32Array(cells.length).fill(-1);
    this.usedAt = new Int32Array(equations.length).fill(-1);
    this.zeroAt = new Int32Array(equations.length).fill(-1);
  }

  private makeUnknown(i: number): boolean {
    if (this.unknown[i] === 1 || (this.cells[i]?.bookings ?? 0) <= 0) return false;
    this.unknown[i] = 1;
    for (const e of this.containing[i] ?? []) this.open[e] = (this.open[e] ?? 0) + 1;
    return true;
  }

  hide(i: number): void {
    if (this.makeUnknown(i)) this.pending.push(i);
  }

  /** Adds `delta` to an equation's count in the run, keeping `ones` in step. */
  private shift(e: number, delta: number): void {
    const before = this.openNow[e] ?? 0;
    const after = before + delta;
    this.openNow[e] = after;
    this.ones += (after === 1 ? 1 : 0) - (before === 1 ? 1 : 0);
  }

  /** Fits the cells hidden since the run last moved into it: undoes the steps they change, then adds them. */
  private fitPending(): void {
    if (this.pending.length === 0) return;
    let from = this.steps.length;
    for (const cell of this.pending) {
      for (const e of this.containing[cell] ?? []) {
        const used = this.usedAt[e] ?? -1;
        // A step that used the equation would now find two unknowns in it.
        if (used >= 0) from = Math.min(from, used);
        // An equation whose other members were all known by step z would now solve the cell, where the
        // sweeps next reach it after z: the steps from there on change.
        else if (this.openNow[e] === 0) from = Math.min(from, this.firstStepAfter(this.nextVisit(this.zeroAt[e] ?? -1, e)));
      }
    }
    while (this.steps.length > from) {
      const step = this.steps.pop();
      if (!step) break;
      this.unknownNow[step.cell] = 1;
      this.solvedBy[step.cell] = -1;
      this.usedAt[step.equation] = -1;
      for (const e of this.containing[step.cell] ?? []) this.shift(e, 1);
    }
    const last = this.steps[this.steps.length - 1];
    this.position = last ? { sweep: last.sweep, equation: last.equation } : { sweep: 0, equation: -1 };
    for (const cell of this.pending) {
      this.unknownNow[cell] = 1;
      for (const e of this.containing[cell] ?? []) this.shift(e, 1);
    }
    this.pending.length = 0;
    this.finished = false;
  }

  /** A step's place in the sweeps as one number: sweep × equations + equation (the start is -1). */
  private place(sweep: number, equation: number): number {
    return sweep * this.equations.length + equation;
  }

  /** The place where the sweeps, after step `z` (-1: from the start), next reach equation `e`. */
  private nextVisit(z: number, e: number): number {
    const at = this.steps[z];
    if (!at) return this.place(0, e);
    return this.place(e > at.equation ? at.sweep : at.sweep + 1, e);
  }

  /** The index of the first step at a place after `place` (steps are in the sweeps' order). */
  private firstStepAfter(place: number): number {
    let [low, high] = [0, this.steps.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      const step = this.steps[middle];
      if (step && this.place(step.sweep, step.equation) <= place) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The run's next step, or null when no equation is left with one unknown. */
  private step(): number | null {
    if (this.ones === 0) return null;
    let { sweep, equation: e } = this.position;
    for (;;) {
      e += 1;
      if (e >= this.equations.length) {
        e = 0;
        sweep += 1;
      }
      if (this.openNow[e] === 1) break;
    }
    const cell = this.memberLists[e]?.find((i) => this.unknownNow[i] === 1);
    if (cell === undefined) throw new Error("an equation counted one unknown but holds none");
    const index = this.steps.length;
    this.steps.push({ equation: e, cell, sweep });
    this.position = { sweep, equation: e };
    this.unknownNow[cell] = 0;
    this.solvedBy[cell] = e;
    this.usedAt[e] = index;
    for (const other of this.containing[cell] ?? []) {
      this.shift(other, -1);
      if (this.openNow[other] === 0) this.zeroAt[other] = index;
    }
    return cell;
  }

  private readonly recovered = (cell: number): Equation | undefined => this.equations[this.solvedBy[cell] ?? -1];

  /**
   * The unknowns that the equations together determine though no chain of one-unknown sums reaches
   * them, each with the combination of equations that does it. In a rooms × buckets table with room
   * and bucket totals, r1 = x + a, c1 = a + b, r2 = b + c and c2 = c + y with y known give
   * x = r1 − c1 + r2 − c2 + y, while each of those sums holds two unknowns.
   *
   * Gaussian elimination over the unknowns, keeping every pivot row free of the other pivots, so an
   * unknown is determined exactly when its pivot row holds it alone. Arithmetic is modulo a prime
   * below 2^26 (products stay exact in doubles): a cell determined over the rationals is found unless
   * the prime divides a determinant of the sums' ±1 coefficients, and a coincidence the other way
   * would only hide more.
   */
  pinned(): Map<number, Combination> {
    type Row = { terms: Map<number, number>; from: Combination };
    const rows: Row[] = this.memberLists
      .map((list, e) => {
        const terms = new Map<number, number>();
        for (const i of list) {
          if (this.unknown[i] !== 1) continue;
          terms.set(i, ((terms.get(i) ?? 0) + coefficient(this.equations[e], i)) % PRIME);
        }
        for (const [i, value] of terms) if (value === 0) terms.delete(i);
        return { terms, from: new Map([[e, 1]]) };
      })
      .filter((row) => row.terms.size > 0)
      // Narrow sums first: a room's own buckets before the totals over every room keep fill-in small.
      .sort((a, b) => a.terms.size - b.terms.size);
    const pivotRows = new Map<number, Row>();
    const rowsWith = new Map<number, Set<number>>();
    const track = (pivot: number, row: Row) => {
      for (const i of row.terms.keys()) {
        let set = rowsWith.get(i);
        if (!set) rowsWith.set(i, (set = new Set()));
        set.add(pivot);
      }
    };
    for (const row of rows) {
      for (const i of [...row.terms.keys()]) {
        const pivotRow = pivotRows.get(i);
        const factor = row.terms.get(i);
        if (pivotRow && factor !== undefined) subtractRow(row, factor, pivotRow);
      }
      const pivot = row.terms.keys().next().value;
      if (pivot === undefined) continue;
      scaleRow(row, invMod(row.terms.get(pivot) ?? 1));
      // Keep every other pivot row free of the new pivot.
      for (const other of rowsWith.get(pivot) ?? []) {
        const otherRow = pivotRows.get(other);
        const factor = otherRow?.terms.get(pivot);
        if (!otherRow || factor === undefined) continue;
        for (const i of row.terms.keys()) rowsWith.get(i)?.delete(other);
        subtractRow(otherRow, factor, row);
        track(other, otherRow);
      }
      rowsWith.delete(pivot);
      pivotRows.set(pivot, row);
      track(pivot, row);
    }
    return new Map([...pivotRows].flatMap(([pivot, row]) => (row.terms.size === 1 ? [[pivot, row.from] as const] : [])));
  }

  find(sensitive: (i: number) => boolean, k: number): Leak | null {
    this.fitPending();
    // The run stopped at a leak last time. If that step still stands, hiding a cell did not change what
    // the sums solve (an empty cell is no unknown), and the cell is the first leak again while it is
    // sensitive: the steps before it held none.
    const last = this.steps[this.steps.length - 1];
    if (!this.finished && last && sensitive(last.cell)) return { cell: last.cell, recoveredBy: this.recovered };
    while (!this.finished) {
      const cell = this.step();
      if (cell === null) this.finished = true;
      else if (sensitive(cell)) return { cell, recoveredBy: this.recovered };
    }
    // Unknown parts of a known whole reveal their sum, which must cover k people too (as suppressSmallCells
    // requires of a partition's hidden cells); a sum covering nobody holds private occupancy at most. With
    // the whole unknown as well, only a difference is revealed.
    const unknown = this.unknownNow;
    for (const [e, equation] of this.equations.entries()) {
      if (equation.whole !== null && unknown[equation.whole] === 1) continue;
      // With the whole known, the equation's count of unknowns is that of its parts.
      if ((this.openNow[e] ?? 0) < 2) continue;
      const parts = equation.parts.filter((i) => unknown[i] === 1);
      const covered = parts.reduce((sum, i) => sum + (this.cells[i]?.organizers ?? 0), 0);
      const first = parts[0];
      if (first !== undefined && covered > 0 && covered < k && sensitive(first)) {
        return { cell: first, recoveredBy: (cell) => (cell === first ? equation : this.recovered(cell)) };
      }
    }
    return null;
  }
}

/** A prime below 2^26: the product of two residues stays below 2^52, exact in a double. */
const PRIME = 67_108_859;

function mulMod(a: number, b: number): number {
  return (a * b) % PRIME;
}

/** a^(p−2) mod p, the inverse of a (Fermat). */
function invMod(a: number): number {
  let result = 1;
  let base = a % PRIME;
  for (let exponent = PRIME - 2; exponent > 0; exponent = Math.floor(exponent / 2)) {
    if (exponent % 2 === 1) result = mulMod(result, base);
    base = mulMod(base, base);
  }
  return result;
}

/** Equation index → its multiplier (modulo PRIME) in a combination of equations. */
type Combination = Map<number, number>;

/** A cell's coefficient in `whole − Σ parts = 0` (with no whole: Σ parts = a known value). */
function coefficient(equation: Equation | undefined, i: number): number {
  if (equation === undefined) return 0;
  return equation.whole === null || equation.whole === i ? 1 : PRIME - 1;
}

function addTerms(target: Map<number, number>, factor: number, source: ReadonlyMap<number, number>): void {
  for (const [i, value] of source) {
    const next = ((((target.get(i) ?? 0) - mulMod(factor, value)) % PRIME) + PRIME) % PRIME;
    if (next === 0) target.delete(i);
    else target.set(i, next);
  }
}

/** target −= factor × source, in its unknowns and in the equations it combines. */
function subtractRow(target: { terms: Map<number, number>; from: Combination }, factor: number, source: { terms: Map<number, number>; from: Combination }): void {
  addTerms(target.terms, factor, source.terms);
  addTerms(target.from, factor, source.from);
}

function scaleRow(row: { terms: Map<number, number>; from: Combination }, factor: number): void {
  for (const [i, value] of row.terms) row.terms.set(i, mulMod(value, factor));
  for (const [e, value] of row.from) row.from.set(e, mulMod(value, factor));
}

/**
 * The visible cell to hide against a cell pinned by `combination` (of equations): one of this table's
 * own cells whose coefficient in the combination is not zero, so that once hidden it stands beside the
 * pinned cell in what the combination reveals (parts first, then fewest bookings). For a room's
 * left-out bookings, pinned by its dashboard bookings − its seat-fill total, the buckets cancel out
 * and the total is taken. Null when only cells shown elsewhere or never shown take part.
 */
function pickAgainstPin(
  combination: Combination,
  equations: readonly Equation[],
  cells: readonly Cell[],
  hidden: readonly boolean[],
  wholes: ReadonlySet<number>,
): number | null {
  const net = new Map<number, number>();
  for (const [e, multiplier] of combination) {
    const equation = equations[e];
    for (const i of equation ? members(equation) : []) {
      if (hidden[i]) continue;
      net.set(i, ((net.get(i) ?? 0) + mulMod(multiplier, coefficient(equation, i))) % PRIME);
    }
  }
  const rank = (i: number) => [wholes.has(i) ? 1 : 0, cells[i]?.bookings ?? 0, i] as const;
  let best: number | null = null;
  for (const [i, value] of net) {
    const cell = cells[i];
    // An empty cell stays known when hidden (a reader may guess zero): hiding it would change nothing.
    if (value === 0 || !cell || cell.displayed === false || cell.elsewhere || cell.bookings <= 0) continue;
    if (best === null) best = i;
    else {
      const [x, y] = [rank(i), rank(best)];
      if ((x[0] - y[0] || x[1] - y[1] || x[2] - y[2]) < 0) best = i;
    }
  }
  return best;
}

/** The visible cell of this table on the chain of equations that recovered `start`: parts first, then fewest bookings. */
function pickOnChain(
  start: number,
  recoveredBy: (cell: number) => Equation | undefined,
  cells: readonly Cell[],
  hidden: readonly boolean[],
  wholes: ReadonlySet<number>,
): number | null {
  const rank = (i: number) => [wholes.has(i) ? 1 : 0, cells[i]?.bookings ?? 0, i] as const;
  const before = (a: number, b: number) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  const seen = new Set<number>([start]);
  const queue = [start];
  let best: number | null = null;
  for (let next = 0; next < queue.length; next += 1) {
    const current = queue[next];
    const equation = current === undefined ? undefined : recoveredBy(current);
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

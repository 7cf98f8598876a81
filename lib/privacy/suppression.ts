/** A cell of any table, chart or export, with how many distinct organizers its value covers. */
export type Countable = { organizers: number };

/**
 * Decides which cells of one partition to suppress, given that the partition's total is shown.
 * A cell covering fewer than k distinct organizers is suppressed (invariant 5).
 *
 * Complementary rule: whatever is hidden, total − visible cells reveals the hidden cells' *sum*, so
 * the hidden group must itself be safe to reveal. It is not when
 * - exactly one cell is hidden (the sum is that cell), or
 * - the hidden cells together count fewer than k organizers (say two rooms of one person each, or
 *   one person's room beside an empty one: the sum is that person's bookings).
 * Then the smallest visible cell is hidden too; it covers ≥ k people on its own, so one is enough.
 * Counts cannot see overlap (one person in two hidden cells counts twice): callers that can count
 * the hidden group's distinct organizers should pass that to `widenForHiddenGroup` as well.
 *
 * `size` ranks the visible cells for that choice: the one with the least data goes. Organizers by
 * default. A caller ranking by something else (rooms: their bookings) may pass counts capped at k,
 * min(count, k): the rule then reads of them only what exact counts would give (every read is a
 * comparison with k, or a sum of counts all under k). Returns one flag per cell, in input order.
 */
export function suppressSmallCells<C extends Countable>(cells: readonly C[], k: number, size: (cell: C) => number = (cell) => cell.organizers): boolean[] {
  const hidden = cells.map((cell) => cell.organizers < k);
  const count = hidden.filter(Boolean).length;
  const counted = cells.reduce((sum, cell, i) => (hidden[i] ? sum + cell.organizers : sum), 0);
  // A group that counts nobody holds no one's bookings (empty rooms, private occupancy only).
  if (count === 1 || (counted > 0 && counted < k)) hideSmallestVisible(cells, hidden, size);
  return hidden;
}

/**
 * Second pass for callers that know the hidden group's *distinct* organizers (a count(DISTINCT …)
 * over the hidden cells): if the group covers someone but fewer than k people, one more visible cell
 * joins it. Never un-hides anything.
 */
export function widenForHiddenGroup(
  cells: readonly Countable[],
  hidden: readonly boolean[],
  hiddenGroupOrganizers: number,
  k: number,
): boolean[] {
  const widened = [...hidden];
  if (hiddenGroupOrganizers > 0 && hiddenGroupOrganizers < k) hideSmallestVisible(cells, widened, (cell) => cell.organizers);
  return widened;
}

/** Hides the visible cell that loses the least information (smallest `size`); ties go to the earlier cell. */
function hideSmallestVisible<C>(cells: readonly C[], hidden: boolean[], size: (cell: C) => number): void {
  let pick = -1;
  cells.forEach((cell, index) => {
    const best = cells[pick];
    if (!hidden[index] && (best === undefined || size(cell) < size(best))) pick = index;
  });
  if (pick >= 0) hidden[pick] = true;
}

/** Null when the cell is suppressed: never zero, never the real value. */
export function shown<T>(value: T, suppressed: boolean): T | null {
  return suppressed ? null : value;
}

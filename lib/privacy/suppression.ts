/** A cell of any table, chart or export, with how many distinct organizers its value covers. */
export type Countable = { organizers: number };

/**
 * Decides which cells of one partition to suppress, given that the partition's total is shown.
 * A cell covering fewer than k distinct organizers is suppressed (invariant 5). Complementary rule:
 * if exactly one cell were hidden, total minus the visible cells would reveal it, so the next
 * smallest visible cell is hidden too. Returns one flag per cell, in input order.
 */
export function suppressSmallCells(cells: readonly Countable[], k: number): boolean[] {
  const hidden = cells.map((cell) => cell.organizers < k);
  const hiddenCount = hidden.filter(Boolean).length;
  if (hiddenCount === 1) {
    const smallestVisible = cells
      .map((cell, index) => ({ index, organizers: cell.organizers }))
      .filter(({ index }) => !hidden[index])
      .sort((a, b) => a.organizers - b.organizers || a.index - b.index)[0];
    if (smallestVisible) hidden[smallestVisible.index] = true;
  }
  return hidden;
}

/** Null when the cell is suppressed: never zero, never the real value. */
export function shown<T>(value: T, suppressed: boolean): T | null {
  return suppressed ? null : value;
}

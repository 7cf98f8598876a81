/**
 * What the heatmap's server part (summary, legend) and its table share: the colour scale, the slot
 * labels, and the compact grid the table is drawn from.
 */

/**
 * Viridis in ten steps, light (quiet) to dark (busy): perceptually even and readable with the
 * common colour-vision deficiencies. Each step names the text colour that keeps ≥ 4.5:1 contrast.
 */
export const STEPS = [
  { bg: "#fde725", fg: "#111" },
  { bg: "#b5de2b", fg: "#111" },
  { bg: "#6ece58", fg: "#111" },
  { bg: "#35b779", fg: "#111" },
  { bg: "#1f9e89", fg: "#111" },
  { bg: "#26828e", fg: "#fff" },
  { bg: "#31688e", fg: "#fff" },
  { bg: "#3e4989", fg: "#fff" },
  { bg: "#482878", fg: "#fff" },
  { bg: "#440154", fg: "#fff" },
] as const;

export function stepFor(share: number): number {
  return Math.min(STEPS.length - 1, Math.max(0, Math.floor(share * STEPS.length)));
}

/** "Wednesday 09:00–10:00": read aloud for a cell (aria-label) and quoted in the summary. */
export function slotLabel(weekdayLong: string, hourRange: string): string {
  return `${weekdayLong} ${hourRange}`;
}

/** One hour of one weekday: no bookings (null), suppressed, or its colour step and share in words. */
export type HeatValue = null | "suppressed" | [step: number, percent: string];

/**
 * The table's content, already in words. A grid of short values rather than cells with their labels:
 * the table renders in the browser too, and every label written out would cross to it twice (title and
 * aria-label); here each weekday and hour is named once and the labels are put together where drawn.
 */
export type HeatmapGrid = {
  /** Column headers ("09:00") and the hours they span ("09:00–10:00"). */
  hours: { key: number; label: string; range: string }[];
  weekdays: { key: number; short: string; long: string; values: HeatValue[] }[];
  text: { caption: string; suppressedWord: string; suppressedNote: string; noData: string };
};

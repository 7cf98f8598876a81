import type { ChartCell } from "./bar-chart";

/**
 * A value axis from 0 to a round number at or above `max`, with 3–6 ticks on round steps
 * (1, 2, 2.5 or 5 × a power of ten), each labelled in the reader's format.
 */
export function niceAxis(max: number, write: (value: number) => string): { domainMax: number; ticks: { value: number; label: string }[] } {
  const top = max > 0 ? max : 1;
  const magnitude = 10 ** Math.floor(Math.log10(top / 4));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => top / s <= 5) ?? 10 * magnitude;
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, i) => {
    const value = Number((i * step).toFixed(10));
    return { value, label: write(value) };
  });
  return { domainMax: ticks[ticks.length - 1]?.value ?? top, ticks };
}

/** A chart cell from a suppressible value; the text is only written for a shown value. */
export function chartCell(value: number | null, suppressed: boolean, write: (value: number) => string): ChartCell {
  return { value: suppressed ? null : value, suppressed, text: !suppressed && value !== null ? write(value) : "" };
}

/** The largest shown value (0 when none), for sizing an axis. */
export function largest(values: (number | null)[]): number {
  return values.reduce<number>((max, value) => (value !== null && value > max ? value : max), 0);
}

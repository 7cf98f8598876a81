/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; yellow is left out
 * (too light on white for a bar). Series take them in this order, and every chart names its series
 * in a legend and a table, so colour is never the only cue.
 */
export const okabeIto = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"] as const;

export function seriesColour(index: number): string {
  return okabeIto[index % okabeIto.length] ?? "#0072B2";
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Vose's alias method: after O(n) set-up, each draw of an index with probability proportional to its
 * weight costs one random number and two array reads (a room is drawn once per booking).
 */
export function weightedSampler(weights: readonly number[], random: () => number): () => number {
  const n = weights.length;
  const total = weights.reduce((sum, w) => sum + w, 0);
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    probability[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    ((scaled[l] as number) < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) probability[i] = 1;
  return () => {
    const u = random() * n;
    const i = Math.floor(u);
    return u - i < (probability[i] as number) ? i : (alias[i] as number);
  };
}

/** Draws from a short table of [value, weight] pairs (weights need not sum to 1). */
export function tableSampler<T>(table: ReadonlyArray<readonly [T, number]>, random: () => number): () => T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = table.map(([value], i) => [value, table.slice(0, i + 1).reduce((s, [, w]) => s + w, 0) / total] as const);
  const last = cumulative[cumulative.length - 1];
  if (last === undefined) throw new RangeError("empty table");
  return () => {
    const roll = random();
    for (const [value, upTo] of cumulative) if (roll < upTo) return value;
    return last[0];
  };
}

import { expect } from "vitest";

/**
 * Deep equality, except that numbers may differ in their last bits: sums of fractions (seat fill)
 * come out of Postgres in whatever order its plan adds them. Whole numbers must match exactly.
 */
export function expectSameFigures(actual: unknown, expected: unknown, where: string): void {
  const differences: string[] = [];
  compare(actual, expected, "$", differences);
  expect(differences, `${where}\n${JSON.stringify({ actual, expected }).slice(0, 4000)}`).toEqual([]);
}

function compare(a: unknown, b: unknown, path: string, out: string[]): void {
  if (typeof a === "number" && typeof b === "number") {
    const same = Number.isInteger(a) && Number.isInteger(b) ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    if (!same) out.push(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} ≠ ${b.length}`);
    a.forEach((item, i) => compare(item, b[i], `${path}[${i}]`, out));
    return;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) compare((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out);
    return;
  }
  if (a !== b) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoInstantFormatter } from "@/lib/ingest/iso-instant";

const FIRST = Date.parse("0000-01-01T00:00:00.000Z");
const LAST = Date.parse("9999-12-31T23:59:59.999Z");

describe("isoInstantFormatter", () => {
  it("writes what toISOString writes, for any millisecond of years 0–9999", () => {
    const iso = isoInstantFormatter();
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it("is exact at day, year and range edges, and hands six-digit years to toISOString", () => {
    const iso = isoInstantFormatter();
    const edges = [FIRST, LAST, 0, -1, 1, 86_399_999, 86_400_000, Date.parse("2024-02-29T23:59:59.999Z"), FIRST - 1, LAST + 1, -8.64e15, 8.64e15];
    for (const ms of edges) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });

  it("gives the same text when one day is written many times (its cached prefix)", () => {
    const iso = isoInstantFormatter();
    const day = Date.parse("2026-03-08T00:00:00.000Z");
    for (let ms = day; ms < day + 86_400_000; ms += 59_999) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});

import { describe, expect, it } from "vitest";
import { bandOf, capacityBandIds, isCapacityBand } from "@/lib/analytics/bands";
import { durationBuckets, leadTimeBuckets } from "@/lib/analytics/behaviour";
import { seatFillBuckets } from "@/lib/analytics/seat-fill";

describe("capacity bands", () => {
  it("puts each seat count in the band DESIGN.md names", () => {
    const cases: [number, string][] = [[1, "1-2"], [2, "1-2"], [3, "3-4"], [4, "3-4"], [5, "5-8"], [8, "5-8"], [9, "9-12"], [12, "9-12"], [13, "13+"], [200, "13+"]];
    for (const [capacity, band] of cases) expect(bandOf(capacity)).toBe(band);
  });

  it("leaves unknown or nonsensical capacities out of every band", () => {
    expect(bandOf(null)).toBeNull();
    expect(bandOf(0)).toBeNull();
    expect(bandOf(-3)).toBeNull();
  });

  it("recognises band ids for filters", () => {
    expect(capacityBandIds).toEqual(["1-2", "3-4", "5-8", "9-12", "13+"]);
    expect(isCapacityBand("5-8")).toBe(true);
    expect(isCapacityBand("5-9")).toBe(false);
  });
});

describe("histogram buckets", () => {
  it("labels 16 quarter-hours up to 4 h, then one bucket for longer", () => {
    expect(durationBuckets).toHaveLength(17);
    expect(durationBuckets.slice(0, 3)).toEqual(["0-15min", "15-30min", "30-45min"]);
    expect(durationBuckets.slice(-2)).toEqual(["225-240min", ">240min"]);
  });

  it("names the lead-time and seat-fill buckets", () => {
    expect(leadTimeBuckets.map((bucket) => bucket.label)).toEqual(["<1h", "1-24h", "1-7d", "1-4w", ">4w"]);
    // Lower bounds in seconds: 1 h, 1 day, 7 days, 28 days.
    expect(leadTimeBuckets.slice(1).map((bucket) => bucket.from)).toEqual([3600, 86400, 604800, 2419200]);
    expect(seatFillBuckets).toEqual(["0-25%", "25-50%", "50-75%", "75-100%"]);
  });
});

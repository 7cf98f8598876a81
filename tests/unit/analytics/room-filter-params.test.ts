import { describe, expect, it } from "vitest";
import { hasRoomFilters, parseRoomFilters, viewQuery } from "@/lib/analytics/room-filter-params";

describe("parseRoomFilters", () => {
  it("reads building, floor, band and amenity from the URL", () => {
    expect(parseRoomFilters({ building: "North", floor: "2", band: "5-8", amenity: "video" })).toEqual({
      building: "North",
      floor: "2",
      band: "5-8",
      amenity: "video",
    });
  });

  it("treats the form's empty 'all' options, blanks and unknown bands as no filter", () => {
    expect(parseRoomFilters({ building: "", floor: "  ", band: "7-9", amenity: undefined })).toEqual({});
    expect(parseRoomFilters({ band: "13+" })).toEqual({ band: "13+" });
  });

  it("takes the first of repeated values, trims, and ignores over-long ones", () => {
    expect(parseRoomFilters({ building: [" North ", "South"], amenity: "x".repeat(201) })).toEqual({ building: "North" });
  });

  it("ignores the other parameters of the URL", () => {
    expect(parseRoomFilters({ from: "2026-03-02", to: "2026-03-08", format: "csv" })).toEqual({});
    expect(hasRoomFilters({})).toBe(false);
    expect(hasRoomFilters({ floor: "0" })).toBe(true);
  });
});

describe("viewQuery", () => {
  it("writes the range, then the filters in a fixed order, then extras; encoded", () => {
    const range = { from: "2026-03-02", to: "2026-03-08" };
    expect(viewQuery(range, { amenity: "video", band: "13+", building: "Canal Works" }, { format: "csv" })).toBe(
      "from=2026-03-02&to=2026-03-08&building=Canal+Works&band=13%2B&amenity=video&format=csv",
    );
    // And parses back to the same filters.
    const params = Object.fromEntries(new URLSearchParams(viewQuery(range, { band: "13+", building: "Canal Works" })));
    expect(parseRoomFilters(params)).toEqual({ band: "13+", building: "Canal Works" });
  });
});

import { describe, expect, it } from "vitest";
import { fillSlot, roomText, SLOT, toRoomRows } from "@/app/_components/room-rows";
import type { RoomUtilisation } from "@/lib/analytics/types";
import { getDictionary } from "@/lib/i18n/dictionary";
import { getFormatters } from "@/lib/i18n/format";

const room = (over: Partial<RoomUtilisation>): RoomUtilisation => ({
  id: 1,
  name: "Harbour",
  building: "North",
  floor: "2",
  capacity: 8,
  bookings: 1234,
  bookedHours: 56.25,
  utilisation: 0.625,
  suppressed: false,
  ...over,
});

describe("room rows", () => {
  const format = getFormatters("en");

  it("writes a shown room's figures in the reader's format", () => {
    // 56.25 h → one decimal "56.3"; 0.625 → whole percent "63%".
    expect(toRoomRows([room({})], format)).toEqual([["1", "Harbour", "North", "2", "8", "1,234", "56.3", 0.625, "63%"]]);
  });

  it("withholds every figure of a suppressed room, even one the row still carries", () => {
    // Suppression is decided upstream; a figure left on a suppressed row must not reach the page.
    const [row] = toRoomRows([room({ suppressed: true })], format);
    expect(row).toEqual(["1", "Harbour", "North", "2", "8", null, null, null, null]);
  });

  it("keeps an unknown seat count apart from a suppressed figure", () => {
    const [row] = toRoomRows([room({ capacity: null })], format);
    expect(row?.[4]).toBeNull();
    expect(row?.[5]).toBe("1,234");
  });

  it("carries the translated sentences with a slot the browser fills", () => {
    for (const locale of ["en", "vi"] as const) {
      const t = getDictionary(locale).dashboard.rooms;
      const text = roomText(t, { word: "x", note: "y" }, getFormatters(locale));
      expect(text.chart.utilised).toContain(SLOT);
      expect(fillSlot(text.chart.utilised, "62%")).toBe(t.utilised("62%"));
      expect(fillSlot(text.chart.floor, "3")).toBe(t.floor("3"));
    }
  });
});

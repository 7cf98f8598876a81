import { describe, expect, it } from "vitest";
import type { RoomPreference } from "@/lib/analytics/preference-suppression";
import { recommendationThresholds } from "@/lib/analytics/recommendations";
import { compareAttributes, preferenceGroup, rankByPreference } from "@/lib/analytics/views/preference-attributes";

const room = (id: number, name: string, index: number | null, extra: Partial<RoomPreference> = {}): RoomPreference => ({
  id, name, building: "North", floor: "1", capacity: 6, band: "5-8", amenities: [], peers: 3,
  utilisation: index === null ? null : 0.3, peerUtilisation: index === null ? null : 0.3, preferenceIndex: index, indexSuppressed: index === null,
  revealed: { bookings: null, chosenWhilePeerFree: null, share: null, suppressed: true }, suppressed: index === null, ...extra,
});

const rooms = [
  room(1, "Preferred A", 1.5, { amenities: ["screen", "video"], floor: "3", capacity: 8, revealed: { bookings: 20, chosenWhilePeerFree: 16, share: 0.8, suppressed: false } }),
  room(2, "Preferred B", 1.3, { amenities: ["screen"], floor: "2", capacity: 6, revealed: { bookings: 20, chosenWhilePeerFree: 12, share: 0.6, suppressed: false } }),
  room(3, "Neutral", 1.0, { amenities: ["screen"], floor: "1" }),
  room(4, "Avoided", 0.4, { amenities: [], floor: "1", capacity: 4 }),
  room(5, "Hidden", null, { amenities: ["video"], floor: "9" }),
];

describe("preference groups and attributes", () => {
  it("ranks shown indices first, highest first, then hidden ones by name", () => {
    expect(rankByPreference(rooms).map((r) => r.name)).toEqual(["Preferred A", "Preferred B", "Neutral", "Avoided", "Hidden"]);
  });

  it("groups by the recommendation thresholds (> 1.2 preferred, < 0.6 avoided); no shown index, no group", () => {
    expect(rooms.map((r) => preferenceGroup(r, recommendationThresholds))).toEqual(["preferred", "preferred", "neutral", "avoided", null]);
  });

  it("compares the directory facts of each group; a hidden room is in none", () => {
    const rows = Object.fromEntries(compareAttributes(rooms, recommendationThresholds).map((row) => [row.id, row.values]));
    expect(rows).toEqual({
      rooms: [2, 1, 1],
      // (8 + 6) / 2 = 7 seats; 6; 4.
      meanSeats: [7, 6, 4],
      floors: ["2, 3", "1", "1"],
      // Screen: both preferred rooms, the neutral one, not the avoided one; video: one of two preferred.
      "amenity:screen": [1, 1, 0],
      "amenity:video": [0.5, 0, 0],
      // (0.8 + 0.6) / 2 = 0.7; no shown revealed share elsewhere.
      revealedShare: [0.7, null, null],
    });
  });
});

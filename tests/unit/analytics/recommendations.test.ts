import { describe, expect, it } from "vitest";
import type { GhostRate } from "@/lib/analytics/ghosts";
import type { RoomPreference } from "@/lib/analytics/preference-suppression";
import type { PressureGroup } from "@/lib/analytics/pressure";
import { recommend, recommendationThresholds, type RecommendationInputs } from "@/lib/analytics/recommendations";
import type { SeatFill, SeatFillRoom } from "@/lib/analytics/seat-fill-suppression";

const label = (id: number, name: string, capacity: number, floor = "1") => ({ id, name, building: "North", floor, capacity });
const group = (over: Partial<PressureGroup>): PressureGroup => ({
  building: "North", band: "5-8", rooms: 5, workingHours: 50, pressuredHours: 10, pressure: 0.2, peak: 5, peakDays: [], suppressed: false, ...over,
});
const seatRoom = (id: number, name: string, capacity: number, seatFill: number | null): SeatFillRoom => ({
  ...label(id, name, capacity), band: "9-12", bookings: seatFill === null ? null : 40, seatFill, suppressed: seatFill === null,
  histogram: [{ bucket: "75-100%", bookings: null, share: null, suppressed: true }],
});
const preferred = (id: number, name: string, index: number | null, extra: Partial<RoomPreference> = {}): RoomPreference => ({
  ...label(id, name, 6), band: "5-8", amenities: [], peers: 2, utilisation: 0.1, peerUtilisation: 0.1, preferenceIndex: index, indexSuppressed: index === null,
  revealed: { bookings: null, chosenWhilePeerFree: null, share: null, suppressed: true }, suppressed: false, ...extra,
});
const ghostRoom = (id: number, name: string, ghosts: number | null, withCheckIn: number, hoursLost: number) => ({
  ...label(id, name, 6), bookingsWithCheckIn: ghosts === null ? null : withCheckIn, ghosts,
  ghostRate: ghosts === null ? null : ghosts / withCheckIn, hoursLost: ghosts === null ? null : hoursLost, suppressed: ghosts === null,
});
const noGhosts: GhostRate = { bookingsWithCheckIn: null, ghosts: null, ghostRate: null, hoursLost: null, suppressed: true, byRoom: [] };
const noSeatFill: SeatFill = { bookings: null, seatFill: null, suppressed: true, byBand: [], byRoom: [] };
const inputs = (over: Partial<RecommendationInputs>): RecommendationInputs => ({ pressure: [], seatFill: noSeatFill, preference: [], ghostRate: noGhosts, ...over });

describe("recommend", () => {
  it("adds rooms to a building's band under pressure, enough to keep the peak under 80 %", () => {
    const [add, ...rest] = recommend(inputs({
      pressure: [
        group({}),
        group({ building: null, rooms: 12 }), // all buildings: not a place to build
        group({ building: "South", rooms: 1, pressure: 0.9 }), // one room: its pressure is its use
        group({ building: "West", pressure: 0.05 }), // under the 10 % threshold
        group({ building: "East", pressure: null, peak: null, suppressed: true }),
      ],
    }));
    expect(rest).toEqual([]);
    // Peak 5 of 5: 7 rooms put 80 % at 5.6 > 5, so 2 more.
    expect(add).toMatchObject({ kind: "add-rooms", subject: "North, 5-8 seats", threshold: { name: "highPressure", value: 0.1 } });
    expect(add?.text).toBe(
      "Add about 2 rooms of 5-8 seats in North: for 20 % of working time (10.0 h of 50.0 h) at least 80 % of its 5 rooms " +
        "were booked at once, with up to 5 at the same time (threshold: 10 % of working time).",
    );
  });

  it("sizes a room whose seat fill stays low, with the seats gained", () => {
    const recommendations = recommend(inputs({
      seatFill: { ...noSeatFill, byRoom: [seatRoom(1, "Andromeda", 12, 0.3), seatRoom(2, "Aquila", 10, 0.5), seatRoom(3, "Hidden", 12, null)] },
    }));
    // 12 × 0.3 = 3.6 people on average; at 70 % that is a ⌈5.14⌉ = 6-seat room: 6 seats gained.
    expect(recommendations).toHaveLength(1);
    expect(recommendations[0]?.text).toBe(
      "Andromeda (12 seats) is too big for its meetings: they fill 30 % of its seats on average over 40 bookings " +
        "(threshold: 40 %). They would fill a 6-seat room to 70 %: converting or splitting it gains about 6 seats for desks or another room.",
    );
  });

  it("names an avoided room and what its preferred peers have", () => {
    const recommendations = recommend(inputs({
      preference: [
        preferred(1, "A", 8 / 3, { amenities: ["video", "whiteboard"], utilisation: 0.2 }),
        preferred(2, "B", 0.8, { amenities: ["whiteboard"], floor: "2" }),
        { ...preferred(3, "C", 1 / 3, { floor: "3", utilisation: 0.05, peerUtilisation: 0.15 }), capacity: 5 },
        preferred(4, "D", null, { utilisation: null, suppressed: true }),
      ],
    }));
    expect(recommendations).toHaveLength(1);
    expect(recommendations[0]).toMatchObject({ kind: "avoided-room", subject: "C", threshold: { name: "avoidedIndex", value: 0.6 } });
    expect(recommendations[0]?.text).toBe(
      "C is avoided: used 0.33 times as much as its 2 peers in North (5 % against 15 %; threshold: 0.6). " +
        "Preferred peer A (index 2.67) has video, whiteboard, which C lacks; is on floor 1 (C: 3); seats 6 (C: 5).",
    );
  });

  it("lists ghost-prone rooms in one recommendation, most hours lost first", () => {
    const recommendations = recommend(inputs({
      ghostRate: { ...noGhosts, byRoom: [ghostRoom(1, "G", 5, 10, 4.5), ghostRoom(2, "K", 3, 10, 6), ghostRoom(3, "L", 1, 10, 1), ghostRoom(4, "M", null, 0, 0)] },
    }));
    // G 50 % and K 30 % reach 25 %; L (10 %) does not; M is suppressed. 4.5 + 6 = 10.5 h.
    expect(recommendations.map((r) => r.text)).toEqual([
      "2 rooms are ghost-prone (no-show rate at or above 25 % of bookings with check-in data), holding 10.5 h nobody used: " +
        "K 30 % (3 of 10, 6.0 h lost); G 50 % (5 of 10, 4.5 h lost). Releasing unclaimed bookings after a grace period would give that time back.",
    ]);
  });

  it("takes other thresholds, as settings will pass them", () => {
    const ghostRate = { ...noGhosts, byRoom: [ghostRoom(1, "L", 1, 10, 1)] };
    expect(recommend(inputs({ ghostRate }))).toEqual([]);
    expect(recommend(inputs({ ghostRate }), { ...recommendationThresholds, highGhostRate: 0.1 })).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import type { GhostRate } from "@/lib/analytics/ghosts";
import type { RoomPreference } from "@/lib/analytics/preference-suppression";
import type { PressureGroup } from "@/lib/analytics/pressure";
import { recommend, type RecommendationInputs } from "@/lib/analytics/recommendations";
import type { SeatFill, SeatFillRoom } from "@/lib/analytics/seat-fill-suppression";

// The numbers each recommendation carries beside its English text, for pages that word it in the
// reader's language: the same figures the text quotes.
const noGhosts: GhostRate = { bookingsWithCheckIn: null, ghosts: null, ghostRate: null, hoursLost: null, suppressed: true, byRoom: [] };
const noSeatFill: SeatFill = { bookings: null, seatFill: null, suppressed: true, byBand: [], byRoom: [] };
const inputs = (over: Partial<RecommendationInputs>): RecommendationInputs => ({ pressure: [], seatFill: noSeatFill, preference: [], ghostRate: noGhosts, ...over });
const label = (id: number, name: string, capacity: number, floor = "1") => ({ id, name, building: "North", floor, capacity });

describe("recommendation facts", () => {
  it("add rooms: the group's pressure, hours, rooms, peak and the rooms needed", () => {
    const group: PressureGroup = { building: "North", band: "5-8", rooms: 5, workingHours: 50, pressuredHours: 10, pressure: 0.2, peak: 5, peakDays: [], suppressed: false };
    const [rec] = recommend(inputs({ pressure: [group] }));
    // Peak 5 of 5: 7 rooms put 80 % at 5.6 > 5, so 2 more.
    expect(rec?.facts).toEqual({ building: "North", band: "5-8", rooms: 5, needed: 2, pressure: 0.2, pressuredHours: 10, workingHours: 50, peak: 5, pressureShare: 0.8 });
  });

  it("right-size: seat fill, the room its meetings need and the seats freed", () => {
    const room: SeatFillRoom = {
      ...label(1, "Andromeda", 12), band: "9-12", bookings: 40, seatFill: 0.3, suppressed: false,
      histogram: [{ bucket: "75-100%", bookings: 8, share: 0.2, suppressed: false }],
    };
    const [rec] = recommend(inputs({ seatFill: { ...noSeatFill, byRoom: [room] } }));
    // 12 × 0.3 = 3.6 people; at 70 % a ⌈5.14⌉ = 6-seat room: 6 seats freed.
    expect(rec?.facts).toEqual({
      room: "Andromeda", building: "North", capacity: 12, seatFill: 0.3, bookings: 40, suggestedSeats: 6, seatsGained: 6, targetSeatFill: 0.7, largeMeetingShare: 0.2,
    });
  });

  it("avoided room: its index and use beside its peers, and what each preferred peer has", () => {
    const pref = (id: number, name: string, index: number, extra: Partial<RoomPreference> = {}): RoomPreference => ({
      ...label(id, name, 6), band: "5-8", amenities: [], peers: 2, utilisation: 0.1, peerUtilisation: 0.1, preferenceIndex: index, indexSuppressed: false,
      revealed: { bookings: null, chosenWhilePeerFree: null, share: null, suppressed: true }, suppressed: false, ...extra,
    });
    const [rec] = recommend(inputs({
      preference: [
        pref(1, "A", 2, { amenities: ["video", "whiteboard"], revealed: { bookings: 20, chosenWhilePeerFree: 15, share: 0.75, suppressed: false } }),
        { ...pref(3, "C", 0.5, { floor: "3", amenities: ["whiteboard"], utilisation: 0.05, peerUtilisation: 0.1 }), capacity: 5 },
      ],
    }));
    expect(rec?.facts).toEqual({
      room: "C", building: "North", floor: "3", capacity: 5, preferenceIndex: 0.5, utilisation: 0.05, peerUtilisation: 0.1, peers: 2,
      preferredPeers: [{ room: "A", preferenceIndex: 2, revealedShare: 0.75, lacks: ["video"], floor: "1", capacity: 6 }],
    });
  });

  it("ghosts: each ghost-prone room, most hours lost first, and the hours lost in all", () => {
    const ghost = (id: number, name: string, ghosts: number, hoursLost: number) => ({
      ...label(id, name, 6), bookingsWithCheckIn: 10, ghosts, ghostRate: ghosts / 10, hoursLost, suppressed: false,
    });
    const [rec] = recommend(inputs({ ghostRate: { ...noGhosts, byRoom: [ghost(1, "G", 5, 4.5), ghost(2, "K", 3, 6)] } }));
    // 4.5 + 6 = 10.5 h.
    expect(rec?.facts).toEqual({
      hoursLost: 10.5,
      rooms: [
        { room: "K", ghostRate: 0.3, ghosts: 3, bookingsWithCheckIn: 10, hoursLost: 6 },
        { room: "G", ghostRate: 0.5, ghosts: 5, bookingsWithCheckIn: 10, hoursLost: 4.5 },
      ],
    });
  });
});

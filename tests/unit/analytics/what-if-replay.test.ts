import { describe, expect, it } from "vitest";
import { replayDisplaced, roomKey, seatsNeeded, type ReplayBooking, type ReplayRoom } from "@/lib/analytics/what-if-replay";

/** Minutes after 09:00 on one day, as epoch milliseconds. */
const at = (minutes: number) => Date.UTC(2026, 2, 2, 9) + minutes * 60_000;
const booking = (id: number, roomId: number, from: number, to: number, seats: number): ReplayBooking => ({
  id,
  roomId,
  start: at(from),
  end: at(to),
  seats,
});
const room = (id: number, name: string, building: string, capacity: number | null): ReplayRoom => ({
  key: roomKey(id),
  name,
  building,
  capacity,
  added: false,
});

describe("seats a displaced meeting needs", () => {
  it.each([
    [4, 6, 4, "its attendee count"],
    [12, 8, 8, "never more than the room it was held in"],
    [5, null, 5, "the count when its room's size is unknown"],
    [null, 10, 9, "without a count: the smallest size of its room's band (9–12)"],
    [null, 6, 5, "band 5–8"],
    [null, 2, 1, "band 1–2"],
    [null, 20, 13, "band 13+"],
    [0, 6, 5, "a count of 0 is no count"],
    [null, null, 1, "nothing known: any room"],
  ] as const)("%s attendees in a room of %s seats need %s (%s)", (attendees, capacity, expected, _why) => {
    expect(seatsNeeded(attendees, capacity)).toBe(expected);
  });
});

describe("the what-if replay", () => {
  // North: A (4 seats), B and C (8 seats each), R (8, removed), U (unknown size). South: D (6 seats).
  const [A, B, C, D, U] = [room(1, "A", "North", 4), room(2, "B", "North", 8), room(3, "C", "North", 8), room(4, "D", "South", 6), room(6, "U", "North", null)];
  const R = 5;
  const candidates = [D, C, B, A, U]; // any order: the replay sorts them itself
  const buildingOf = (roomId: number) => (roomId === 4 ? "South" : "North");
  const placed = (result: ReturnType<typeof replayDisplaced>) => result.map((p) => `${p.booking.id}→${p.to?.name ?? "none"}${p.to && !p.sameBuilding ? " (elsewhere)" : ""}`);

  it("takes the smallest free room with enough seats in the building, then anywhere, else none", () => {
    const kept = [booking(100, 2, 0, 60, 3)]; // B busy 09:00–10:00
    const displaced = [
      booking(1, R, 0, 60, 6), // 09:00–10:00, 6 seats: A too small, B busy → C
      booking(2, R, 30, 90, 6), // 09:30–10:30: B busy till 10:00, C holds #1 till 10:00 → D in South
      booking(3, R, 45, 75, 3), // 09:45–10:15, 3 seats: A (4) is the smallest and free
      booking(4, R, 50, 60, 7), // 09:50–10:00, 7 seats: B, C busy; D has 6 → does not fit
      booking(5, R, 120, 150, 5), // 11:00: B and C both free, 8 seats each → B by name
    ];
    expect(placed(replayDisplaced(displaced, kept, candidates, buildingOf))).toEqual(["1→C", "2→D (elsewhere)", "3→A", "4→none", "5→B"]);
  });

  it("replays in start order, ties by room id then booking id, whatever order the bookings come in", () => {
    // Only C is free at 14:00 (A is too small, B busy, D too small). Rooms 5 and 7 are both removed.
    const kept = [booking(100, 2, 300, 360, 2)];
    const displaced = [booking(9, 7, 300, 360, 8), booking(8, 5, 300, 360, 8), booking(7, 5, 300, 360, 8)];
    // Room 5 before room 7; within room 5, booking 7 before 8. Booking 7 gets C; 8 and 9 find nothing.
    expect(placed(replayDisplaced(displaced, kept, candidates, buildingOf))).toEqual(["7→C", "8→none", "9→none"]);
  });

  it("lets a placed booking block its new room, and frees the room again when it ends (touching is free)", () => {
    const displaced = [booking(1, R, 0, 30, 4), booking(2, R, 30, 60, 4), booking(3, R, 15, 45, 4)];
    // Start order: #1 09:00 → A; #3 09:15 → A busy till 09:30 → B; #2 09:30 → A free again (touching) → A.
    expect(placed(replayDisplaced(displaced, [], candidates, buildingOf))).toEqual(["1→A", "3→B", "2→A"]);
  });

  it("never seats a meeting in a room of unknown size, and puts existing rooms before added ones of the same size", () => {
    const added: ReplayRoom = { key: "added:North:5-8:1", name: "5-8 #001", building: "North", capacity: 8, added: true };
    const onlyUnknown = replayDisplaced([booking(1, R, 0, 60, 1)], [], [U], buildingOf);
    expect(placed(onlyUnknown)).toEqual(["1→none"]);
    // 6 seats: B (8) and the added room (8) tie on size; B first. Then B is busy, so the added room.
    const result = replayDisplaced([booking(1, R, 0, 60, 6), booking(2, R, 0, 60, 6), booking(3, R, 0, 60, 6)], [], [added, B, C], buildingOf);
    expect(placed(result)).toEqual(["1→B", "2→C", "3→5-8 #001"]);
  });

  it("handles double-booked rooms and many bookings per room", () => {
    // B is double-booked 09:00–10:00 and 09:30–10:30: busy 09:00–10:30 as one block.
    const kept = [booking(100, 2, 0, 60, 2), booking(101, 2, 30, 90, 2), booking(102, 3, 0, 10, 2), booking(103, 3, 20, 30, 2)];
    const displaced = [booking(1, R, 85, 95, 6), booking(2, R, 10, 20, 6), booking(3, R, 95, 100, 6)];
    // Start order #2, #1, #3. #2 09:10–09:20 fits C between its two bookings (B busy). #1 10:25–10:35: B busy
    // till 10:30 → C. #3 10:35–10:40: B is free again and comes before C by name → B.
    expect(placed(replayDisplaced(displaced, kept, candidates, buildingOf))).toEqual(["2→C", "1→C", "3→B"]);
  });
});

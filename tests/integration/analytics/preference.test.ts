import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPreference } from "@/lib/analytics/preference";
import { suppressPreference } from "@/lib/analytics/preference-suppression";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, week, workTime } from "./analytics-fixture";

const roomSpecs = [
  { name: "A", capacity: 6, building: "North", floor: "1", amenities: ["video", "whiteboard"] },
  { name: "B", capacity: 6, building: "North", floor: "2", amenities: ["whiteboard"] },
  { name: "C", capacity: 5, building: "North", floor: "3", amenities: [] },
  { name: "D", capacity: 6, building: "South", floor: "1", amenities: [] }, // no peers
  { name: "W1", capacity: 8, building: "West" },
  { name: "W2", capacity: 8, building: "West" },
];
const days = ["02", "03", "04", "05", "06"]; // Mon–Fri
const booked = (iso: string | null) => (iso === null ? null : new Date(iso));

// When each day's booking was made. A's Thursday booking has no booked-at: assumed to predate its peers'.
const aBookedAt = ["2026-02-01", "2026-02-01", "2026-03-01", null, "2026-03-01"];
const cBookedAt = ["2026-02-20", "2026-02-20", "2026-02-20", "2026-02-20", "2026-03-02"];

const records = days.flatMap((day, i) => [
  // A: 09:00–11:00 daily by a1–a5 → 10 h of 50 h = 0.2.
  rawBooking("A", `2026-03-${day}T09:00:00Z`, `2026-03-${day}T11:00:00Z`, { ...by(`a${i + 1}`), bookedAt: booked(aBookedAt[i] ?? null) }),
  // B: 09:00–10:00 daily by b1–b5, all made on 15 Feb → 5 h = 0.1.
  rawBooking("B", `2026-03-${day}T09:00:00Z`, `2026-03-${day}T10:00:00Z`, { ...by(`b${i + 1}`), bookedAt: booked("2026-02-15") }),
  // C: 09:00–09:30 daily by c1–c5 → 2.5 h = 0.05.
  rawBooking("C", `2026-03-${day}T09:00:00Z`, `2026-03-${day}T09:30:00Z`, { ...by(`c${i + 1}`), bookedAt: booked(cBookedAt[i] ?? null) }),
  // D: 1 h daily by d1–d5 → 0.1.
  rawBooking("D", `2026-03-${day}T14:00:00Z`, `2026-03-${day}T15:00:00Z`, by(`d${i + 1}`)),
  // W1: 09–10 while W2 is free (w1–w5), 14–15 while W2 is booked (w6–w10; no booked-at: W2's counts as earlier).
  rawBooking("W1", `2026-03-${day}T09:00:00Z`, `2026-03-${day}T10:00:00Z`, by(`w${i + 1}`)),
  rawBooking("W1", `2026-03-${day}T14:00:00Z`, `2026-03-${day}T15:00:00Z`, by(`w${i + 6}`)),
  rawBooking("W2", `2026-03-${day}T14:00:00Z`, `2026-03-${day}T15:00:00Z`, by(`v${i + 1}`)),
]);

describe.each(databaseKinds())("preference on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, roomSpecs, records);
  });
  afterAll(() => database.drop());

  it("judges whether a peer was free when each booking was made", async () => {
    const raw = await getPreference(database.db, week, {}, workTime);
    const byName = Object.fromEntries(raw.rooms.map((room) => [room.name, room]));
    // A (09–11): B (made 15 Feb) and C (made 20 Feb, Friday's 2 Mar) overlap every slot. A peer was free when
    // Mon and Tue were booked (1 Feb, before both) and Fri (1 Mar, before C's 2 Mar); not Wed (1 Mar) or Thu (unknown).
    expect(byName.A).toMatchObject({ choices: { bookings: 5, organizers: 5 }, peerFree: { bookings: 3, organizers: 3 }, peerBusy: { bookings: 2, organizers: 2 } });
    // B (09–10, made 15 Feb): C was booked later every day → always a free peer.
    expect(byName.B).toMatchObject({ peerFree: { bookings: 5, organizers: 5 }, peerBusy: { bookings: 0, organizers: 0 } });
    // C: only Wednesday had a free peer (A's Wednesday booking came on 1 Mar, after C's 20 Feb).
    expect(byName.C).toMatchObject({ peerFree: { bookings: 1, organizers: 1 }, peerBusy: { bookings: 4, organizers: 4 } });
    expect(byName.D).toMatchObject({ choices: { bookings: 0, organizers: 0 } });
    expect(byName.W1).toMatchObject({ peerFree: { bookings: 5, organizers: 5 }, peerBusy: { bookings: 5, organizers: 5 } });
    expect(byName.W2).toMatchObject({ peerFree: { bookings: 0, organizers: 0 }, peerBusy: { bookings: 5, organizers: 5 } });
    expect(raw.organizers).toBe(35);
  });

  it("divides each room's utilisation by its peers' mean, and shows revealed preference only when both parts reach k", async () => {
    const rooms = suppressPreference(await getPreference(database.db, week, {}, workTime), k);
    const byName = Object.fromEntries(rooms.map((room) => [room.name, room]));
    // A: 0.2 / ((0.1 + 0.05) / 2) = 0.2 / 0.075 = 8/3.
    expect(byName.A).toMatchObject({ band: "5-8", peers: 2, utilisation: 0.2, suppressed: false });
    expect(byName.A?.preferenceIndex).toBeCloseTo(8 / 3, 10);
    expect(byName.A?.peerUtilisation).toBeCloseTo(0.075, 10);
    // A's 3 / 2 split has parts under k.
    expect(byName.A?.revealed).toEqual({ bookings: null, chosenWhilePeerFree: null, share: null, suppressed: true });
    // B: 0.1 / ((0.2 + 0.05) / 2) = 0.8. Revealed 5 of 5: the "no peer free" part is empty, under k,
    // so the share (which would show it as zero) is suppressed too.
    expect(byName.B?.preferenceIndex).toBeCloseTo(0.8, 10);
    expect(byName.B?.revealed.suppressed).toBe(true);
    // C: 0.05 / ((0.2 + 0.1) / 2) = 1/3.
    expect(byName.C?.preferenceIndex).toBeCloseTo(1 / 3, 10);
    expect(byName.C?.revealed.suppressed).toBe(true);
    // D has no peer: no index, nothing to reveal.
    expect(byName.D).toMatchObject({ peers: 0, utilisation: 0.1, preferenceIndex: null, peerUtilisation: null });
    // W1: 10 h = 0.2 against W2's 0.1 → 2; W2 → 0.5. W1's 5 + 5 split has both parts at k: 5 of 10.
    expect(byName.W1).toMatchObject({ utilisation: 0.2, preferenceIndex: 2, revealed: { bookings: 10, chosenWhilePeerFree: 5, share: 0.5, suppressed: false } });
    expect(byName.W2).toMatchObject({ preferenceIndex: 0.5, revealed: { share: null, suppressed: true } });
  });

  it("reports only the filtered rooms but keeps every peer", async () => {
    const rooms = suppressPreference(await getPreference(database.db, week, { amenity: "video" }, workTime), k);
    expect(rooms.map((room) => room.name)).toEqual(["A"]);
    expect(rooms[0]?.preferenceIndex).toBeCloseTo(8 / 3, 10);
  });

  it("hides an index that would give away a hidden peer", () => {
    const room = (id: number, name: string, hours: number, organizers: number, building = "N") => ({
      id, name, building, floor: "", capacity: 6, amenities: [], inScope: true,
      bookings: organizers, bookedSeconds: hours * 3600, workingSeconds: 50 * 3600, organizers,
      choices: { bookings: 0, organizers: 0 }, peerFree: { bookings: 0, organizers: 0 }, peerBusy: { bookings: 0, organizers: 0 },
    });
    // Y (3 organizers) is X's only peer and hidden (with V, 3, elsewhere): X's index × X's utilisation would be Y's.
    const alone = suppressPreference({ organizers: 16, rooms: [room(1, "X", 10, 10), room(2, "Y", 5, 3), room(3, "V", 5, 3, "S")] }, k);
    expect(alone[0]).toMatchObject({ utilisation: 0.2, preferenceIndex: null, peerUtilisation: null, suppressed: false });
    // Y and Z (3 each) both hidden: the index reveals only their sum, which covers 6 ≥ k people.
    // X: 0.2 / ((0.1 + 0.1) / 2) = 2.
    const two = suppressPreference({ organizers: 16, rooms: [room(1, "X", 10, 10), room(2, "Y", 5, 3), room(3, "Z", 5, 3)] }, k);
    expect(two[0]).toMatchObject({ utilisation: 0.2, preferenceIndex: 2, suppressed: false });
    expect(two[1]).toMatchObject({ utilisation: null, preferenceIndex: null, suppressed: true });
  });
});

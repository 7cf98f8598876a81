import type { CapacityBand } from "./bands";
import { PRESSURE_SHARE, type PressureGroup } from "./pressure";
import type { GhostRate } from "./ghosts";
import type { RoomPreference } from "./preference-suppression";
import type { SeatFill } from "./seat-fill-suppression";

/**
 * Every threshold a recommendation uses, in one place: the defaults. Admins override them by name
 * (settings.recommendation_thresholds, read through lib/settings-thresholds.ts `effectiveThresholds`).
 * Shares are 0–1; the preference index is a ratio to the peers' mean.
 */
export const recommendationThresholds = {
  /**
   * Add rooms to a building's band (of 2 rooms or more) when it is under pressure for at least this
   * share of working time. A band of one room is left to utilisation: its "pressure" is its use.
   */
  highPressure: 0.1,
  /** Convert or split a room whose booked-minute-weighted seat fill is below this… */
  lowSeatFill: 0.4,
  /** …into a room its meetings would fill this much on average (the seats gained are the difference). */
  targetSeatFill: 0.7,
  /** A room is avoided below this preference index… */
  avoidedIndex: 0.6,
  /** …and preferred above this one. */
  preferredIndex: 1.2,
  /** A room is ghost-prone at or above this ghost rate. */
  highGhostRate: 0.25,
} as const;

export type RecommendationThresholds = { [K in keyof typeof recommendationThresholds]: number };

/**
 * The numbers a recommendation's text is written from, by kind, so a page can put them in its own
 * words (and language) and list them beside the sentence. Every figure is one the tables show.
 */
export type RecommendationFacts = {
  "add-rooms": {
    building: string;
    band: CapacityBand;
    rooms: number;
    /** Rooms to add so the busiest moment seen stays under the pressure line. */
    needed: number;
    pressure: number;
    pressuredHours: number;
    workingHours: number;
    peak: number;
    /** The share of a group's rooms booked at once that counts as pressure (80 %). */
    pressureShare: number;
  };
  "right-size": {
    room: string;
    building: string;
    capacity: number;
    seatFill: number;
    bookings: number | null;
    /** The room size its meetings would fill to the target on average, and the seats that frees. */
    suggestedSeats: number;
    seatsGained: number;
    targetSeatFill: number;
    /** Share of its meetings that filled over three quarters of it, when shown. */
    largeMeetingShare: number | null;
  };
  "avoided-room": {
    room: string;
    building: string;
    floor: string;
    capacity: number | null;
    preferenceIndex: number;
    utilisation: number;
    peerUtilisation: number | null;
    peers: number;
    preferredPeers: {
      room: string;
      preferenceIndex: number;
      revealedShare: number | null;
      /** Amenities the peer has and the avoided room lacks. */
      lacks: string[];
      floor: string;
      capacity: number | null;
    }[];
  };
  ghosts: {
    hoursLost: number;
    rooms: { room: string; ghostRate: number; ghosts: number | null; bookingsWithCheckIn: number | null; hoursLost: number }[];
  };
};

export type RecommendationKind = keyof RecommendationFacts;

export type Recommendation = {
  [K in RecommendationKind]: {
    kind: K;
    /** What it is about: a building and band, a room name, or "ghost-prone rooms". */
    subject: string;
    /** Plain words, with the numbers behind it and the threshold that triggered it. */
    text: string;
    threshold: { name: keyof RecommendationThresholds; value: number };
    facts: RecommendationFacts[K];
  };
}[RecommendationKind];

export type RecommendationInputs = { pressure: PressureGroup[]; seatFill: SeatFill; preference: RoomPreference[]; ghostRate: GhostRate };

const pct = (value: number) => `${(value * 100).toFixed(0)} %`;
const hours = (value: number) => `${value.toFixed(1)} h`;
const building = (name: string) => (name === "" ? "the rooms without a building" : name);

/**
 * Recommendations from already-suppressed metrics only: a suppressed value never triggers one, so a
 * recommendation can reveal nothing the tables do not show.
 */
export function recommend(inputs: RecommendationInputs, thresholds: RecommendationThresholds = recommendationThresholds): Recommendation[] {
  return [
    ...addRooms(inputs.pressure, thresholds),
    ...rightSize(inputs.seatFill, thresholds),
    ...avoidedRooms(inputs.preference, thresholds),
    ...ghostRooms(inputs.ghostRate, thresholds),
  ];
}

function addRooms(groups: PressureGroup[], thresholds: RecommendationThresholds): Recommendation[] {
  return groups.flatMap((group) => {
    if (group.building === null || group.rooms < 2 || group.pressure === null || group.peak === null) return [];
    if (group.pressure < thresholds.highPressure) return [];
    // Enough rooms that the busiest moment seen stays under the pressure line: peak < 80 % of rooms.
    const needed = Math.max(1, Math.floor(group.peak / PRESSURE_SHARE) + 1 - group.rooms);
    const subject = `${building(group.building)}, ${group.band} seats`;
    return [
      {
        kind: "add-rooms" as const,
        subject,
        text:
          `Add about ${needed} room${needed === 1 ? "" : "s"} of ${group.band} seats in ${building(group.building)}: ` +
          `for ${pct(group.pressure)} of working time (${hours(group.pressuredHours ?? 0)} of ${hours(group.workingHours)}) at least ` +
          `${pct(PRESSURE_SHARE)} of its ${group.rooms} rooms were booked at once, ` +
          `with up to ${group.peak} at the same time (threshold: ${pct(thresholds.highPressure)} of working time).`,
        threshold: { name: "highPressure", value: thresholds.highPressure },
        facts: {
          building: group.building,
          band: group.band,
          rooms: group.rooms,
          needed,
          pressure: group.pressure,
          pressuredHours: group.pressuredHours ?? 0,
          workingHours: group.workingHours,
          peak: group.peak,
          pressureShare: PRESSURE_SHARE,
        },
      },
    ];
  });
}

function rightSize(seatFill: SeatFill, thresholds: RecommendationThresholds): Recommendation[] {
  return seatFill.byRoom.flatMap((room) => {
    if (room.seatFill === null || room.capacity === null || room.seatFill >= thresholds.lowSeatFill) return [];
    // The room the same meetings would fill to the target on average (a mean: the largest meetings
    // may still need a room this size nearby, which the histogram shows).
    const seats = Math.max(1, Math.ceil((room.capacity * room.seatFill) / thresholds.targetSeatFill));
    const gained = room.capacity - seats;
    if (gained < 1) return [];
    return [
      {
        kind: "right-size" as const,
        subject: room.name,
        text:
          `${room.name} (${room.capacity} seats) is too big for its meetings: they fill ${pct(room.seatFill)} of its seats on ` +
          `average over ${room.bookings ?? 0} bookings (threshold: ${pct(thresholds.lowSeatFill)}). They would fill a ${seats}-seat ` +
          `room to ${pct(thresholds.targetSeatFill)}: converting or splitting it gains about ${gained} seat${gained === 1 ? "" : "s"} ` +
          `for desks or another room${largeMeetings(room)}.`,
        threshold: { name: "lowSeatFill", value: thresholds.lowSeatFill },
        facts: {
          room: room.name,
          building: room.building,
          capacity: room.capacity,
          seatFill: room.seatFill,
          bookings: room.bookings,
          suggestedSeats: seats,
          seatsGained: gained,
          targetSeatFill: thresholds.targetSeatFill,
          largeMeetingShare: room.histogram[room.histogram.length - 1]?.share ?? null,
        },
      },
    ];
  });
}

/** The share of meetings that needed most of the room, when the histogram shows it. */
function largeMeetings(room: SeatFill["byRoom"][number]): string {
  const full = room.histogram[room.histogram.length - 1];
  return full?.share === null || full === undefined ? "" : ` (${pct(full.share)} of its meetings filled over three quarters of it)`;
}

function avoidedRooms(rooms: RoomPreference[], thresholds: RecommendationThresholds): Recommendation[] {
  // The preferred rooms by building and band, found once: a scan of every room per avoided room took
  // seconds at thousands of rooms.
  const groupOf = (room: RoomPreference) => `${room.building}\u0000${room.band}`;
  const preferredByGroup = new Map<string, RoomPreference[]>();
  for (const room of rooms) {
    if (room.preferenceIndex === null || room.preferenceIndex <= thresholds.preferredIndex) continue;
    const group = preferredByGroup.get(groupOf(room));
    if (group) group.push(room);
    else preferredByGroup.set(groupOf(room), [room]);
  }
  return rooms.flatMap((room) => {
    if (room.preferenceIndex === null || room.utilisation === null || room.preferenceIndex >= thresholds.avoidedIndex) return [];
    const preferred = (preferredByGroup.get(groupOf(room)) ?? []).filter((peer) => peer.id !== room.id);
    const differences = preferred.map((peer) => describeDifference(room, peer));
    return [
      {
        kind: "avoided-room" as const,
        subject: room.name,
        text:
          `${room.name} is avoided: used ${room.preferenceIndex.toFixed(2)} times as much as its ${room.peers} peer` +
          `${room.peers === 1 ? "" : "s"} in ${building(room.building)} (${pct(room.utilisation)} against ${pct(room.peerUtilisation ?? 0)}; ` +
          `threshold: ${thresholds.avoidedIndex}). ` +
          (differences.length > 0 ? differences.join(" ") : "No peer stands out as preferred to compare it with."),
        threshold: { name: "avoidedIndex", value: thresholds.avoidedIndex },
        facts: {
          room: room.name,
          building: room.building,
          floor: room.floor,
          capacity: room.capacity,
          preferenceIndex: room.preferenceIndex,
          utilisation: room.utilisation,
          peerUtilisation: room.peerUtilisation,
          peers: room.peers,
          preferredPeers: preferred.map((peer) => ({
            room: peer.name,
            preferenceIndex: peer.preferenceIndex ?? 0,
            revealedShare: peer.revealed.share,
            lacks: peer.amenities.filter((amenity) => !room.amenities.includes(amenity)),
            floor: peer.floor,
            capacity: peer.capacity,
          })),
        },
      },
    ];
  });
}

/** What a preferred peer has that the avoided room lacks: amenities, floor, seats. */
export function describeDifference(room: RoomPreference, peer: RoomPreference): string {
  const lacks = peer.amenities.filter((amenity) => !room.amenities.includes(amenity));
  const facts = [
    lacks.length > 0 ? `has ${lacks.join(", ")}, which ${room.name} lacks` : null,
    peer.floor !== room.floor ? `is on floor ${peer.floor || "?"} (${room.name}: ${room.floor || "?"})` : null,
    peer.capacity !== room.capacity ? `seats ${peer.capacity ?? "?"} (${room.name}: ${room.capacity ?? "?"})` : null,
  ].filter((fact): fact is string => fact !== null);
  const revealed = peer.revealed.share === null ? "" : `; people chose it while another room was free for ${pct(peer.revealed.share)} of its bookings`;
  const index = peer.preferenceIndex === null ? "" : ` (index ${peer.preferenceIndex.toFixed(2)}${revealed})`;
  return `Preferred peer ${peer.name}${index} ${facts.length > 0 ? facts.join("; ") : "differs in nothing the directory records"}.`;
}

/** One recommendation naming every ghost-prone room, most hours lost first. */
function ghostRooms(ghostRate: GhostRate, thresholds: RecommendationThresholds): Recommendation[] {
  const prone = ghostRate.byRoom
    .filter((room) => room.ghostRate !== null && room.ghostRate >= thresholds.highGhostRate)
    .sort((a, b) => (b.hoursLost ?? 0) - (a.hoursLost ?? 0) || a.name.localeCompare(b.name));
  if (prone.length === 0) return [];
  const lost = prone.reduce((sum, room) => sum + (room.hoursLost ?? 0), 0);
  const rooms = prone.map(
    (room) => `${room.name} ${pct(room.ghostRate ?? 0)} (${room.ghosts} of ${room.bookingsWithCheckIn}, ${hours(room.hoursLost ?? 0)} lost)`,
  );
  return [
    {
      kind: "ghosts",
      subject: "ghost-prone rooms",
      text:
        `${prone.length} room${prone.length === 1 ? " is" : "s are"} ghost-prone (no-show rate at or above ${pct(thresholds.highGhostRate)} ` +
        `of bookings with check-in data), holding ${hours(lost)} nobody used: ${rooms.join("; ")}. Releasing unclaimed ` +
        `bookings after a grace period would give that time back.`,
      threshold: { name: "highGhostRate", value: thresholds.highGhostRate },
      facts: {
        hoursLost: lost,
        rooms: prone.map((room) => ({
          room: room.name,
          ghostRate: room.ghostRate ?? 0,
          ghosts: room.ghosts,
          bookingsWithCheckIn: room.bookingsWithCheckIn,
          hoursLost: room.hoursLost ?? 0,
        })),
      },
    },
  ];
}

import type { RoomPreference } from "../preference-suppression";
import type { RecommendationThresholds } from "../recommendations";
import type { CellLabel, ColumnType } from "./table";

/** Shown index first, highest first; rooms without a shown index after them, by name. */
export function rankByPreference(rooms: readonly RoomPreference[]): RoomPreference[] {
  return [...rooms].sort((a, b) => {
    const [x, y] = [a.preferenceIndex, b.preferenceIndex];
    if (x !== null && y !== null && x !== y) return y - x;
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    return a.name.localeCompare(b.name) || a.id - b.id;
  });
}

export type PreferenceGroup = "preferred" | "neutral" | "avoided";

/** Where a room's shown index puts it, by the recommendation thresholds; null without a shown index. */
export function preferenceGroup(room: RoomPreference, thresholds: RecommendationThresholds): PreferenceGroup | null {
  const index = room.preferenceIndex;
  if (index === null) return null;
  if (index > thresholds.preferredIndex) return "preferred";
  if (index < thresholds.avoidedIndex) return "avoided";
  return "neutral";
}

export type AttributeRow = {
  id: string;
  label: CellLabel;
  type: ColumnType;
  /** Preferred, neutral, avoided; null where the group has no room to describe. */
  values: [number | string | null, number | string | null, number | string | null];
};

/**
 * What sets preferred rooms apart: the directory facts (seats, floors, amenities) of the rooms whose
 * shown index is above the preferred threshold, between the thresholds, and below the avoided one.
 * Groups are formed from shown indices only, and the facts are the directory's, so the table reveals
 * nothing the ranked list does not.
 */
export function compareAttributes(rooms: readonly RoomPreference[], thresholds: RecommendationThresholds): AttributeRow[] {
  const groups: PreferenceGroup[] = ["preferred", "neutral", "avoided"];
  const members = groups.map((group) => rooms.filter((room) => preferenceGroup(room, thresholds) === group));
  const per = (compute: (group: RoomPreference[]) => number | string | null) =>
    members.map((group) => (group.length === 0 ? null : compute(group))) as AttributeRow["values"];
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  const amenities = [...new Set(members.flat().flatMap((room) => room.amenities))].sort((a, b) => a.localeCompare(b));
  return [
    { id: "rooms", label: { kind: "attribute", attribute: "rooms" }, type: "integer", values: members.map((group) => group.length) as AttributeRow["values"] },
    {
      id: "meanSeats",
      label: { kind: "attribute", attribute: "meanSeats" },
      type: "decimal",
      values: per((group) => mean(group.flatMap((room) => (room.capacity === null ? [] : [room.capacity])))),
    },
    {
      id: "floors",
      label: { kind: "attribute", attribute: "floors" },
      type: "text",
      values: per((group) => [...new Set(group.map((room) => room.floor || "?"))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).join(", ")),
    },
    ...amenities.map(
      (amenity): AttributeRow => ({
        id: `amenity:${amenity}`,
        label: { kind: "amenityShare", amenity },
        type: "share",
        values: per((group) => group.filter((room) => room.amenities.includes(amenity)).length / group.length),
      }),
    ),
    {
      id: "revealedShare",
      label: { kind: "attribute", attribute: "revealedShare" },
      type: "share",
      values: per((group) => mean(group.flatMap((room) => (room.revealed.share === null ? [] : [room.revealed.share])))),
    },
  ];
}

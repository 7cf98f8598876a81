import { shown, suppressSmallCells } from "@/lib/privacy/suppression";
import { bandOf, type CapacityBand } from "./bands";
import { ratio, suppressRows } from "./cell-suppression";
import type { PreferenceRoomRow, PreferenceRows } from "./preference";
import { toRoomLabel, type RoomLabel } from "./room-filter";

export type RoomPreference = RoomLabel & {
  band: CapacityBand | null;
  amenities: string[];
  /** Other active rooms of the same building and band. */
  peers: number;
  utilisation: number | null;
  /** Mean utilisation of the peers. */
  peerUtilisation: number | null;
  /** utilisation / peerUtilisation: > 1 preferred, < 1 avoided; null without peers or peer use, or when suppressed. */
  preferenceIndex: number | null;
  /** True when the index and the peers' mean are hidden (see below); `suppressed` is the room's own utilisation. */
  indexSuppressed: boolean;
  revealed: { bookings: number | null; chosenWhilePeerFree: number | null; share: number | null; suppressed: boolean };
  suppressed: boolean;
};

/**
 * Rooms are hidden exactly as on the dashboard (same rows, same suppressSmallCells partition, same
 * total check), so a utilisation shown here is one the dashboard shows too. An index also carries
 * the peers' mean: with the room's own utilisation and the visible peers' it gives away the sum of
 * the hidden peers, so it is shown only when the room is and that sum is safe to reveal (no hidden
 * peer, or several covering k people between them). Revealed preference splits a room's bookings into
 * "a peer was free" and "none was"; the share is shown only when both parts reach k (or one is empty).
 */
export function suppressPreference(raw: PreferenceRows, k: number): RoomPreference[] {
  const totalHidden = raw.organizers < k;
  const roomHidden = totalHidden ? raw.rooms.map(() => true) : suppressSmallCells(raw.rooms, k, (room) => room.bookings);
  const hiddenById = new Map(raw.rooms.map((room, i) => [room.id, roomHidden[i] ?? true]));
  const utilisation = (room: PreferenceRoomRow) => ratio(room.bookedSeconds, room.workingSeconds);
  const groupOf = (room: PreferenceRoomRow) => `${room.building}\u0000${bandOf(room.capacity)}`;
  // Grouped once: looking for each room's peers among all rooms took seconds at thousands of rooms.
  const groups = new Map<string, PreferenceRoomRow[]>();
  for (const room of raw.rooms) {
    const group = groups.get(groupOf(room));
    if (group) group.push(room);
    else groups.set(groupOf(room), [room]);
  }

  return raw.rooms.flatMap((room) => {
    if (!room.inScope) return [];
    const band = bandOf(room.capacity);
    const peers = band === null ? [] : (groups.get(groupOf(room)) ?? []).filter((peer) => peer.id !== room.id);
    const suppressed = hiddenById.get(room.id) ?? true;
    const peerUtilisations = peers.map(utilisation).filter((value): value is number => value !== null);
    const peerMean = peerUtilisations.length > 0 ? peerUtilisations.reduce((a, b) => a + b, 0) / peerUtilisations.length : null;
    const own = utilisation(room);
    const indexHidden = suppressed || !peerSumSafe(peers.filter((peer) => hiddenById.get(peer.id) ?? true), k);
    const index = own === null || peerMean === null ? null : ratio(own, peerMean);
    return [
      {
        ...toRoomLabel(room),
        band,
        amenities: room.amenities,
        peers: peers.length,
        utilisation: shown(own, suppressed),
        peerUtilisation: shown(peerMean, indexHidden),
        preferenceIndex: shown(index, indexHidden),
        indexSuppressed: indexHidden,
        revealed: suppressRevealed(room, k),
        suppressed,
      },
    ];
  });
}

/**
 * The hidden peers' sum may be revealed when none of them covers anyone (unused, or private occupancy
 * only), or when several do and cover k people between them.
 */
function peerSumSafe(hiddenPeers: PreferenceRoomRow[], k: number): boolean {
  const covering = hiddenPeers.filter((peer) => peer.organizers > 0);
  if (covering.length === 0) return true;
  return covering.length > 1 && covering.reduce((sum, peer) => sum + peer.organizers, 0) >= k;
}

function suppressRevealed(room: PreferenceRoomRow, k: number): RoomPreference["revealed"] {
  const bookings = room.choices.bookings;
  const cells = [room.choices, room.peerFree, room.peerBusy];
  const hidden = suppressRows(cells, [{ whole: 0, parts: [1, 2] }], [[0, 1, 2]], k);
  const suppressed = bookings === 0 || (hidden[0] ?? true);
  return {
    bookings: shown(bookings, suppressed),
    chosenWhilePeerFree: shown(room.peerFree.bookings, suppressed),
    share: shown(ratio(room.peerFree.bookings, bookings), suppressed),
    suppressed,
  };
}

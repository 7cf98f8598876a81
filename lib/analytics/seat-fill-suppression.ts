import { shown } from "@/lib/privacy/suppression";
import type { CapacityBand } from "./bands";
import { ratio, suppressLinked, type Cell, type Equation } from "./cell-suppression";
import { toRoomLabel, type RoomLabel } from "./room-filter";
import { seatFillBuckets, type SeatFillRows, type SeatFillTally } from "./seat-fill";

export type SeatFillBucket = { bucket: (typeof seatFillBuckets)[number]; bookings: number | null; share: number | null; suppressed: boolean };

type SeatFillFigures = {
  /** Bookings with seat-fill data. */
  bookings: number | null;
  /** Booked-minute-weighted mean seat fill, 0–1. */
  seatFill: number | null;
  histogram: SeatFillBucket[];
  suppressed: boolean;
};

export type SeatFillRoom = RoomLabel & { band: CapacityBand } & SeatFillFigures;
export type SeatFillBand = { band: CapacityBand } & SeatFillFigures;
export type SeatFill = Omit<SeatFillFigures, "histogram"> & { byBand: SeatFillBand[]; byRoom: SeatFillRoom[] };

/**
 * The cells and the sums that link them: all = Σ bands, band = Σ its rooms (in total and per
 * bucket), room or band = Σ its buckets, and a room's buckets + its left-out bookings = the room's
 * bookings on the dashboard (shown there when they reach k).
 */
export function suppressSeatFill(raw: SeatFillRows, k: number): SeatFill {
  const cells: Cell[] = [];
  const equations: Equation[] = [];
  const add = (tally: SeatFillTally) => {
    const start = cells.length;
    cells.push(tally, ...tally.buckets);
    const buckets = tally.buckets.map((_, j) => start + 1 + j);
    equations.push({ whole: start, parts: buckets });
    return { start, buckets };
  };
  const total = add(raw.total);
  const bands = raw.bands.map((band) => ({ band, at: add(band) }));
  equations.push({ whole: total.start, parts: bands.map(({ at }) => at.start) });
  const rooms = raw.rooms.map((room) => {
    const at = add(room);
    cells.push({ ...room.leftOut, displayed: false }, { ...room.all, displayed: false, elsewhere: true });
    equations.push({ whole: cells.length - 1, parts: [...at.buckets, cells.length - 2] });
    return { room, at };
  });
  for (const { band, at } of bands) {
    const members = rooms.filter(({ room }) => room.band === band.band).map((room) => room.at);
    equations.push({ whole: at.start, parts: members.map((room) => room.start) });
    at.buckets.forEach((cell, j) => equations.push({ whole: cell, parts: members.flatMap((room) => room.buckets.slice(j, j + 1)) }));
  }
  const hidden = suppressLinked(cells, equations, k);

  const figures = (tally: SeatFillTally, at: { start: number; buckets: number[] }): SeatFillFigures => {
    const suppressed = hidden[at.start] ?? true;
    return {
      bookings: shown(tally.bookings, suppressed),
      seatFill: shown(ratio(tally.weightedFillSeconds, tally.seconds), suppressed),
      histogram: seatFillBuckets.map((bucket, j) => {
        const bucketHidden = hidden[at.buckets[j] ?? -1] ?? true;
        const bookings = tally.buckets[j]?.bookings ?? 0;
        return {
          bucket,
          bookings: shown(bookings, bucketHidden),
          share: shown(ratio(bookings, tally.bookings), bucketHidden || suppressed),
          suppressed: bucketHidden,
        };
      }),
      suppressed,
    };
  };
  const overall = figures(raw.total, total);
  return {
    bookings: overall.bookings,
    seatFill: overall.seatFill,
    suppressed: overall.suppressed,
    byBand: bands.map(({ band, at }) => ({ band: band.band, ...figures(band, at) })),
    byRoom: rooms.map(({ room, at }) => ({ ...toRoomLabel(room), band: room.band, ...figures(room, at) })),
  };
}

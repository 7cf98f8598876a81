import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { capacityBandIds, type CapacityBand } from "./bands";
import type { Tally } from "./cell-suppression";
import { servedByRollups } from "./local-time";
import { SEAT_DATA, seatFillReferenceSql, seatFillResult, WEIGHT_KEYS } from "./reference/seat-fill";
import { roomScope, toRoomLabel, type RoomFilters, type RoomLabel } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { periodsServe, seatFillPeriodsSql, secondsInWindows } from "./seat-fill-periods";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/** Histogram buckets of seat fill: [0, 25 %), [25, 50 %), [50, 75 %), [75, 100 %] (a full room is in the last). */
export const seatFillBuckets = ["0-25%", "25-50%", "50-75%", "75-100%"] as const;

/** Seat-fill figures of a room, a band or all rooms, before suppression. */
export type SeatFillTally = Tally & {
  /** Σ fill × booked seconds and Σ booked seconds: the booked-minute-weighted mean is their ratio. */
  weightedFillSeconds: number;
  seconds: number;
  /** One tally per bucket of `seatFillBuckets`. */
  buckets: Tally[];
};

export type SeatFillRows = {
  /** `leftOut`: the room's bookings without seat data; `all`: all its bookings, as the dashboard counts them. */
  rooms: (RoomLabel & { band: CapacityBand } & SeatFillTally & { leftOut: Tally; all: Tally })[];
  bands: ({ band: CapacityBand } & SeatFillTally)[];
  total: SeatFillTally;
};

type Row = { [K in keyof RoomLabel]: RoomLabel[K] | null } & {
  level: "room" | "room-bucket" | "band" | "band-bucket" | "total" | "left" | "all";
  band: CapacityBand | null;
  bucket: number | null;
  bookings: number;
  organizers: number;
  weightedFillSeconds: number;
  seconds: number;
};

/**
 * Seat fill of a booking = min(attendees, capacity) / capacity (the organizer counts as an attendee;
 * more people than seats is a full room). A room's or band's seat fill is the mean weighted by each
 * booking's own minutes inside working hours. Left out: private bookings (stored without a count),
 * bookings whose source gave no attendee count, cancelled bookings, bookings outside working hours,
 * and rooms of unknown capacity. What is left out per room is tallied (never shown) so the
 * suppression step can keep it from being worked out by subtraction from the room's bookings.
 */
export async function getSeatFill(
  db: Db,
  range: DateRange,
  filters: RoomFilters = {},
  time?: WorkingTime,
  organizerCap?: number,
): Promise<SeatFillRows> {
  const working = await resolveWorkingTime(db, time);
  const scope = roomScope(filters);
  // With a cap (the view's k), the seat-fill periods answer when they were built for this working
  // time and these rooms; else the bookings are read (seat-fill-periods.ts).
  if (organizerCap !== undefined && (await periodsServe(db, working, scope, organizerCap))) {
    return shapeSeatFill(await queryRows<Row>(db, seatFillPeriodsSql(range, working, scope, organizerCap)));
  }
  const rows = await queryRows<Row>(db, servedByRollups(working) ? seatFillSql(range, working, scope) : seatFillReferenceSql(range, working, scope));
  return shapeSeatFill(capOrganizers(rows, organizerCap));
}

/** `getSeatFill` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getSeatFillRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime, organizerCap?: number): Promise<SeatFillRows> {
  return shapeSeatFill(capOrganizers(await queryRows<Row>(db, seatFillReferenceSql(range, time, roomScope(filters))), organizerCap));
}

/** Organizer counts as min(count, cap): all the small-group rule reads of them (cell-suppression.ts). */
function capOrganizers(rows: Row[], cap: number | undefined): Row[] {
  return cap === undefined ? rows : rows.map((row) => ({ ...row, organizers: Math.min(row.organizers, cap) }));
}

/** Weights from the placed bookings: each working day they meet, clipped to its room's window. */
function seatFillSql(range: DateRange, time: WorkingTime, scope: SQL): SQL {
  return sql`
    WITH ${fastCtes(range, time, scope)},
    weights AS (
      SELECT ${WEIGHT_KEYS}, ${secondsInWindows} AS seconds
      FROM in_range_work b JOIN window_days z ON z.window_key = b.window_key AND z.day = b.day
      WHERE ${SEAT_DATA}
      GROUP BY ${WEIGHT_KEYS}
    ),
    ${seatFillResult}`;
}

function shapeSeatFill(rows: Row[]): SeatFillRows {
  const emptyTally = (): SeatFillTally => ({
    bookings: 0, organizers: 0, weightedFillSeconds: 0, seconds: 0,
    buckets: seatFillBuckets.map(() => ({ bookings: 0, organizers: 0 })),
  });
  const total = emptyTally();
  const bands = new Map<CapacityBand, SeatFillTally>();
  const rooms = new Map<number, SeatFillRows["rooms"][number]>();
  const leftOut = new Map<number, Tally>();
  const all = new Map<number, Tally>();
  const tallyOf = (row: Row): SeatFillTally | undefined => {
    if (row.level === "total") return total;
    if (row.band === null) return undefined;
    if (row.level === "band" || row.level === "band-bucket") {
      if (!bands.has(row.band)) bands.set(row.band, emptyTally());
      return bands.get(row.band);
    }
    if (row.id === null) return undefined;
    if (!rooms.has(row.id)) {
      const label = { ...row, id: row.id, name: row.name ?? "", building: row.building ?? "", floor: row.floor ?? "" };
      const none = { bookings: 0, organizers: 0 };
      rooms.set(row.id, { ...toRoomLabel(label), band: row.band, ...emptyTally(), leftOut: none, all: none });
    }
    return rooms.get(row.id);
  };
  for (const row of rows) {
    const tally = { bookings: row.bookings, organizers: row.organizers };
    if (row.level === "left" || row.level === "all") {
      if (row.id !== null) (row.level === "left" ? leftOut : all).set(row.id, tally);
      continue;
    }
    const target = tallyOf(row);
    if (!target) continue;
    if (row.bucket === null) Object.assign(target, tally, { weightedFillSeconds: row.weightedFillSeconds, seconds: row.seconds });
    else target.buckets[row.bucket] = tally;
  }
  for (const [id, room] of rooms) {
    room.leftOut = leftOut.get(id) ?? room.leftOut;
    room.all = all.get(id) ?? room.all;
  }
  const bandOrder = (band: CapacityBand) => capacityBandIds.indexOf(band);
  return {
    rooms: [...rooms.values()].sort((a, b) => bandOrder(a.band) - bandOrder(b.band) || a.name.localeCompare(b.name)),
    bands: [...bands.entries()].sort(([a], [b]) => bandOrder(a) - bandOrder(b)).map(([band, tally]) => ({ band, ...tally })),
    total,
  };
}

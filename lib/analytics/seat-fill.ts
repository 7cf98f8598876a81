import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { bandSql, capacityBandIds, type CapacityBand } from "./bands";
import type { Tally } from "./cell-suppression";
import { roomLabelColumns, roomScope, toRoomLabel, type RoomFilters, type RoomLabel } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "./working-time";

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
export async function getSeatFill(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<SeatFillRows> {
  const working = await resolveWorkingTime(db, time);
  const rows = await queryRows<Row>(
    db,
    sql`
      WITH ${workingTimeCtes(range, working, roomScope(filters))},
      -- Each booking's own minutes inside working hours (a join, not a subquery per booking: room_days is large).
      weights AS (
        SELECT b.id, sum(${rangeSeconds(sql`(rd.win * tstzrange(b.starts_at, b.ends_at))`)}) AS seconds
        FROM in_range_days b JOIN room_days rd ON rd.room_id = b.room_id AND rd.day = b.day AND rd.win && tstzrange(b.starts_at, b.ends_at)
        WHERE b.status <> 'cancelled' AND NOT b.private AND b.attendee_count IS NOT NULL AND b.capacity >= 1
        GROUP BY b.id
      ),
      seat AS (
        SELECT b.id, b.room_id, ${bandSql(sql`b.capacity`)} AS band, b.organizer_pseudonym,
          least(b.attendee_count, b.capacity)::float8 / b.capacity AS fill,
          least((4 * least(b.attendee_count, b.capacity)) / b.capacity, 3) AS bucket, w.seconds
        FROM in_range b JOIN weights w ON w.id = b.id
      ),
      tallies AS (
        SELECT GROUPING(band, room_id, bucket) AS level, band, room_id, bucket,
          count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers,
          sum(fill * seconds) AS weighted, sum(seconds) AS seconds
        FROM seat GROUP BY GROUPING SETS ((band, room_id), (band, room_id, bucket), (band), (band, bucket), ())
      ),
      room_bookings AS (
        SELECT b.room_id, EXISTS (SELECT 1 FROM seat s WHERE s.id = b.id) AS has_data, b.organizer_pseudonym
        FROM relevant b WHERE b.capacity >= 1
      ),
      left_out AS (
        SELECT room_id, has_data, GROUPING(has_data) = 1 AS whole, count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
        FROM room_bookings GROUP BY GROUPING SETS ((room_id, has_data), (room_id))
      )
      SELECT CASE t.level WHEN 1 THEN 'room' WHEN 0 THEN 'room-bucket' WHEN 3 THEN 'band' WHEN 2 THEN 'band-bucket' ELSE 'total' END AS level,
        ${roomLabelColumns}, t.band, t.bucket::integer AS bucket, t.bookings::integer AS bookings,
        t.organizers::integer AS organizers, coalesce(t.weighted, 0)::float8 AS "weightedFillSeconds",
        coalesce(t.seconds, 0)::float8 AS seconds
      FROM tallies t LEFT JOIN rooms r ON r.id = t.room_id
      UNION ALL
      SELECT CASE WHEN l.whole THEN 'all' ELSE 'left' END, ${roomLabelColumns}, NULL, NULL,
        l.bookings::integer, l.organizers::integer, 0, 0
      FROM left_out l JOIN rooms r ON r.id = l.room_id
      WHERE l.whole OR NOT l.has_data`,
  );
  return shapeSeatFill(rows);
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

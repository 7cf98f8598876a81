import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";

/**
 * A small integer per organizer pseudonym, so rollups can hold exact sets of organizers (int arrays)
 * that queries union and count. Exact, not a sketch: the small-group rule (invariant 5) must never
 * show a cell of k − 1 people because an estimate said k. A row lives while a booking carries its
 * pseudonym: exclusion deletes it at once, purge and integration removal delete those left unused.
 */
export const organizers = pgTable("organizers", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  pseudonym: text().notNull().unique(),
});

/**
 * One row per room, local calendar day and local hour slot (`day + hour` to `day + hour + 1` in the
 * room's time zone, so a 23- or 25-hour day still tiles exactly), for every slot a booking touches.
 * Rows hold no working hours: queries pick the slots inside whatever working hours they are asked
 * about, so a settings change or a what-if needs no recompute. lib/analytics/rollup-refresh.ts keeps
 * them current, in the transaction of every write to bookings.
 *
 * Two kinds of column, told apart by how a booking is attributed:
 * - seconds (union of intervals inside the slot, so double bookings count once) belong to the slot's
 *   day. Metrics count a booking only when it *starts* inside the range, so a slot on the range's
 *   first day must leave out bookings that began the evening before: `*_own_seconds` covers bookings
 *   that started on `day`, `*_recent_seconds` those that started on `day` or the day before (bookings
 *   last at most 24 h, so nothing older reaches a slot otherwise). Both are null when they equal the
 *   full value, which is almost always.
 * - `bookings_started` and `organizer_ids` belong to the booking's start day: bookings that started
 *   in this hour, and the organizers of bookings that started on `day` and touch this clock hour.
 */
export const roomHourRollups = pgTable(
  "room_hour_rollups",
  {
    // No foreign key: its check per written row would cost a refresh a tenth of its time, and a room
    // with rollups has bookings, whose own foreign key keeps it from being deleted.
    roomId: integer().notNull(),
    day: date({ mode: "string" }).notNull(),
    hour: smallint().notNull(),
    /** Union of the slot's confirmed and no-show bookings (cancelled ones never hold a room). */
    bookedSeconds: doublePrecision().notNull().default(0),
    bookedOwnSeconds: doublePrecision(),
    bookedRecentSeconds: doublePrecision(),
    /** Union of checked-in time: from check-in (or start, if earlier) to end. */
    occupiedSeconds: doublePrecision().notNull().default(0),
    occupiedOwnSeconds: doublePrecision(),
    occupiedRecentSeconds: doublePrecision(),
    /** Union of no-show (auto-released) bookings: room time held by nobody. */
    lostSeconds: doublePrecision().notNull().default(0),
    lostOwnSeconds: doublePrecision(),
    lostRecentSeconds: doublePrecision(),
    /** Confirmed and no-show bookings that started in this hour (private ones included). */
    bookingsStarted: integer().notNull().default(0),
    /** Sorted ids (organizers.id) of the organizers of those bookings, as the heatmap counts them. */
    organizerIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
  },
  // Room first: a view of some rooms (one building) reads their days through the key, and a refresh
  // deletes room-days by it. With the day first, a building's quarter at 10 M bookings was a scan of
  // every room's rows (0.55 s of a 0.74 s view; 0.05 s by the room). Views of all rooms read a range
  // of days through the block-range index instead: rows are written in day order (rollup-cells.ts),
  // so each block holds a few days, and the index costs next to nothing to keep.
  (t) => [primaryKey({ columns: [t.roomId, t.day, t.hour] }), index("room_hour_rollups_day_brin").using("brin", t.day)],
);

/**
 * Seat fill per room, local period and bucket, for the right-sizing and overview pages
 * (lib/analytics/seat-fill-periods.ts): a quarter of 5,000 rooms reads tens of thousands of these
 * instead of every booking. Unlike the hour rollups they are built for one working time (seat fill
 * weighs each booking by its minutes inside working hours) and one capacity per room:
 * `seat_fill_basis` says which, and a view whose working time or rooms differ reads the bookings.
 *
 * Only bookings that end on their local start day (`last_slot` < 24) are counted here: their minutes
 * all fall on that day, so a period's figures do not depend on the range around it. The few that run
 * past midnight are read from the bookings, through `bookings_overnight`.
 */
export const seatFillPeriods = pgTable(
  "seat_fill_periods",
  {
    // No foreign key, as for the hour rollups: the room's bookings keep it from being deleted.
    roomId: integer().notNull(),
    /** "day" (`period` is the local day) or "month" (`period` is its first day). */
    grain: text().notNull(),
    period: date({ mode: "string" }).notNull(),
    /** seatFillBuckets' index (0–3); 4: held bookings with no seat fill (private, no count, outside working hours). */
    bucket: smallint().notNull(),
    bookings: integer().notNull(),
    /** Σ fill × seconds inside working hours, and Σ seconds (0 for bucket 4). */
    weightedFillSeconds: doublePrecision().notNull(),
    seconds: doublePrecision().notNull(),
    /** The smallest 100 distinct organizer ids (organizers.id), sorted: min(k, distinct) for any k up to 100. */
    organizerIds: integer().array().notNull(),
  },
  // Room first for a refresh, which rewrites a room's months; views read every room's periods of a range.
  (t) => [primaryKey({ columns: [t.roomId, t.grain, t.period, t.bucket] }), index("seat_fill_periods_period").on(t.grain, t.period)],
);

/** What each room's seat-fill periods were built with: its capacity, time zone and the working time's fingerprint. */
export const seatFillBasis = pgTable("seat_fill_basis", {
  roomId: integer().primaryKey(),
  capacity: integer(),
  timeZone: text().notNull(),
  workingTime: text().notNull(),
});

/**
 * Revealed preference per room, local period and answer, for the preference and overview pages
 * (lib/analytics/choice-periods.ts): per room and local day or month, the bookings made while a peer
 * was free (`peer_free`) and the others. Whether a peer was free depends on the peers' bookings, so
 * a write to one room rebuilds its whole group's days around it; and on the group itself (the rooms of
 * the building and capacity band) and the working time: `choice_basis` says which they were built for.
 *
 * As for seat fill, only bookings that end on their local start day are here; the few that run past
 * midnight are read from the bookings.
 */
export const choicePeriods = pgTable(
  "choice_periods",
  {
    // No foreign key, as for the hour rollups: the room's bookings keep it from being deleted.
    roomId: integer().notNull(),
    /** "day" (`period` is the local day) or "month" (`period` is its first day). */
    grain: text().notNull(),
    period: date({ mode: "string" }).notNull(),
    /** Whether these bookings were made while at least one peer was free for their whole time. */
    peerFree: boolean().notNull(),
    bookings: integer().notNull(),
    /** The smallest 100 distinct organizer ids (organizers.id), sorted: min(k, distinct) for any k up to 100. */
    organizerIds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.grain, t.period, t.peerFree] }), index("choice_periods_period").on(t.grain, t.period)],
);

/** What each room's choice periods were built with: its group (members and zones) and the working time's fingerprint. */
export const choiceBasis = pgTable("choice_basis", {
  roomId: integer().primaryKey(),
  groupKey: text().notNull(),
  workingTime: text().notNull(),
});

/**
 * Room usage per room and local day or month, for the dashboard and the preference index
 * (lib/analytics/usage-periods.ts): bookings started, booked seconds inside working hours and the
 * smallest 100 organizer ids, summed from the hour rollups. Built for one working time
 * (`usage_basis`); a view with another reads the hour rollups, as before.
 */
export const usagePeriods = pgTable(
  "usage_periods",
  {
    // No foreign key, as for the hour rollups: the room's bookings keep it from being deleted.
    roomId: integer().notNull(),
    /** "day" (`period` is the local day) or "month" (`period` is its first day). */
    grain: text().notNull(),
    period: date({ mode: "string" }).notNull(),
    /** Bookings that started in the period (not cancelled), as the hour rollups count them. */
    bookings: integer().notNull(),
    /** The room's booked seconds in the period's working hours (the union of its bookings). */
    bookedSeconds: doublePrecision().notNull(),
    /**
     * Day rows only: the booked seconds of bookings that started that day, and of those that started
     * that day or the day before (the hour rollups' own and recent seconds): what the day counts as a
     * range's first or second day. Null when equal to `booked_seconds`, which is almost always.
     */
    bookedOwnSeconds: doublePrecision(),
    bookedRecentSeconds: doublePrecision(),
    /** The smallest 100 distinct organizer ids of those bookings, sorted. */
    organizerIds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.grain, t.period] }), index("usage_periods_period").on(t.grain, t.period)],
);

/** The working time's fingerprint each room's usage periods were built with. */
export const usageBasis = pgTable("usage_basis", {
  roomId: integer().primaryKey(),
  workingTime: text().notNull(),
});

/**
 * Pressure per group and local day (lib/analytics/pressure-periods.ts): a group is a
 * capacity band in one building, or in all buildings (`all_buildings`, `building` ''). The day's peak
 * concurrency, its seconds under pressure, its bookings and the smallest 100 organizer ids. A day's
 * figures depend on every room of the group, on who the members are and on the working time:
 * `pressure_basis` says which each group's rows were built for.
 */
export const pressurePeriods = pgTable(
  "pressure_periods",
  {
    band: text().notNull(),
    allBuildings: boolean().notNull(),
    building: text().notNull(),
    /** The day: each room's working window of its own local day. */
    day: date({ mode: "string" }).notNull(),
    /** The most rooms of the group booked at once that day. */
    peak: integer().notNull(),
    /** Seconds that day with at least 80 % of the group's rooms booked. */
    pressuredSeconds: doublePrecision().notNull(),
    /** Bookings with time inside the group's working hours that day (not cancelled). */
    bookings: integer().notNull(),
    /** The smallest 100 distinct organizer ids of those bookings, sorted. */
    organizerIds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.band, t.allBuildings, t.building, t.day] }), index("pressure_periods_day").on(t.day)],
);

/** What each group's pressure rows were built with: its members and zones (hashed) and the working time's fingerprint. */
export const pressureBasis = pgTable(
  "pressure_basis",
  {
    band: text().notNull(),
    allBuildings: boolean().notNull(),
    building: text().notNull(),
    groupKey: text().notNull(),
    workingTime: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.band, t.allBuildings, t.building] })],
);

/**
 * Band days whose `pressure_periods` rows a write deleted without writing them again (it touched
 * more of them than a request can sweep, lib/analytics/pressure-periods.ts): views over a range that
 * holds one read the bookings, and the warm-up schedule's repair writes them.
 */
export const pressureDirty = pgTable(
  "pressure_dirty",
  {
    band: text().notNull(),
    day: date({ mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.band, t.day] })],
);

/**
 * The heatmap per local day and hour slot, over every analysed room (lib/analytics/heatmap-periods.ts):
 * the booked seconds inside each room's working hours and the smallest 100 organizer ids, summed from
 * the hour rollups. A quarter then reads about two thousand rows instead of 1.6 M hour rows and their
 * 1.9 M organizer ids at 10 M bookings. A row depends on every room, so `heatmap_basis` records the
 * rooms and the working time the rows were built for; a view whose differ reads the hour rollups.
 */
export const heatmapPeriods = pgTable(
  "heatmap_periods",
  {
    /** The local day and hour slot of each room's own zone, as in room_hour_rollups. */
    day: date({ mode: "string" }).notNull(),
    hour: smallint().notNull(),
    /** Σ over rooms of the slot's booked seconds, for rooms whose working hours hold the slot that day. */
    bookedSeconds: doublePrecision().notNull(),
    /** The same over their own and recent seconds (as usage_periods' columns); null when equal to `booked_seconds`. */
    bookedOwnSeconds: doublePrecision(),
    bookedRecentSeconds: doublePrecision(),
    /** Bookings that started in the slot (not cancelled), over every room, working hours or not. */
    bookings: integer().notNull().default(0),
    /** The smallest 100 distinct organizer ids of the slot's rollup rows, sorted. */
    organizerIds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.hour] })],
);

/** The one row saying which rooms (and their buildings and zones, hashed) and working time `heatmap_periods` holds. */
export const heatmapBasis = pgTable("heatmap_basis", {
  /** Always true, and the key: the table holds one row at most. */
  single: boolean().primaryKey().default(true),
  roomsKey: text().notNull(),
  workingTime: text().notNull(),
});

/**
 * Days whose `heatmap_periods` rows were deleted without being written again (a write touched more
 * of them than it sweeps, or the basis changed): views over a range that holds one read the hour
 * rollups until the warm-up schedule's repair writes them.
 */
export const heatmapDirty = pgTable("heatmap_dirty", {
  day: date({ mode: "string" }).primaryKey(),
});

/**
 * What the ghost rate and occupied utilisation need, per room and local day or month
 * (lib/analytics/checkin-periods.ts): the occupied and lost seconds inside working hours, summed from
 * the hour rollups, and, of the bookings that end on their local start day, the no-shows, the attended
 * bookings and the checked-in bookings that add occupied time, each with its smallest 100 organizer
 * ids. A quarter of 5,000 rooms then reads tens of thousands of rows instead of every booking.
 */
export const checkinPeriods = pgTable(
  "checkin_periods",
  {
    // No foreign key, as for the hour rollups: the room's bookings keep it from being deleted.
    roomId: integer().notNull(),
    /** "day" (`period` is the local day) or "month" (`period` is its first day). */
    grain: text().notNull(),
    period: date({ mode: "string" }).notNull(),
    /** Seconds the room was held by checked-in bookings in the period's working hours (their union). */
    occupiedSeconds: doublePrecision().notNull(),
    /** Seconds of no-show bookings in the period's working hours (their union). */
    lostSeconds: doublePrecision().notNull(),
    /** Day rows only: both as a range's first and second day count them (usage_periods' own and recent seconds); null when equal. */
    occupiedOwnSeconds: doublePrecision(),
    occupiedRecentSeconds: doublePrecision(),
    lostOwnSeconds: doublePrecision(),
    lostRecentSeconds: doublePrecision(),
    /** No-show bookings overlapping working hours, and the smallest 100 of their organizer ids. */
    ghosts: integer().notNull(),
    ghostOrganizerIds: integer().array().notNull(),
    /** Bookings overlapping working hours that carry a check-in time, and their smallest 100 organizer ids. */
    attended: integer().notNull(),
    attendedOrganizerIds: integer().array().notNull(),
    /** Checked-in bookings whose occupied time meets working hours, and their smallest 100 organizer ids. */
    occupying: integer().notNull(),
    occupyingOrganizerIds: integer().array().notNull(),
    /** Whether a booking of the period (not cancelled) is a no-show or carries a check-in time. */
    checkinData: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.grain, t.period] }), index("checkin_periods_period").on(t.grain, t.period)],
);

/** The time zone and working time's fingerprint each room's check-in periods were built with. */
export const checkinBasis = pgTable("checkin_basis", {
  roomId: integer().primaryKey(),
  timeZone: text().notNull(),
  workingTime: text().notNull(),
});

/**
 * Booking behaviour per local day, over every analysed room (lib/analytics/behaviour-periods.ts): per
 * histogram family and bucket, the bookings and the smallest 100 organizer ids. Only bookings that end
 * on their local start day; written with `heatmap_periods`, under its basis and dirty marks.
 */
export const behaviourPeriods = pgTable(
  "behaviour_periods",
  {
    day: date({ mode: "string" }).notNull(),
    /** "lead", "duration", "recurring", "outcome", "cancelled" or "leadKnown" (lib/analytics/behaviour-facts.ts). */
    family: text().notNull(),
    bucket: smallint().notNull(),
    bookings: integer().notNull(),
    /** The smallest 100 distinct organizer ids of those bookings, sorted. */
    organizerIds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.family, t.bucket] })],
);

/** The lead times (start − booked-at, seconds) of each day's held bookings in `behaviour_periods`, for the median. */
export const behaviourLeads = pgTable("behaviour_leads", {
  day: date({ mode: "string" }).primaryKey(),
  leadSeconds: doublePrecision().array().notNull(),
});

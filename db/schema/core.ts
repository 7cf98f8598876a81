import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const rooms = pgTable("rooms", {
  id: serial().primaryKey(),
  name: text().notNull().unique(),
  building: text().notNull().default(""),
  floor: text().notNull().default(""),
  /** Seats; null until an admin or a source states it. */
  capacity: integer(),
  amenities: text().array().notNull().default(sql`'{}'::text[]`),
  timeZone: text().notNull().default("UTC"),
  active: boolean().notNull().default(true),
  /** Executive, HR or health rooms: shown only inside their floor's totals, never on their own. */
  sensitive: boolean().notNull().default(false),
  createdAt: createdAt(),
});

/**
 * A building's own working time, when it differs from the organisation's (settings). Null columns
 * inherit the settings; rooms name their building by text, so a row here is optional.
 */
export const buildings = pgTable(
  "buildings",
  {
    name: text().primaryKey(),
    workdayStartMinute: integer(),
    workdayEndMinute: integer(),
    /** ISO weekdays (1 = Monday … 7 = Sunday) that count as working days here. */
    workdays: integer().array(),
  },
  (t) => [check("buildings_workday_order", sql`${t.workdayStartMinute} < ${t.workdayEndMinute}`)],
);

/** Days a building is closed (public holidays, shutdowns): left out of available time. */
export const closureDays = pgTable(
  "closure_days",
  {
    /** The building's name; "" closes every building that day. */
    building: text().notNull(),
    day: date().notNull(),
    /** What the day is, e.g. "New Year's Day". */
    label: text().notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.building, t.day] })],
);

/** How a source names a room: a resource e-mail (lower-cased) or a source's resource id. */
export const roomSources = pgTable(
  "room_sources",
  {
    id: serial().primaryKey(),
    roomId: integer()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    sourceKey: text().notNull(),
  },
  (t) => [uniqueIndex("room_sources_source_key").on(t.sourceKey)],
);

export const integrationKinds = ["ics", "csv", "google", "microsoft", "webhook"] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

export const integrations = pgTable(
  "integrations",
  {
    id: serial().primaryKey(),
    kind: text({ enum: integrationKinds }).notNull(),
    name: text().notNull().unique(),
    /** Non-secret settings: source location, default room, time zone. */
    config: jsonb().$type<IntegrationConfig>().notNull(),
    /**
     * The one secret of the integration (service-account key, client secret, webhook secret, a feed
     * URL's token), AES-256-GCM under a key kept outside the database (lib/integrations/secrets.ts).
     */
    secretEncrypted: text(),
    /** Minutes between scheduled syncs; null: synced on demand only. */
    syncIntervalMinutes: integer(),
    enabled: boolean().notNull().default(true),
    /** Where the next sync resumes; saved in the same transaction as the rows it covers. */
    cursor: jsonb().$type<Record<string, string>>(),
    lastStatus: text(),
    lastSyncAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "integrations_sync_interval_range",
      sql`${t.syncIntervalMinutes} IS NULL OR ${t.syncIntervalMinutes} BETWEEN 5 AND 10080`,
    ),
  ],
);

export type IntegrationConfig = {
  /** What it reads, fit to show: a file path, a URL without its query string, "microsoft:<tenant>". */
  source: string;
  room?: string;
  timeZone?: string;
  /** Kind-specific settings of integrations added through lib/integrations, parsed there per kind. */
  [setting: string]: unknown;
};

export type Rejection = { where: string; reason: string };

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: serial().primaryKey(),
    integrationId: integer()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: ["succeeded", "partial", "failed"] }).notNull(),
    fetched: integer().notNull().default(0),
    inserted: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    cancelled: integer().notNull().default(0),
    excluded: integer().notNull().default(0),
    allDay: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    /** The first rejection reasons, each with its line or row number. */
    rejections: jsonb().$type<Rejection[]>().notNull().default([]),
    error: text(),
  },
  (t) => [
    index("sync_runs_integration").on(t.integrationId, t.startedAt),
    // The newest run that changed bookings is the planner cache's data version (views/cache.ts): found
    // by this index alone however many runs that changed nothing pile up (a scheduled sync every few minutes).
    index("sync_runs_changed").on(t.id).where(sql`${t.inserted} + ${t.updated} + ${t.cancelled} > 0`),
  ],
);

export const bookingStatuses = ["confirmed", "cancelled", "no_show"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookings = pgTable(
  "bookings",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    roomId: integer()
      .notNull()
      .references(() => rooms.id),
    integrationId: integer()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    /** SHA-256 of the source's own event key (UID + recurrence id, or row key): never the raw text. */
    externalKey: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    bookedAt: timestamp({ withTimezone: true }),
    /** HMAC-SHA-256 of the organizer's normalised e-mail; null for private events. */
    organizerPseudonym: text(),
    keyVersion: smallint(),
    attendeeCount: integer(),
    status: text({ enum: bookingStatuses }).notNull(),
    checkedInAt: timestamp({ withTimezone: true }),
    recurring: boolean().notNull().default(false),
    private: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Where the booking falls in its room's local time, computed once at import so metric queries
     * convert no time zones: the local day it starts, and the local hour slots (numbered from that
     * day's midnight, 24 and up on the next days) holding its start and its last instant. Null only
     * until lib/analytics/rollup-refresh.ts fills it (rows written outside the import pipeline).
     */
    localDay: date({ mode: "string" }),
    firstSlot: smallint(),
    lastSlot: smallint(),
    /**
     * CSV imports only: a keyed digest of the file row the booking was written from (lib/ingest/
     * line-digest.ts), so that a re-import recognises unchanged rows without parsing them. Null for
     * other sources, and once the booking no longer is what its row made (cancelled as disappeared).
     */
    sourceDigest: text(),
  },
  (t) => [
    uniqueIndex("bookings_integration_external_key").on(t.integrationId, t.externalKey),
    index("bookings_room_starts_at").on(t.roomId, t.startsAt),
    index("bookings_organizer").on(t.organizerPseudonym),
    // Metric queries and rollup refreshes select a room's bookings by local day.
    index("bookings_room_local_day").on(t.roomId, t.localDay),
    // The per-booking metrics read every room's bookings of a range of days: over all rooms that is a
    // tenth of the table or less, which the index above cannot serve, so they scanned all of it. Bookings
    // arrive roughly in time order, so a block-range index finds the range's pages for ~nothing at
    // ingest (it summarises 128 pages per entry; a stray old booking only widens one range).
    index("bookings_local_day_brin").using("brin", t.localDay),
    // Every view asks which key versions the stored pseudonyms carry (lib/privacy/rotation-threshold.ts):
    // without an index that read the whole table (1.7 s of each view at 10 M bookings); through it, one
    // probe per version. Its keys repeat (one or two versions), so deduplication keeps it small (64 MB
    // at 10 M bookings, against 300 MB or more for the other btree indexes).
    index("bookings_key_version").on(t.keyVersion).where(sql`${t.organizerPseudonym} IS NOT NULL`),
    // Empty while every row is placed: finds rows that still need their local columns, at no cost otherwise.
    index("bookings_unplaced").on(t.id).where(sql`${t.localDay} IS NULL`),
    // Bookings that run past their local start day: few, and the seat-fill periods leave them to the
    // view, which finds a range's through this (lib/analytics/seat-fill-periods.ts).
    index("bookings_overnight").on(t.roomId, t.localDay).where(sql`${t.lastSlot} >= 24`),
    check("bookings_end_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    // Imports reject longer ones (lib/ingest/validate.ts, MAX_BOOKING_HOURS); rollups and the metric
    // queries rely on it: a booking reaches two local days after its start at most.
    check("bookings_at_most_a_day", sql`${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
    check(
      "bookings_private_is_occupancy_only",
      sql`NOT ${t.private} OR (${t.organizerPseudonym} IS NULL AND ${t.attendeeCount} IS NULL)`,
    ),
  ],
);

/** Keyed hashes of people who opted out; never an e-mail, never linked to a sign-in account. */
export const exclusions = pgTable(
  "exclusions",
  {
    id: serial().primaryKey(),
    personHash: text().notNull(),
    keyVersion: smallint().notNull(),
    /** Groups one person's hashes (one per live key version) so people can be counted; no identity. */
    entryId: uuid().notNull().defaultRandom(),
    since: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("exclusions_hash_version").on(t.personHash, t.keyVersion)],
);

/** One row (id = 1): the settings every metric and privacy rule reads. */
export const settings = pgTable(
  "settings",
  {
    id: integer().primaryKey().default(1),
    minGroupSize: integer().notNull().default(10),
    retentionDays: integer().notNull().default(395),
    workdayStartMinute: integer().notNull().default(8 * 60),
    workdayEndMinute: integer().notNull().default(18 * 60),
    /** ISO weekdays (1 = Monday … 7 = Sunday) that count as working days. */
    workdays: integer().array().notNull().default(sql`'{1,2,3,4,5}'::integer[]`),
    lastPurgeAt: timestamp({ withTimezone: true }),
    /** Overrides of the recommendation thresholds (lib/analytics/recommendations.ts), by name. */
    recommendationThresholds: jsonb().$type<Partial<Record<string, number>>>().notNull().default({}),
  },
  (t) => [
    check("settings_single_row", sql`${t.id} = 1`),
    check("settings_k_range", sql`${t.minGroupSize} BETWEEN 5 AND 100`),
    check("settings_retention_range", sql`${t.retentionDays} BETWEEN 30 AND 760`),
    check("settings_workday_order", sql`${t.workdayStartMinute} < ${t.workdayEndMinute}`),
  ],
);

export const auditLog = pgTable("audit_log", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Who acted: "cli", "system" or a role; never an e-mail of a person the data is about. */
  actor: text().notNull(),
  action: text().notNull(),
  details: jsonb().$type<Record<string, string | number | boolean | null>>().notNull().default({}),
});

export type Room = typeof rooms.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type Settings = typeof settings.$inferSelect;

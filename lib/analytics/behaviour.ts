import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Tally } from "./cell-suppression";
import { roomScope, type RoomFilters } from "./room-filter";
import { servedByRollups } from "./local-time";
import { hashedTally } from "./hashed-tally";
import { fastCtes } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { workingTimeCtes, type WorkingTime } from "./working-time";

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Lead time = start − booked-at. Buckets by lower bound; a booking entered after its start falls in the first. */
export const leadTimeBuckets = [
  { label: "<1h", from: -Infinity },
  { label: "1-24h", from: HOUR },
  { label: "1-7d", from: DAY },
  { label: "1-4w", from: 7 * DAY },
  { label: ">4w", from: 28 * DAY },
] as const;

/**
 * Duration in 15-minute buckets up to 4 h, then one bucket for longer. Each bucket includes its upper
 * bound, so the usual 30-minute meeting is in "15-30min", not "30-45min".
 */
export const durationBuckets: readonly string[] = [
  ...Array.from({ length: 16 }, (_, i) => (i === 0 ? "0-15min" : `${15 * i}-${15 * (i + 1)}min`)),
  ">240min",
];

/**
 * What became of a booking. A cancellation is dated by the time Roomlens learnt of it (`updated_at`
 * of the cancelled row): sources give no cancellation time. Learnt before start − 1 h → early; within
 * the hour before start → late (a cancellation made earlier but synced late also lands here, so the
 * sync interval bounds the error); at or after the start (history imported at once, or cancelled
 * afterwards) → timing unknown, counted as a cancellation but never as late.
 */
export const outcomes = ["held", "cancelledEarly", "cancelledLate", "cancelledTimingUnknown"] as const;

export type BehaviourRows = {
  /** Bookings inside working hours that were not cancelled (the population of every histogram). */
  held: Tally;
  /** All bookings inside working hours, cancelled ones included, and the cancelled ones. */
  all: Tally;
  cancelled: Tally;
  /** Held bookings with a booked-at, in total and per lead-time bucket; `leadUnknown`: those without. */
  leadKnown: Tally;
  lead: Tally[];
  leadUnknown: Tally;
  medianLeadSeconds: number | null;
  durations: Tally[];
  /** Index 0: one-off, 1: recurring. */
  recurring: Tally[];
  /** All bookings inside working hours, cancelled ones included, per outcome. */
  outcomes: Tally[];
};

type Family = "lead" | "leadKnown" | "duration" | "recurring" | "outcome" | "cancelled" | "median";
type Row = { family: Family; bucket: number | null } & Tally & { value: number | null };

/**
 * Lead time, duration, recurring share and cancellations over bookings that overlap working hours
 * and start in the range. Histograms count bookings; each bucket carries its distinct organizers.
 */
export async function getBehaviour(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<BehaviourRows> {
  const working = await resolveWorkingTime(db, time);
  const scope = roomScope(filters);
  // Per-booking figures read the bookings either way; placed bookings spare the time-zone conversions.
  const query = servedByRollups(working) ? behaviourSql(fastCtes(range, working, scope), hashedTallies) : behaviourSql(workingTimeCtes(range, working, scope));
  return shapeBehaviour(await queryRows<Row>(db, query));
}

/** `getBehaviour` from the reference CTEs (working-time.ts), for tests that compare the two. */
export async function getBehaviourRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime): Promise<BehaviourRows> {
  return shapeBehaviour(await queryRows<Row>(db, behaviourSql(workingTimeCtes(range, time, roomScope(filters)))));
}

/** Per bucket, and per family (bucket NULL): the totals need their own distinct organizers. */
const distinctTallies = {
  ctes: sql``,
  select: sql`
      SELECT family, bucket, count(*)::integer AS bookings, count(DISTINCT organizer_pseudonym)::integer AS organizers,
        NULL::float8 AS value
      FROM facts GROUP BY GROUPING SETS ((family, bucket), (family))`,
};

/** The same tallies by hashing (hashed-tally.ts): the fast path's, kept apart from the reference's. */
const hashedTallies = {
  ctes: sql`,
      ${hashedTally({ name: "tallies", source: sql`facts`, keys: ["family", "bucket"], sets: [["family", "bucket"], ["family"]], organizer: "organizer_pseudonym" })}`,
  select: sql`
      SELECT family, bucket, bookings::integer AS bookings, organizers::integer AS organizers, NULL::float8 AS value
      FROM tallies`,
};

/**
 * The histogram query over the CTE `in_hours` that `ctes` defines, tallied by `count(DISTINCT)`
 * (the reference) or by `hashedTallies`.
 */
function behaviourSql(ctes: SQL, tallies: { ctes: SQL; select: SQL } = distinctTallies): SQL {
  const leadBounds = `{${leadTimeBuckets.slice(1).map((bucket) => bucket.from).join(",")}}`;
  const durationBounds = `{${durationBuckets.slice(0, -1).map((_, i) => 15 * (i + 1)).join(",")}}`;
  return sql`
      WITH ${ctes},
      held AS (
        SELECT organizer_pseudonym, recurring, date_part('epoch', ends_at - starts_at) / 60 AS minutes,
          date_part('epoch', starts_at - booked_at) AS lead_seconds
        FROM in_hours WHERE status <> 'cancelled'
      ),
      facts AS (
        -- Lead buckets by lower bound; -1 marks bookings without a booked-at.
        SELECT 'lead' AS family, coalesce(width_bucket(lead_seconds, ${leadBounds}::float8[]), -1) AS bucket, organizer_pseudonym FROM held
        UNION ALL
        -- width_bucket counts a value equal to a bound in the upper bucket; durations include their upper bound.
        SELECT 'duration', width_bucket(minutes, ${durationBounds}::float8[]) - (minutes = ANY(${durationBounds}::float8[]))::integer,
          organizer_pseudonym FROM held
        UNION ALL
        SELECT 'recurring', recurring::integer, organizer_pseudonym FROM held
        UNION ALL
        SELECT 'outcome',
          CASE WHEN status <> 'cancelled' THEN 0
               WHEN updated_at >= starts_at THEN 3
               WHEN updated_at >= starts_at - interval '1 hour' THEN 2
               ELSE 1 END,
          organizer_pseudonym FROM in_hours
        UNION ALL
        SELECT 'cancelled', 0, organizer_pseudonym FROM in_hours WHERE status = 'cancelled'
        UNION ALL
        SELECT 'leadKnown', 0, organizer_pseudonym FROM held WHERE lead_seconds IS NOT NULL
      )${tallies.ctes}
      ${tallies.select}
      UNION ALL
      SELECT 'median', NULL, 0, 0, percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_seconds)::float8 FROM held`;
}

function shapeBehaviour(rows: Row[]): BehaviourRows {
  const none = (): Tally => ({ bookings: 0, organizers: 0 });
  const result: BehaviourRows = {
    held: none(),
    all: none(),
    cancelled: none(),
    leadKnown: none(),
    lead: leadTimeBuckets.map(none),
    leadUnknown: none(),
    medianLeadSeconds: null,
    durations: durationBuckets.map(none),
    recurring: [none(), none()],
    outcomes: outcomes.map(none),
  };
  for (const row of rows) {
    const tally = { bookings: row.bookings, organizers: row.organizers };
    const bucket = row.bucket ?? 0;
    if (row.family === "median") result.medianLeadSeconds = row.value;
    else if (row.bucket === null) {
      if (row.family === "duration") result.held = tally;
      else if (row.family === "outcome") result.all = tally;
      else if (row.family === "cancelled") result.cancelled = tally;
      else if (row.family === "leadKnown") result.leadKnown = tally;
    } else if (row.family === "cancelled" || row.family === "leadKnown") continue;
    else if (row.family === "lead" && bucket < 0) result.leadUnknown = tally;
    else if (row.family === "lead") result.lead[bucket] = tally;
    else if (row.family === "duration") result.durations[bucket] = tally;
    else if (row.family === "recurring") result.recurring[bucket] = tally;
    else result.outcomes[bucket] = tally;
  }
  return result;
}

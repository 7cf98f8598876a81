import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Tally } from "./cell-suppression";
import { coversEveryRoom, roomScope, type RoomFilters } from "./room-filter";
import { servedByRollups } from "./local-time";
import { behaviourFacts, durationBuckets, leadTimeBuckets } from "./behaviour-facts";
import { behaviourFromPeriodsSql } from "./behaviour-periods";
import { heatmapPeriodsServe } from "./heatmap-periods";
import { hashedTally } from "./hashed-tally";
import { fastCtes } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { workingTimeCtes, type WorkingTime } from "./working-time";

export { durationBuckets, leadTimeBuckets } from "./behaviour-facts";

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
 * With `cap` (the view's k), organizers are counted up to it, whichever path answers: over every
 * room, from the day periods when they are current (behaviour-periods.ts), else from the bookings.
 */
export async function getBehaviour(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime, cap?: number): Promise<BehaviourRows> {
  const working = await resolveWorkingTime(db, time);
  // The periods hold every room: a filter narrows to rooms they do not keep apart.
  if (cap !== undefined && coversEveryRoom(filters) && (await heatmapPeriodsServe(db, range, working, cap))) {
    return shapeBehaviour(await queryRows<Row>(db, behaviourFromPeriodsSql(range, working, cap)));
  }
  const scope = roomScope(filters);
  // Per-booking figures read the bookings either way; placed bookings spare the time-zone conversions.
  const query = servedByRollups(working) ? behaviourSql(fastCtes(range, working, scope), hashedTallies) : behaviourSql(workingTimeCtes(range, working, scope));
  const rows = await queryRows<Row>(db, query);
  return shapeBehaviour(cap === undefined ? rows : rows.map((row) => ({ ...row, organizers: Math.min(row.organizers, cap) })));
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
  return sql`
      WITH ${ctes},
      ${behaviourFacts()}${tallies.ctes}
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

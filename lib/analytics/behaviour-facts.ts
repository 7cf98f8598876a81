import { sql, type SQL } from "drizzle-orm";

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
 * CTEs `held` (the held bookings of `in_hours`, with minutes and lead seconds) and `facts` (one row per
 * booking and family it counts in: family, bucket, organizer_pseudonym), over the CTE `in_hours` that
 * the caller's WITH defines. Each row carries `day` (an expression over `in_hours`: its `local_day`
 * where the CTEs place bookings, which behaviour-periods.ts groups by; NULL by default).
 */
export function behaviourFacts(day: SQL = sql`NULL::date`): SQL {
  const leadBounds = `{${leadTimeBuckets.slice(1).map((bucket) => bucket.from).join(",")}}`;
  const durationBounds = `{${durationBuckets.slice(0, -1).map((_, i) => 15 * (i + 1)).join(",")}}`;
  return sql`
      held AS (
        SELECT ${day} AS day, organizer_pseudonym, recurring, date_part('epoch', ends_at - starts_at) / 60 AS minutes,
          date_part('epoch', starts_at - booked_at) AS lead_seconds
        FROM in_hours WHERE status <> 'cancelled'
      ),
      facts AS (
        -- Lead buckets by lower bound; -1 marks bookings without a booked-at.
        SELECT day, 'lead' AS family, coalesce(width_bucket(lead_seconds, ${leadBounds}::float8[]), -1) AS bucket, organizer_pseudonym FROM held
        UNION ALL
        -- width_bucket counts a value equal to a bound in the upper bucket; durations include their upper bound.
        SELECT day, 'duration', width_bucket(minutes, ${durationBounds}::float8[]) - (minutes = ANY(${durationBounds}::float8[]))::integer,
          organizer_pseudonym FROM held
        UNION ALL
        SELECT day, 'recurring', recurring::integer, organizer_pseudonym FROM held
        UNION ALL
        SELECT ${day}, 'outcome',
          CASE WHEN status <> 'cancelled' THEN 0
               WHEN updated_at >= starts_at THEN 3
               WHEN updated_at >= starts_at - interval '1 hour' THEN 2
               ELSE 1 END,
          organizer_pseudonym FROM in_hours
        UNION ALL
        SELECT ${day}, 'cancelled', 0, organizer_pseudonym FROM in_hours WHERE status = 'cancelled'
        UNION ALL
        SELECT day, 'leadKnown', 0, organizer_pseudonym FROM held WHERE lead_seconds IS NOT NULL
      )`;
}

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { behaviourFacts } from "./behaviour-facts";
import { MAX_ORGANIZER_CAP } from "./periods";
import { roomScope } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Booking behaviour (behaviour.ts) from day periods (db/schema/rollups.ts `behaviour_periods` and
 * `behaviour_leads`): per local day, over every analysed room, each histogram bucket's bookings and
 * smallest 100 organizer ids, and the day's lead times for the median. A quarter at 10 M bookings then
 * reads some three thousand bucket rows and ninety arrays instead of placing 1.4 M bookings.
 *
 * Written with the heatmap's day rows (heatmap-periods.ts): the same days, lock, basis and dirty marks,
 * as both are over every room and built for one working time. Exact because:
 * - only bookings that end on their local start day (`last_slot` < 24) are in the periods: whether
 *   they meet working hours depends on their own day alone, not on where a range ends. The few that
 *   run past midnight are read from the bookings (their partial index), as seat-fill-periods.ts does;
 * - organizers are counted up to a cap, the view's k: behaviour's suppression (suppressLinked) reads
 *   its organizer counts only against k;
 * - the median is taken over every lead time of the range, the days' arrays and the night's bookings.
 */

/** The bucket rows and lead arrays of `days` (ISO days, sorted; their rows deleted by the caller). */
export async function writeBehaviourDays(tx: Db, days: readonly string[], time: WorkingTime): Promise<void> {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return;
  const dayList = `{${days.join(",")}}`;
  // A run of days is read as one range of the (room, day) index; scattered days are probed one by one.
  const contiguous = Date.parse(last) - Date.parse(first) === (days.length - 1) * 86_400_000;
  // The hour rollups number the organizers of bookings that hold a room; a cancelled booking's
  // organizer may have no number yet. Those of every booking of these days, past midnight too, so
  // that the reader can number the night's.
  await tx.execute(sql`
    INSERT INTO organizers (pseudonym)
    SELECT DISTINCT b.organizer_pseudonym FROM bookings b
    WHERE b.local_day = ANY(${dayList}::date[]) AND b.status = 'cancelled' AND b.organizer_pseudonym IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM organizers o WHERE o.pseudonym = b.organizer_pseudonym)
    ON CONFLICT (pseudonym) DO NOTHING`);
  // One statement, so the days' bookings are read and placed once for both tables: the lead times
  // by a data-modifying CTE over the same `held`.
  await tx.execute(sql`
    WITH ${fastCtes({ from: first, to: last }, time, roomScope(), sql`b.last_slot < 24`, contiguous ? undefined : days)},
    ${behaviourFacts(sql`local_day`)},
    leads AS (
      INSERT INTO behaviour_leads (day, lead_seconds)
      SELECT day, array_agg(lead_seconds ORDER BY lead_seconds) FROM held
      WHERE lead_seconds IS NOT NULL AND day = ANY(${dayList}::date[]) GROUP BY day
    )
    INSERT INTO behaviour_periods (day, family, bucket, bookings, organizer_ids)
    SELECT f.day, f.family, f.bucket, count(*)::integer,
      coalesce((array_agg(DISTINCT o.id ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL))[1:${MAX_ORGANIZER_CAP}], '{}')
    FROM facts f LEFT JOIN organizers o ON o.pseudonym = f.organizer_pseudonym
    WHERE f.day = ANY(${dayList}::date[])
    GROUP BY f.day, f.family, f.bucket`);
}

/** Deletes the rows of `days` (ISO days), or of every day. */
export async function deleteBehaviourDays(tx: Db, days: readonly string[] | "all"): Promise<void> {
  if (days === "all") {
    await tx.execute(sql`TRUNCATE behaviour_periods, behaviour_leads`);
    return;
  }
  const dayList = `{${days.join(",")}}`;
  await tx.execute(sql`DELETE FROM behaviour_periods WHERE day = ANY(${dayList}::date[])`);
  await tx.execute(sql`DELETE FROM behaviour_leads WHERE day = ANY(${dayList}::date[])`);
}

/**
 * behaviour.ts's rows from the periods of the range and the bookings past midnight, organizers counted
 * up to `cap`: per family and bucket, and per family (bucket NULL), then the median lead time.
 */
export function behaviourFromPeriodsSql(range: DateRange, time: WorkingTime, cap: number): SQL {
  return sql`
    WITH ${fastCtes(range, time, roomScope(), sql`b.last_slot >= 24`)},
    ${behaviourFacts(sql`local_day`)},
    night AS (
      SELECT f.family, f.bucket, count(*) AS bookings, coalesce(array_agg(DISTINCT o.id) FILTER (WHERE o.id IS NOT NULL), '{}') AS ids
      FROM facts f LEFT JOIN organizers o ON o.pseudonym = f.organizer_pseudonym
      GROUP BY f.family, f.bucket
    ),
    parts AS MATERIALIZED (
      SELECT family, bucket, bookings, organizer_ids AS ids FROM behaviour_periods WHERE day BETWEEN ${range.from}::date AND ${range.to}::date
      UNION ALL
      SELECT family, bucket, bookings, ids FROM night
    ),
    -- A bucket (or a family) is at the cap when one of its parts is; only the others take a union of ids.
    sums AS MATERIALIZED (
      SELECT family, bucket, GROUPING(bucket) = 1 AS whole_family, sum(bookings) AS bookings,
        bool_or(cardinality(ids) >= ${cap}::integer) AS full
      FROM parts GROUP BY GROUPING SETS ((family, bucket), (family))
    ),
    counted AS (
      SELECT p.family, p.bucket, GROUPING(p.bucket) = 1 AS whole_family, count(DISTINCT u.id) AS organizers
      FROM parts p CROSS JOIN LATERAL unnest(p.ids) AS u(id)
      WHERE p.family IN (SELECT s.family FROM sums s WHERE s.whole_family AND NOT s.full)
        OR (p.family, p.bucket) IN (SELECT s.family, s.bucket FROM sums s WHERE NOT s.whole_family AND NOT s.full)
      GROUP BY GROUPING SETS ((p.family, p.bucket), (p.family))
    )
    SELECT s.family, CASE WHEN s.whole_family THEN NULL ELSE s.bucket END AS bucket, s.bookings::integer AS bookings,
      (CASE WHEN s.full THEN ${cap}::integer ELSE least(coalesce(c.organizers, 0), ${cap}::integer) END)::integer AS organizers,
      NULL::float8 AS value
    FROM sums s LEFT JOIN counted c ON c.family = s.family AND c.whole_family = s.whole_family AND c.bucket IS NOT DISTINCT FROM s.bucket
    UNION ALL
    SELECT 'median', NULL, 0, 0, percentile_cont(0.5) WITHIN GROUP (ORDER BY v)::float8 FROM (
      SELECT unnest(lead_seconds) AS v FROM behaviour_leads WHERE day BETWEEN ${range.from}::date AND ${range.to}::date
      UNION ALL
      SELECT lead_seconds FROM held WHERE lead_seconds IS NOT NULL
    ) leads`;
}

import { sql, type SQL } from "drizzle-orm";

/**
 * Bookings and distinct organizers per grouping set, without `count(DISTINCT …)`: Postgres can only
 * sort for that (every row, keyed by a 64-character pseudonym, spilled to disk at dashboard sizes),
 * while these steps are hash aggregations that shrink the rows as they go:
 * 1. per key and organizer: the bookings — a row per organizer, not per booking;
 * 2. per grouping set and organizer: the same, summed over the keys the set leaves out;
 * 3. per grouping set: the bookings, and the organizers as the rows of step 2 (a NULL organizer, i.e.
 *    private bookings, counts as bookings but not as a person, as count(DISTINCT) counts it).
 * It pays where many bookings share an organizer and a key (behaviour's buckets); where nearly every
 * booking is its own (key, organizer) group, hashing the pseudonyms costs more than the sort (seat fill).
 *
 * Defines the CTE `name` with columns `g` (the set's GROUPING() bits over `keys`, as `GROUPING(keys…)`
 * gives them), the keys (NULL where the set leaves them out), `bookings` and `organizers`. `source` is
 * a query or CTE name with the columns `keys` and `organizer`. Exact, like the count(DISTINCT) it replaces.
 */
export function hashedTally(options: {
  name: string;
  source: SQL;
  keys: readonly string[];
  sets: readonly (readonly string[])[];
  organizer: string;
}): SQL {
  const id = (column: string) => sql.raw(column);
  const list = (columns: readonly string[]) => sql.join(columns.map(id), sql`, `);
  const cte = (suffix: string) => sql.raw(`${options.name}${suffix}`);
  const keys = list(options.keys);
  const organizer = id(options.organizer);
  const sets = sql.join(
    options.sets.map((set) => sql`(${list([...set, options.organizer])})`),
    sql`, `,
  );
  return sql`
    ${cte("_per_organizer")} AS (
      SELECT ${keys}, ${organizer}, count(*) AS n FROM ${options.source} GROUP BY ${keys}, ${organizer}
    ),
    ${cte("_per_set")} AS (
      SELECT GROUPING(${keys}) AS g, ${keys}, ${organizer}, sum(n) AS n
      FROM ${cte("_per_organizer")} GROUP BY GROUPING SETS (${sets})
    ),
    ${cte("")} AS (
      SELECT g, ${keys}, sum(n) AS bookings, count(${organizer}) AS organizers
      FROM ${cte("_per_set")} GROUP BY g, ${keys}
    )`;
}

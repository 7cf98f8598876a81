import { sql, type SQL } from "drizzle-orm";

/**
 * Bookings and distinct organizers per grouping set, without `count(DISTINCT …)`: Postgres can only
 * sort for that (one sort of every booking, keyed by a 64-character pseudonym, per grouping set, and
 * spilled to disk at dashboard sizes), while these steps are plain hash aggregations:
 * 1. per key and organizer: the bookings (and any sums) — a row per organizer, not per booking;
 * 2. per grouping set and organizer: the same, summed over the keys the set leaves out;
 * 3. per grouping set: the bookings, and the organizers as the rows of step 2 (NULL organizers, i.e.
 *    private bookings, counted as bookings but not as people, as count(DISTINCT) counts them).
 * The result is the CTE `name` with columns `g` (the set's GROUPING() bits over `keys`, as
 * `GROUPING(keys…)` would give them), the keys (NULL where the set leaves them out), `bookings`,
 * `organizers` and each of `sums`. Exact, like the count(DISTINCT) it replaces.
 *
 * `source` is a query or CTE name with the columns `keys`, `organizer` and `sums`; key values must not
 * be NULL (a NULL key would be taken for one the set leaves out only where `g` says so: it is not).
 */
export function hashedTally(options: {
  name: string;
  source: SQL;
  keys: readonly string[];
  sets: readonly (readonly string[])[];
  organizer: string;
  sums?: readonly string[];
}): SQL {
  const { keys, sets, organizer } = options;
  const sums = options.sums ?? [];
  const id = (column: string) => sql.raw(column);
  const list = (columns: readonly string[]) => sql.join(columns.map(id), sql`, `);
  const name = (suffix: string) => sql.raw(`${options.name}${suffix}`);
  const keyList = list(keys);
  const summed = sql.join(sums.map((s) => sql`, sum(${id(s)}) AS ${id(s)}`), sql``);
  const groupingSets = sql.join(
    sets.map((set) => sql`(${list([...set, organizer])})`),
    sql`, `,
  );
  return sql`
    ${name("_per_organizer")} AS (
      SELECT ${keyList}, ${id(organizer)}, count(*) AS n ${summed}
      FROM ${options.source} GROUP BY ${keyList}, ${id(organizer)}
    ),
    ${name("_per_set")} AS (
      SELECT GROUPING(${keyList}) AS g, ${keyList}, ${id(organizer)}, sum(n) AS n ${summed}
      FROM ${name("_per_organizer")} GROUP BY GROUPING SETS (${groupingSets})
    ),
    ${sql.raw(options.name)} AS (
      SELECT g, ${keyList}, sum(n) AS bookings, count(${id(organizer)}) AS organizers ${summed}
      FROM ${name("_per_set")} GROUP BY g, ${keyList}
    )`;
}

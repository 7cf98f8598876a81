import { sql, type SQL } from "drizzle-orm";

/** Capacity bands from DESIGN.md ("Metrics"): peers, pressure and seat fill are compared within a band. */
export const capacityBands = [
  { id: "1-2", min: 1, max: 2 },
  { id: "3-4", min: 3, max: 4 },
  { id: "5-8", min: 5, max: 8 },
  { id: "9-12", min: 9, max: 12 },
  { id: "13+", min: 13, max: null },
] as const;

export type CapacityBand = (typeof capacityBands)[number]["id"];

export const capacityBandIds: readonly CapacityBand[] = capacityBands.map((band) => band.id);

export function isCapacityBand(value: string): value is CapacityBand {
  return (capacityBandIds as readonly string[]).includes(value);
}

/** The band of a room; null while its capacity is unknown (or not a positive number of seats). */
export function bandOf(capacity: number | null): CapacityBand | null {
  if (capacity === null || capacity < 1) return null;
  return capacityBands.find((band) => band.max === null || capacity <= band.max)?.id ?? null;
}

/** The same rule as `bandOf`, in SQL over a capacity column; NULL for unknown capacity. */
export function bandSql(capacity: SQL): SQL {
  const cases = capacityBands.map((band) =>
    band.max === null
      ? sql`WHEN ${capacity} >= ${band.min}::integer THEN ${band.id}::text`
      : sql`WHEN ${capacity} BETWEEN ${band.min}::integer AND ${band.max}::integer THEN ${band.id}::text`,
  );
  return sql`(CASE ${sql.join(cases, sql` `)} END)`;
}

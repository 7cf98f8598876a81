import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { placement, slotStart } from "@/lib/analytics/local-time";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";

/**
 * Bookings around the DST changes of zones with whole-hour, half-hour (Lord Howe) and no changes
 * (Kathmandu's +05:45), starting and ending on, just before and just after the hour.
 */
function cases(): { zone: string; start: string; end: string }[] {
  const zones: Record<string, string[]> = {
    "America/New_York": ["2026-03-08T06:00:00Z", "2026-11-01T05:00:00Z"],
    "Europe/London": ["2026-03-29T00:00:00Z", "2026-10-25T00:00:00Z"],
    "Australia/Lord_Howe": ["2026-04-04T14:00:00Z", "2026-10-03T15:00:00Z"],
    "Asia/Kathmandu": ["2026-06-01T18:00:00Z"],
    UTC: ["2026-06-01T00:00:00Z"],
  };
  const out: { zone: string; start: string; end: string }[] = [];
  for (const [zone, changes] of Object.entries(zones)) {
    for (const change of changes) {
      const at = Date.parse(change);
      for (let startMinutes = -150; startMinutes <= 150; startMinutes += 15) {
        for (const lengthMinutes of [1, 15, 30, 60, 90, 23 * 60, 24 * 60]) {
          const start = at + startMinutes * 60_000 + (startMinutes % 30 === 0 ? 0 : 1_000);
          out.push({ zone, start: new Date(start).toISOString(), end: new Date(start + lengthMinutes * 60_000).toISOString() });
        }
      }
    }
  }
  return out;
}

/**
 * `placement` (lib/analytics/local-time.ts) reads each wall-clock time once and corrects the hour next to
 * a DST change. Here it is checked against the definition itself: the slot of an instant is the h whose
 * bounds `slotStart(day, h) <= instant < slotStart(day, h + 1)` hold, found by trying every h.
 */
describe.each(databaseKinds())("booking placement on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("gives the local day and the slots the slot bounds define, across DST changes", async () => {
    const input = cases();
    const slotBy = (instant: ReturnType<typeof sql>) => sql`(SELECT min(h.h) FROM generate_series(-2, 50) AS h(h)
      WHERE ${slotStart(sql`d.local_day`, sql`h.h`, sql`c.zone`)} <= ${instant}
        AND ${slotStart(sql`d.local_day`, sql`h.h + 1`, sql`c.zone`)} > ${instant})`;
    const rows = await queryRows<{ n: number; mismatches: number; nulls: number }>(
      database.db,
      sql`WITH c AS (
            SELECT x.zone, x.start::timestamptz AS starts_at, x."end"::timestamptz AS ends_at
            FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(zone text, start text, "end" text)
          ), placed AS (
            SELECT c.*, p.local_day, p.first_slot, p.last_slot,
              d.local_day AS expected_day, ${slotBy(sql`c.starts_at`)} AS expected_first,
              ${slotBy(sql`c.ends_at - interval '1 microsecond'`)} AS expected_last
            FROM c
            CROSS JOIN LATERAL ${placement(sql`c.starts_at`, sql`c.ends_at`, sql`c.zone`)} p
            CROSS JOIN LATERAL (SELECT (c.starts_at AT TIME ZONE c.zone)::date AS local_day) d
          )
          SELECT count(*)::integer AS n,
            (count(*) FILTER (WHERE (local_day, first_slot, last_slot) IS DISTINCT FROM (expected_day, expected_first, expected_last)))::integer AS mismatches,
            (count(*) FILTER (WHERE expected_first IS NULL OR expected_last IS NULL))::integer AS nulls
          FROM placed`,
    );
    expect(rows).toEqual([{ n: input.length, mismatches: 0, nulls: 0 }]);
  });
});

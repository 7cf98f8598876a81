import { sql, type SQL } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { auditLog, bookings, exclusions, rooms } from "@/db/schema";
import { repairPeriods } from "@/lib/analytics/rollup-refresh";
import { ingest, type IngestSource } from "@/lib/ingest/pipeline";
import { excludePerson, includePerson } from "@/lib/privacy/exclusion";
import type { SourceRecord } from "@/lib/ingest/types";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

const options = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };
const source = (records: SourceRecord[]): IngestSource => ({
  kind: "csv",
  name: "exclusion",
  config: { source: "exclusion" },
  connector: arrayConnector(records),
  coverage: "observed",
});
const records = () => [
  rawBooking("Orion", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", { sourceKey: "1", organizerEmail: "leaver@example.com" }),
  rawBooking("Orion", "2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z", {
    sourceKey: "2",
    organizerEmail: "stayer@example.com",
    attendeeEmails: ["leaver@example.com", "guest@example.com"],
  }),
];

describe.each(databaseKinds())("exclusion on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values({ name: "Orion", capacity: 6 });
    await ingest(database, source(records()), options);
  });
  afterAll(() => database.drop());

  it("deletes the person's bookings at once and stores only keyed hashes", async () => {
    const result = await excludePerson(database.db, testKeys, "Leaver@Example.com", "test");
    expect(result).toEqual({ deletedBookings: 1, alreadyExcluded: false });
    expect(await database.db.select().from(bookings)).toHaveLength(1);
    const stored = JSON.stringify(await database.db.select().from(exclusions));
    expect(stored).not.toMatch(/leaver|example\.com/i);
    // The audit entry records the event, never who.
    const audit = JSON.stringify(await database.db.select().from(auditLog));
    expect(audit).toContain("exclusion.added");
    expect(audit).not.toMatch(/leaver|example\.com/i);
  });

  it("drops the person from every later ingest: as organizer not stored, as attendee not counted", async () => {
    const report = await ingest(database, source(records()), options);
    expect(report).toMatchObject({ excluded: 1, inserted: 0, unchanged: 0, updated: 1 });
    const [kept] = await database.db.select().from(bookings);
    // stayer + guest; the excluded attendee is no longer counted (it was 3 before).
    expect(kept?.attendeeCount).toBe(2);
  });

  it("re-including affects future ingests only", async () => {
    expect(await includePerson(database.db, testKeys, "leaver@example.com", "test")).toEqual({ wasExcluded: true });
    expect(await database.db.select().from(exclusions)).toHaveLength(0);
    expect(await database.db.select().from(bookings)).toHaveLength(1);
    const report = await ingest(database, source(records()), options);
    expect(report).toMatchObject({ excluded: 0, inserted: 1 });
  });
});

/** The period tables that hold organizer ids (lib/analytics/*-periods.ts). */
const periodTables = ["usage_periods", "checkin_periods", "seat_fill_periods", "choice_periods", "pressure_periods", "heatmap_periods", "behaviour_periods"] as const;

/** The organizer id columns of each period table: check-in periods keep one per kind of booking. */
const idColumns = (table: (typeof periodTables)[number]): string[] =>
  table === "checkin_periods" ? ["ghost_organizer_ids", "attended_organizer_ids", "occupying_organizer_ids"] : ["organizer_ids"];

describe.each(databaseKinds())("exclusion and the planner's statistics on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values({ name: "Orion", capacity: 6 });
  });
  afterAll(() => database.drop());

  // pg_stats rows of the two tables that hold pseudonyms, whose sampled values name `pseudonym`.
  const statisticsNaming = async (pseudonym: string) =>
    queryRows<{ table: string }>(
      database.db,
      sql`SELECT tablename AS table FROM pg_stats WHERE tablename IN ('bookings', 'organizers')
        AND (coalesce(most_common_vals::text, '') LIKE ${`%${pseudonym}%`} OR coalesce(histogram_bounds::text, '') LIKE ${`%${pseudonym}%`})`,
    );

  it("keeps no sampled value of the person's pseudonym once they are excluded", async () => {
    // The leaver books 30 times, 20 colleagues once each: the leaver's pseudonym is the most common.
    // Booking i: half an hour from 2026-03-02 00:00 UTC plus i hours.
    const at = (i: number, minutes: number) => new Date(Date.UTC(2026, 2, 2) + i * 3_600_000 + minutes * 60_000).toISOString();
    const booking = (i: number, email: string) => rawBooking("Orion", at(i, 0), at(i, 30), { sourceKey: `s${i}`, organizerEmail: email });
    const heavyBookings = Array.from({ length: 30 }, (_, i) => booking(i, "heavy@example.com"));
    const colleagues = Array.from({ length: 20 }, (_, i) => booking(30 + i, `colleague${i}@example.com`));
    await ingest(database, source([...heavyBookings, ...colleagues]), options);
    // As autovacuum (or the embedded database after every import) would.
    await database.db.execute(sql`ANALYZE bookings, organizers`);
    const [heavy] = await queryRows<{ pseudonym: string }>(
      database.db,
      sql`SELECT organizer_pseudonym AS pseudonym FROM bookings GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    if (!heavy) throw new Error("no bookings");
    expect(await statisticsNaming(heavy.pseudonym)).not.toEqual([]);
    await excludePerson(database.db, testKeys, "heavy@example.com", "test");
    expect(await statisticsNaming(heavy.pseudonym)).toEqual([]);
  });
});

describe.each(databaseKinds())("exclusion and the period tables on %s", (kind) => {
  let database: TestDatabase;
  afterEach(() => database.drop());

  // Two peers (same building and band), booked by the leaver and a stayer on three days.
  const days = ["2026-03-02", "2026-03-03", "2026-03-04"];
  const estate = days.flatMap((day, i) => [
    // Checked in, so the check-in periods hold the leaver too.
    rawBooking("Orion", `${day}T09:00:00Z`, `${day}T10:00:00Z`, {
      sourceKey: `o${i}`,
      organizerEmail: "leaver@example.com",
      checkedInAt: new Date(`${day}T09:05:00Z`),
    }),
    rawBooking("Lyra", `${day}T09:30:00Z`, `${day}T10:30:00Z`, { sourceKey: `l${i}`, organizerEmail: "stayer@example.com" }),
  ]);

  /** Tables whose rows hold organizer id `id`. */
  async function holding(id: number): Promise<string[]> {
    const found: string[] = [];
    for (const table of periodTables) {
      const held = sql.join(idColumns(table).map((column) => sql`${id}::integer = ANY(${sql.raw(column)})`), sql` OR `);
      const [row] = await queryRows<{ any: boolean }>(database.db, sql`SELECT EXISTS (SELECT 1 FROM ${sql.raw(table)} WHERE ${held}) AS any`);
      if (row?.any) found.push(table);
    }
    return found;
  }

  // Writes after which periods cannot be rewritten in the exclusion's transaction: working hours off
  // the hour (no periods can be built), and a room moved to another zone (its groups' periods and the
  // heatmap's stale).
  const cases: [string, SQL][] = [
    ["working hours starting at 08:30", sql`UPDATE settings SET workday_start_minute = 510`],
    ["a room moved to another time zone", sql`UPDATE rooms SET time_zone = 'Asia/Tokyo' WHERE name = 'Lyra'`],
  ];
  it.each(cases)("keeps none of the person's organizer ids after %s", async (_label, change) => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values([
      { name: "Orion", capacity: 6, building: "N" },
      { name: "Lyra", capacity: 6, building: "N" },
    ]);
    await ingest(database, { ...source(estate), name: "periods" }, options);
    await repairPeriods(database.db);
    const [leaver] = await queryRows<{ id: number }>(
      database.db,
      sql`SELECT DISTINCT o.id FROM organizers o JOIN bookings b ON b.organizer_pseudonym = o.pseudonym JOIN rooms r ON r.id = b.room_id WHERE r.name = 'Orion'`,
    );
    const id = leaver?.id ?? -1;
    // Every period table holds them before (so the check below can fail).
    expect(await holding(id)).toEqual([...periodTables]);
    await database.db.execute(change);
    await excludePerson(database.db, testKeys, "leaver@example.com", "test");
    expect(await holding(id)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, exclusions, rooms } from "@/db/schema";
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

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, rooms } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { ingest, type IngestSource } from "@/lib/ingest/pipeline";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

/** drizzle wraps the driver's error ("Failed query: …"); the database's own words are in its cause. */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(" | ");
  }
  throw new Error("the statement was not refused");
}

const options = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };
const source = (name: string): IngestSource => ({
  kind: "csv",
  name,
  config: { source: `/home/someone/${name}.csv` },
  connector: arrayConnector([rawBooking("Orion", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", { organizerEmail: "a@example.com" })]),
  coverage: "observed",
});

describe.each(databaseKinds())("audit log on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values({ name: "Orion", capacity: 6 });
  });
  afterAll(() => database.drop());

  it("accepts new entries", async () => {
    await recordAudit(database.db, "test", "settings.changed", { minGroupSize: 12 });
    await recordAudit(database.db, "test", "export.downloaded", { rows: 40 });
    expect((await database.db.select().from(auditLog)).map((e) => e.action)).toEqual(["settings.changed", "export.downloaded"]);
  });

  it("refuses to change or remove an entry: UPDATE, DELETE and TRUNCATE", async () => {
    const before = await database.db.select().from(auditLog).orderBy(auditLog.id);
    expect(await refusal(database.db.update(auditLog).set({ actor: "someone else" }))).toMatch(/audit_log is append-only: UPDATE refused/);
    expect(await refusal(database.db.delete(auditLog).where(eq(auditLog.action, "export.downloaded")))).toMatch(
      /audit_log is append-only: DELETE refused/,
    );
    expect(await refusal(database.db.execute(sql`TRUNCATE audit_log`))).toMatch(/audit_log is append-only: TRUNCATE refused/);
    // Statement-level: even a statement that matches no row is refused.
    expect(await refusal(database.db.delete(auditLog).where(eq(auditLog.id, -1)))).toMatch(/append-only/);
    expect(await database.db.select().from(auditLog).orderBy(auditLog.id)).toEqual(before);
  });

  it("still accepts entries after a refusal, inside a transaction too", async () => {
    await database.db.transaction((tx) => recordAudit(tx, "test", "role.changed", { role: "planner" }));
    expect(await database.db.select().from(auditLog)).toHaveLength(3);
  });

  it("records a new integration once, by id and kind only", async () => {
    const first = await ingest(database, source("alpha"), options);
    await ingest(database, source("alpha"), options); // the same integration again: no new entry
    const second = await ingest(database, source("beta"), options);
    const created = await database.db.select().from(auditLog).where(eq(auditLog.action, "integration.created")).orderBy(auditLog.id);
    expect(created.map((e) => ({ actor: e.actor, details: e.details }))).toEqual([
      { actor: "system", details: { integrationId: first.integrationId, kind: "csv" } },
      { actor: "system", details: { integrationId: second.integrationId, kind: "csv" } },
    ]);
    // The source's path may name a person: it stays out of the audit log.
    expect(JSON.stringify(created)).not.toContain("someone");
  });
});

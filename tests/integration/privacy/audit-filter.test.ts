import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { listAuditActions, listAuditEntries, parseAuditFilter } from "@/lib/audit-filter";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";

describe("parseAuditFilter", () => {
  it("keeps an action and UTC days, and drops what it cannot read", () => {
    expect(parseAuditFilter({ action: "key.rotated", from: "2026-03-01", to: "2026-03-31" })).toEqual({
      action: "key.rotated",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    // The form's "all actions" option sends an empty value; a hand-edited date is no filter.
    expect(parseAuditFilter({ action: "", from: "yesterday", to: "2026-02-30x" })).toEqual({});
    expect(parseAuditFilter({ action: ["settings.changed", "key.rotated"] })).toEqual({ action: "settings.changed" });
  });
});

describe.each(databaseKinds())("audit log filter on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(auditLog).values([
      { at: new Date("2026-02-28T23:59:59Z"), actor: "cli", action: "key.rotated", details: { version: 2 } },
      { at: new Date("2026-03-01T00:00:00Z"), actor: "member", action: "exclusion.added", details: {} },
      { at: new Date("2026-03-15T12:00:00Z"), actor: "user:1", action: "settings.changed", details: { minGroupSize: 12 } },
      { at: new Date("2026-03-31T23:59:59Z"), actor: "cli", action: "key.rotated", details: { version: 3 } },
      { at: new Date("2026-04-01T00:00:00Z"), actor: "system", action: "retention.purged", details: { deleted: 4 } },
    ]);
  });
  afterAll(() => database.drop());

  const versions = (entries: { details: Record<string, unknown> }[]) => entries.map((e) => e.details.version);

  it("filters by action, newest first", async () => {
    expect(versions(await listAuditEntries(database.db, { action: "key.rotated" }, 100))).toEqual([3, 2]);
  });

  it("filters by a range of UTC days, both ends inclusive", async () => {
    // 1–31 March: the entries at 03-01 00:00:00, 03-15 and 03-31 23:59:59; not 02-28 23:59:59 nor 04-01 00:00.
    const march = await listAuditEntries(database.db, { from: "2026-03-01", to: "2026-03-31" }, 100);
    expect(march.map((e) => e.action)).toEqual(["key.rotated", "settings.changed", "exclusion.added"]);
    // Only an upper bound: everything up to the end of 28 February.
    expect((await listAuditEntries(database.db, { to: "2026-02-28" }, 100)).map((e) => e.action)).toEqual(["key.rotated"]);
  });

  it("combines action and dates, and honours the limit", async () => {
    expect(versions(await listAuditEntries(database.db, { action: "key.rotated", from: "2026-03-01" }, 100))).toEqual([3]);
    expect(await listAuditEntries(database.db, {}, 2)).toHaveLength(2);
    expect(await listAuditEntries(database.db, { action: "no.such.action" }, 100)).toEqual([]);
  });

  it("lists each recorded action once for the form", async () => {
    expect(await listAuditActions(database.db)).toEqual(["exclusion.added", "key.rotated", "retention.purged", "settings.changed"]);
  });
});

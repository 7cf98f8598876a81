import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, exclusions, rooms, settings } from "@/db/schema";
import { ingest, type IngestSource } from "@/lib/ingest/pipeline";
import type { SourceRecord } from "@/lib/ingest/types";
import { excludePerson } from "@/lib/privacy/exclusion";
import { planEnvironmentRotation, rotatePseudonymKey } from "@/lib/privacy/key-rotation";
import { loadPseudonymKeys } from "@/lib/privacy/keys";
import { pseudonymise, type PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { purgeExpiredBookings } from "@/lib/privacy/retention";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";

const window = { from: new Date("2026-01-01"), to: new Date("2026-12-31") };
const source = (name: string, records: SourceRecord[]): IngestSource => ({
  kind: "csv",
  name,
  config: { source: name },
  connector: arrayConnector(records),
  coverage: "observed",
});
const at = (day: string, organizerEmail: string, sourceKey: string) =>
  rawBooking("Orion", `${day}T09:00:00Z`, `${day}T10:00:00Z`, { sourceKey, organizerEmail });

const legacySecret = "legacy-single-key-0123456789";

describe.each(databaseKinds())("key rotation on %s", (kind) => {
  let database: TestDatabase;
  // An embedded data dir from an earlier release: one key in pseudonym.key, read as version 1.
  const dataDir = mkdtempSync(path.join(tmpdir(), "roomlens-rotation-"));
  const env = { ROOMLENS_DATA_DIR: dataDir };
  let before: PseudonymKeys;
  let after: PseudonymKeys;
  const versions = async () =>
    Object.fromEntries((await database.db.select().from(bookings)).map((b) => [b.organizerPseudonym, b.keyVersion]));

  beforeAll(async () => {
    writeFileSync(path.join(dataDir, "pseudonym.key"), `${legacySecret}\n`);
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values({ name: "Orion", capacity: 6 });
    before = loadPseudonymKeys(env, dataDir);
    await ingest(
      database,
      source("before", [at("2026-02-02", "leaver@example.com", "b1"), at("2026-02-03", "stayer@example.com", "b2"), at("2026-02-04", "stayer@example.com", "b3")]),
      { keys: before, window, timeZone: "UTC", defaultRoom: null },
    );
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads the legacy key file as version 1, then adds version 2 and keeps version 1 live", async () => {
    expect(before.current).toEqual({ version: 1, secret: legacySecret });
    expect(await rotatePseudonymKey(database.db, env, "test")).toEqual({ store: "file", version: 2, previousVersion: 1 });
    after = loadPseudonymKeys(env, dataDir);
    expect(after.current.version).toBe(2);
    expect(after.live).toEqual([after.current, { version: 1, secret: legacySecret }]);
    const file = JSON.parse(readFileSync(path.join(dataDir, "pseudonym-keys.json"), "utf8"));
    expect(file).toEqual({ current: 2, keys: { "1": legacySecret, "2": after.current.secret } });
    // The legacy file is left as it was: a key is never destroyed by a rotation.
    expect(readFileSync(path.join(dataDir, "pseudonym.key"), "utf8").trim()).toBe(legacySecret);
  });

  it("leaves stored rows under version 1 and stores new ingests under version 2", async () => {
    await ingest(
      database,
      source("after", [at("2026-06-15", "leaver@example.com", "a1"), at("2026-06-16", "stayer@example.com", "a2"), at("2026-02-05", "other@example.com", "a3")]),
      { keys: after, window, timeZone: "UTC", defaultRoom: null },
    );
    const v1 = before.current;
    const v2 = after.current;
    // The same two people carry one pseudonym per key version; b2 and b3 share stayer's v1 pseudonym.
    expect(await versions()).toEqual({
      [pseudonymise("leaver@example.com", v1)]: 1,
      [pseudonymise("stayer@example.com", v1)]: 1,
      [pseudonymise("leaver@example.com", v2)]: 2,
      [pseudonymise("stayer@example.com", v2)]: 2,
      [pseudonymise("other@example.com", v2)]: 2,
    });
  });

  it("excludes a person under every live version: their v1 and v2 bookings both go", async () => {
    const result = await excludePerson(database.db, after, "leaver@example.com", "test");
    // b1 (stored under v1 before the rotation) + a1 (under v2 after it).
    expect(result).toEqual({ deletedBookings: 2, alreadyExcluded: false });
    expect((await database.db.select().from(exclusions)).map((e) => e.keyVersion).sort()).toEqual([1, 2]);
    expect(await database.db.select().from(bookings)).toHaveLength(4);
  });

  it("purges old-version rows as well as new-version ones", async () => {
    await database.db.update(settings).set({ retentionDays: 30 }).where(eq(settings.id, 1));
    // Cutoff 2026-07-01 − 30 days = 2026-06-01: b2, b3 (v1) and a3 (v2, February) ended before it.
    const result = await purgeExpiredBookings(database.db, new Date("2026-07-01T00:00:00Z"), "test");
    expect(result.deletedBookings).toBe(3);
    expect(await versions()).toEqual({ [pseudonymise("stayer@example.com", after.current)]: 2 });
  });

  it("audit-logs the rotation by version, never by secret", async () => {
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, "key.rotated"));
    expect(entries.map((e) => e.details)).toEqual([{ store: "file", version: 2, previousVersion: 1, pending: false }]);
    const everything = JSON.stringify(await database.db.select().from(auditLog));
    expect(everything).not.toContain(legacySecret);
    expect(everything).not.toContain(after.current.secret);
  });
});

describe("rotation with keys in the environment", () => {
  const env = {
    DATABASE_URL: "postgres://example.invalid/roomlens",
    ROOMLENS_PSEUDONYM_KEY: "second-secret-value-22",
    ROOMLENS_PSEUDONYM_KEY_VERSION: "2",
    ROOMLENS_PSEUDONYM_OLD_KEYS: "1:first-secret-value-111",
  };

  it("proposes version 3 with both current keys moved to OLD_KEYS, and the lines load as such", () => {
    const plan = planEnvironmentRotation(env);
    expect(plan).toMatchObject({ store: "environment", version: 3, previousVersion: 2 });
    const [keyLine, versionLine, oldLine] = plan.environment;
    expect(keyLine).toMatch(/^ROOMLENS_PSEUDONYM_KEY=[A-Za-z0-9_-]{43}$/);
    expect(versionLine).toBe("ROOMLENS_PSEUDONYM_KEY_VERSION=3");
    expect(oldLine).toBe("ROOMLENS_PSEUDONYM_OLD_KEYS=2:second-secret-value-22,1:first-secret-value-111");
    const applied = Object.fromEntries(plan.environment.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
    const keys = loadPseudonymKeys({ ...env, ...applied }, "/nonexistent");
    expect(keys.live.map((k) => k.version)).toEqual([3, 2, 1]);
    expect(keys.current.secret).toBe(applied.ROOMLENS_PSEUDONYM_KEY);
  });

  it("quotes an old secret that a shell would split", () => {
    const plan = planEnvironmentRotation({ ...env, ROOMLENS_PSEUDONYM_KEY: "a long random secret", ROOMLENS_PSEUDONYM_OLD_KEYS: "" });
    expect(plan.environment[2]).toBe("ROOMLENS_PSEUDONYM_OLD_KEYS='2:a long random secret'");
  });
});

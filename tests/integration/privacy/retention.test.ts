import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, integrations, rooms, settings } from "@/db/schema";
import type { Database } from "@/db/client";
import { startPurgeSchedule } from "@/lib/privacy/purge-schedule";
import { purgeExpiredBookings, retentionCutoff, type PurgeResult } from "@/lib/privacy/retention";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";

// 2026-06-01 12:00 UTC minus the default 395 days: 365 days back is 2025-06-01, 30 more is 2025-05-02.
const now = new Date("2026-06-01T12:00:00Z");
const defaultCutoff = "2025-05-02T12:00:00.000Z";

describe.each(databaseKinds())("retention purge on %s", (kind) => {
  let database: TestDatabase;
  let ids: { roomId: number; integrationId: number };
  const booking = (externalKey: string, start: string, end: string, keyVersion: number | null) => ({
    ...ids,
    externalKey,
    startsAt: new Date(start),
    endsAt: new Date(end),
    status: "confirmed" as const,
    // A private event is occupancy only: no pseudonym, so no key version either.
    organizerPseudonym: keyVersion === null ? null : `pseudonym-${externalKey}`,
    keyVersion,
    private: keyVersion === null,
  });
  const keysLeft = async () => (await database.db.select().from(bookings).orderBy(bookings.externalKey)).map((b) => b.externalKey);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const [room] = await database.db.insert(rooms).values({ name: "Orion", capacity: 6 }).returning({ id: rooms.id });
    const [integration] = await database.db
      .insert(integrations)
      .values({ kind: "csv", name: "retention", config: { source: "retention" } })
      .returning({ id: integrations.id });
    if (!room || !integration) throw new Error("seed failed");
    ids = { roomId: room.id, integrationId: integration.id };
    await database.db.insert(bookings).values([
      booking("a-minute-too-old", "2025-05-02T11:00:00Z", "2025-05-02T11:59:00Z", 1),
      booking("b-ends-at-cutoff", "2025-05-02T11:00:00Z", "2025-05-02T12:00:00Z", 1),
      booking("c-old-new-key", "2025-01-10T09:00:00Z", "2025-01-10T10:00:00Z", 2),
      booking("d-old-private", "2024-12-01T09:00:00Z", "2024-12-01T10:00:00Z", null),
      booking("e-straddles", "2025-05-02T11:00:00Z", "2025-05-02T12:30:00Z", 1),
      booking("f-recent", "2026-05-01T09:00:00Z", "2026-05-01T10:00:00Z", 2),
    ]);
  });
  afterAll(() => database.drop());

  it("deletes what ended more than the retention period ago, under every key version", async () => {
    expect(retentionCutoff(now, 395).toISOString()).toBe(defaultCutoff);
    const result = await purgeExpiredBookings(database.db, now, "test");
    // a (1 minute before the cutoff, v1), c (v2) and d (private, no version): 3. b ended exactly at
    // the cutoff, so not *more* than 395 days ago; e started before it but ended after.
    expect(result).toEqual({ deletedBookings: 3, cutoff: new Date(defaultCutoff), retentionDays: 395 });
    expect(await keysLeft()).toEqual(["b-ends-at-cutoff", "e-straddles", "f-recent"]);
  });

  it("records when it ran and audit-logs the count and the cutoff", async () => {
    const [row] = await database.db.select().from(settings).where(eq(settings.id, 1));
    expect(row?.lastPurgeAt).toEqual(now);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, "retention.purged"));
    expect(entries).toEqual([
      expect.objectContaining({ actor: "test", details: { deletedBookings: 3, cutoff: defaultCutoff, retentionDays: 395 } }),
    ]);
  });

  it("follows the retention setting and audits a purge that deleted nothing", async () => {
    expect((await purgeExpiredBookings(database.db, now, "test")).deletedBookings).toBe(0);
    await database.db.update(settings).set({ retentionDays: 30 }).where(eq(settings.id, 1));
    // 30 days before 2026-06-01 12:00 is 2026-05-02 12:00: b, e and f (ended 2026-05-01) are all older.
    const result = await purgeExpiredBookings(database.db, now, "test");
    expect(result).toEqual({ deletedBookings: 3, cutoff: new Date("2026-05-02T12:00:00Z"), retentionDays: 30 });
    expect(await keysLeft()).toEqual([]);
    const counts = (await database.db.select().from(auditLog).where(eq(auditLog.action, "retention.purged")).orderBy(auditLog.id)).map(
      (entry) => entry.details.deletedBookings,
    );
    expect(counts).toEqual([3, 0, 3]);
  });
});

describe("purge schedule", () => {
  const quietLog = () => {
    const lines: string[] = [];
    return { lines, log: { info: (line: string) => lines.push(line), error: (line: string) => lines.push(`ERROR ${line}`) } };
  };
  const waitFor = (runs: unknown[], count: number) =>
    new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (runs.length < count) return;
        clearInterval(poll);
        resolve();
      }, 5);
    });

  it("runs soon after start, then again, never two runs at once", async () => {
    const database = await createTestDatabase("pglite");
    let running = 0;
    let maxRunning = 0;
    // A slow database open (40 ms) against a 5 ms interval: overlapping runs would show here.
    const slowDatabase = async (): Promise<Database> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 40));
      running -= 1;
      return database;
    };
    const runs: (PurgeResult | Error)[] = [];
    const { lines, log } = quietLog();
    const schedule = startPurgeSchedule(slowDatabase, 5, { firstDelayMs: 0, now: () => now, log, onRun: (r) => runs.push(r) });
    await waitFor(runs, 3);
    schedule.stop();
    expect(maxRunning).toBe(1);
    expect(runs.every((run) => !(run instanceof Error))).toBe(true);
    expect(lines[0]).toBe(`retention purge: 0 bookings that ended before ${defaultCutoff} deleted`);
    const audited = await database.db.select().from(auditLog).where(eq(auditLog.actor, "system"));
    expect(audited.length).toBeGreaterThanOrEqual(3);
    await database.drop();
  });

  it("logs a failure without the query's parameters and keeps its schedule", async () => {
    const runs: (PurgeResult | Error)[] = [];
    const { lines, log } = quietLog();
    const failing = async (): Promise<Database> => {
      throw new Error("wrapper with params: someone@example.com", { cause: new Error("connection refused") });
    };
    const schedule = startPurgeSchedule(failing, 5, { firstDelayMs: 0, log, onRun: (r) => runs.push(r) });
    await waitFor(runs, 2);
    schedule.stop();
    expect(lines[0]).toBe("ERROR retention purge failed (next attempt in 0 min): Error: connection refused");
    expect(lines.join("\n")).not.toContain("example.com");
  });
});

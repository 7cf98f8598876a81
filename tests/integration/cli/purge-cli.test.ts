import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, integrations, rooms, settings } from "@/db/schema";
import { createCliEnvironment } from "../../support/cli-env";
import { databaseKinds } from "../../support/databases";

const DAY_MS = 86_400_000;

describe.each(databaseKinds())("CLI purge on %s", (kind) => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  beforeAll(async () => {
    cli = await createCliEnvironment(kind);
    expect((await cli.run("migrate")).code).toBe(0);
    // The CLI purges as of the real clock, so the rows are placed relative to it.
    const endedDaysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
    await cli.inspect(async ({ db }) => {
      const [room] = await db.insert(rooms).values({ name: "Orion" }).returning({ id: rooms.id });
      const [integration] = await db.insert(integrations).values({ kind: "csv", name: "old", config: { source: "old" } }).returning({ id: integrations.id });
      if (!room || !integration) throw new Error("seed failed");
      const row = (externalKey: string, days: number, keyVersion: number) => ({
        roomId: room.id,
        integrationId: integration.id,
        externalKey,
        startsAt: new Date(endedDaysAgo(days).getTime() - 3_600_000),
        endsAt: endedDaysAgo(days),
        status: "confirmed" as const,
        organizerPseudonym: `pseudonym-${externalKey}`,
        keyVersion,
      });
      // Default retention 395 days: the first two are past it (under two key versions), the others not.
      await db.insert(bookings).values([row("400-days", 400, 1), row("396-days", 396, 2), row("394-days", 394, 1), row("yesterday", 1, 2)]);
    });
  });
  afterAll(() => cli.cleanup());

  it("deletes bookings past the retention period and says how many, up to when", async () => {
    const started = Date.now();
    const result = await cli.run("purge");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const match = /^Purged 2 bookings that ended before (\S+) \(retention 395 days\)\.$/.exec(result.stdout);
    expect(match).not.toBeNull();
    // The cutoff is 395 days before the moment the command ran.
    const cutoff = new Date(match?.[1] ?? "").getTime();
    expect(cutoff).toBeGreaterThanOrEqual(started - 395 * DAY_MS);
    expect(cutoff).toBeLessThanOrEqual(Date.now() - 395 * DAY_MS);
    await cli.inspect(async ({ db }) => {
      expect((await db.select().from(bookings)).map((b) => b.externalKey).sort()).toEqual(["394-days", "yesterday"]);
      const [row] = await db.select().from(settings).where(eq(settings.id, 1));
      expect(row?.lastPurgeAt?.getTime()).toBeGreaterThanOrEqual(started);
      const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "retention.purged"));
      expect(entry).toMatchObject({ actor: "cli", details: { deletedBookings: 2, retentionDays: 395, cutoff: match?.[1] } });
    });
  });

  it("runs again with nothing left to delete, and refuses arguments", async () => {
    expect((await cli.run("purge")).stdout).toMatch(/^Purged 0 bookings/);
    expect(await cli.run("purge", "--days", "3")).toMatchObject({ code: 1, stderr: expect.stringMatching(/--days/) });
  });
});

import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, integrations, rooms, roomSources, syncRuns } from "@/db/schema";
import { fetchPolicy } from "@/lib/integrations/fetch-guard";
import { createIntegration, getIntegration, setEnabled } from "@/lib/integrations/manage";
import { syncAll, syncIntegration, type SyncOutcome } from "@/lib/integrations/run-sync";
import { startSyncSchedule } from "@/lib/integrations/schedule";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { icsFeed, startFeedServer } from "../../support/feed-server";

const ORION = "orion@rooms.example.com";
const SECRETS_KEY_HEX = Buffer.alloc(32, 9).toString("hex");
const secretsKey = loadSecretsKey({ ROOMLENS_SECRETS_KEY: SECRETS_KEY_HEX });
const allowLoopback = fetchPolicy({ ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1" });
const NOW = new Date("2026-03-01T12:00:00Z");
const HOUR = 3_600_000;
const quiet = { log: () => {} };

function succeeded(outcome: SyncOutcome) {
  if (!outcome.ok) throw new Error(`sync failed: ${outcome.failure.message}`);
  return outcome;
}

describe.each(databaseKinds())("ICS and CSV subscriptions on %s", (kind) => {
  let database: TestDatabase;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let icsId = 0;
  const sync = (id: number, now = NOW, policy = allowLoopback) => syncIntegration(database, testKeys, id, undefined, { now, policy, secretsKey, ...quiet });
  const statuses = async (id: number) => (await database.db.select().from(bookings).where(eq(bookings.integrationId, id)).orderBy(bookings.startsAt)).map((b) => b.status);
  const lastRun = async (id: number) => (await database.db.select().from(syncRuns).where(eq(syncRuns.integrationId, id)).orderBy(desc(syncRuns.id)).limit(1))[0];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const [orion] = await database.db.insert(rooms).values({ name: "Orion", timeZone: "Europe/London" }).returning();
    await database.db.insert(roomSources).values({ roomId: orion?.id ?? 0, sourceKey: ORION });
    feeds = await startFeedServer();
    feeds.set("/orion.ics", { body: icsFeed(ORION, [["a", "2026-03-02T09:00:00Z"], ["b", "2026-03-03T09:00:00Z"]]), etag: '"v1"', lastModified: "Sun, 01 Mar 2026 08:00:00 GMT" });
    icsId = (await createIntegration(database.db, { kind: "ics", name: "Orion feed", config: { url: `${feeds.base}/orion.ics?token=t0k3n` }, syncIntervalMinutes: 30 }, "admin", { secretsKey })).id;
  });
  afterAll(async () => {
    await feeds.close();
    await database.drop();
  });

  it("syncs a subscription, fetching with its token and storing the server's validators with the rows", async () => {
    const outcome = succeeded(await sync(icsId));
    expect(outcome).toMatchObject({ notModified: false, report: { fetched: 2, inserted: 2 } });
    expect(feeds.requests.at(-1)).toMatchObject({ path: "/orion.ics", query: "?token=t0k3n" });
    const row = (await database.db.select().from(integrations).where(eq(integrations.id, icsId)))[0];
    expect(row?.cursor).toMatchObject({ etag: '"v1"', lastModified: "Sun, 01 Mar 2026 08:00:00 GMT", fullReadAt: NOW.toISOString() });
    expect(row?.lastStatus).toBe("succeeded");
  });

  it("asks with If-None-Match / If-Modified-Since; a 304 is a run that reads nothing and changes nothing", async () => {
    const outcome = succeeded(await sync(icsId, new Date(NOW.getTime() + HOUR)));
    expect(outcome).toMatchObject({ notModified: true, report: { fetched: 0, inserted: 0, cancelled: 0, status: "succeeded" } });
    expect(feeds.requests.at(-1)?.headers).toMatchObject({ "if-none-match": '"v1"', "if-modified-since": "Sun, 01 Mar 2026 08:00:00 GMT" });
    expect(await lastRun(icsId)).toMatchObject({ status: "succeeded", fetched: 0 });
    // Nothing listed, yet nothing cancelled: a 304 covers no bookings.
    expect(await statuses(icsId)).toEqual(["confirmed", "confirmed"]);
  });

  it("reads a changed feed again: an event gone from it is cancelled", async () => {
    feeds.set("/orion.ics", { body: icsFeed(ORION, [["a", "2026-03-02T09:00:00Z"]]), etag: '"v2"' });
    const outcome = succeeded(await sync(icsId, new Date(NOW.getTime() + 2 * HOUR)));
    expect(outcome.report).toMatchObject({ fetched: 1, unchanged: 1, cancelled: 1 });
    expect(await statuses(icsId)).toEqual(["confirmed", "cancelled"]);
  });

  it("reads an unchanged feed in full once a day, because the recurrence window moves", async () => {
    const outcome = succeeded(await sync(icsId, new Date(NOW.getTime() + 27 * HOUR)));
    expect(outcome.notModified).toBe(false);
    expect(feeds.requests.at(-1)?.headers["if-none-match"]).toBeUndefined();
  });

  it("refuses a loopback feed unless allow-listed, and records the failure with what to do", async () => {
    const outcome = await sync(icsId, NOW, fetchPolicy({}));
    expect(outcome).toMatchObject({ ok: false, failure: { message: expect.stringMatching(/127\.0\.0\.1 is a loopback address/), advice: expect.stringMatching(/ROOMLENS_FETCH_ALLOWLIST/) } });
    const summary = await getIntegration(database.db, icsId);
    expect(summary).toMatchObject({ lastStatus: "failed", lastError: expect.stringMatching(/loopback[\s\S]*What to do: /) });
    // The message names the URL without its token.
    expect(summary.lastError).not.toContain("t0k3n");
    expect(await statuses(icsId)).toEqual(["confirmed", "cancelled"]);
  });

  it("syncs a CSV export by URL with its column mapping", async () => {
    feeds.set("/export.csv", {
      contentType: "text/csv",
      body: "Booking,Room Name,From,To\nT-1,Orion,2026-03-04T10:00:00Z,2026-03-04T11:00:00Z\nT-2,Orion,2026-03-05T10:00:00Z,2026-03-05T10:30:00Z\n",
    });
    const { id } = await createIntegration(database.db, { kind: "csv", name: "Teem", config: { url: `${feeds.base}/export.csv`, mapping: { id: "Booking", room: "Room Name", start: "From", end: "To" } } }, "admin", { secretsKey });
    expect(succeeded(await sync(id)).report).toMatchObject({ fetched: 2, inserted: 2, rejected: 0 });
  });

  it("re-syncs a changed CSV export through its unchanged rows, and deletes the spooled body", async () => {
    const spools = () => readdirSync(tmpdir()).filter((name) => name.startsWith("roomlens-feed-"));
    const before = spools();
    const header = "Booking,Room Name,From,To,Title";
    const rows = ["R-1,Orion,2026-03-09T10:00:00Z,2026-03-09T11:00:00Z,Plan", "R-2,Orion,2026-03-10T10:00:00Z,2026-03-10T11:00:00Z,Review"];
    feeds.set("/rows.csv", { contentType: "text/csv", body: `${[header, ...rows].join("\n")}\n` });
    const mapping = { id: "Booking", room: "Room Name", start: "From", end: "To" };
    const { id } = await createIntegration(database.db, { kind: "csv", name: "Rows", config: { url: `${feeds.base}/rows.csv`, mapping } }, "admin", { secretsKey });
    expect(succeeded(await sync(id)).report).toMatchObject({ fetched: 2, inserted: 2 });
    const digests = async () => (await database.db.select().from(bookings).where(eq(bookings.integrationId, id)).orderBy(bookings.startsAt)).map((b) => b.sourceDigest);
    const first = await digests();
    expect(first.every((digest) => digest !== null)).toBe(true);
    // What shows that R-1 is not read again: a value changed behind the import's back stays as it is
    // (a full reading would compare R-1's fields with the stored ones and write them back).
    await database.db.update(bookings).set({ attendeeCount: 99 }).where(eq(bookings.integrationId, id));
    // R-2 moves by an hour; R-1 is the same row: its digest is found, so it is staged as stored.
    feeds.set("/rows.csv", { contentType: "text/csv", body: `${header}\n${rows[0]}\nR-2,Orion,2026-03-10T11:00:00Z,2026-03-10T12:00:00Z,Review\n` });
    expect(succeeded(await sync(id, new Date(NOW.getTime() + HOUR))).report).toMatchObject({ fetched: 2, inserted: 0, updated: 1, unchanged: 1, cancelled: 0 });
    const second = await digests();
    expect(second[0]).toBe(first[0]);
    expect((await database.db.select().from(bookings).where(eq(bookings.integrationId, id)).orderBy(bookings.startsAt)).map((b) => b.attendeeCount)).toEqual([99, null]);
    expect(second[1]).not.toBe(first[1]);
    expect(spools()).toEqual(before);
    await database.db.delete(integrations).where(eq(integrations.id, id));
  });

  it("pulls a feed added by `import <url>`; a file import is not pulled and says how to update it", async () => {
    const [byUrl] = await database.db.insert(integrations).values({ kind: "ics", name: "Imported URL", config: { source: `${feeds.base}/orion.ics` } }).returning();
    const [byFile] = await database.db.insert(integrations).values({ kind: "ics", name: "Imported file", config: { source: "/srv/exports/orion.ics" } }).returning();
    expect(succeeded(await sync(byUrl?.id ?? 0)).report.fetched).toBe(1);
    expect(await sync(byFile?.id ?? 0)).toMatchObject({ ok: false, failure: { message: expect.stringMatching(/imported from a file .* import the file again/) } });
    expect(await getIntegration(database.db, byFile?.id ?? 0)).toMatchObject({ syncable: false, settings: null });
    await database.db.delete(integrations).where(eq(integrations.id, byUrl?.id ?? 0));
  });

  it("syncs every enabled integration that can be pulled; one failing never blocks the others", async () => {
    const broken = await createIntegration(database.db, { kind: "ics", name: "Gone feed", config: { url: `${feeds.base}/gone.ics` } }, "admin", { secretsKey });
    const paused = await createIntegration(database.db, { kind: "ics", name: "Paused", config: { url: `${feeds.base}/orion.ics` } }, "admin", { secretsKey });
    await setEnabled(database.db, paused.id, false, "admin");
    await createIntegration(database.db, { kind: "webhook", name: "Pushed" , config: {} }, "admin", { secretsKey });
    const outcomes = await syncAll(database, testKeys, { now: NOW, policy: allowLoopback, secretsKey, ...quiet });
    expect(outcomes.map((o) => [o.name, o.ok])).toEqual([
      ["Orion feed", true],
      ["Teem", true],
      ["Gone feed", false],
    ]);
    expect(outcomes[2]).toMatchObject({ failure: { message: expect.stringMatching(/gone\.ics: the server answered 404 \(the feed is gone/) } });
    expect(await lastRun(broken.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/404/) });
  });

  it("with dueOnly, syncs only scheduled integrations whose interval has passed since the last attempt", async () => {
    const lastSync = (await getIntegration(database.db, icsId)).lastSyncAt ?? new Date();
    const early = await syncAll(database, testKeys, { dueOnly: true, now: new Date(lastSync.getTime() + 10 * 60_000), policy: allowLoopback, secretsKey, ...quiet });
    expect(early).toEqual([]);
    const due = await syncAll(database, testKeys, { dueOnly: true, now: new Date(lastSync.getTime() + 31 * 60_000), policy: allowLoopback, secretsKey, ...quiet });
    expect(due.map((o) => o.name)).toEqual(["Orion feed"]);
  });

  it("runs due syncs on the server's schedule, with the keys and allow-list of its environment", async () => {
    await database.db.update(integrations).set({ lastSyncAt: new Date(Date.now() - 3_600_000) }).where(eq(integrations.id, icsId));
    const saved = { ...process.env };
    Object.assign(process.env, { ROOMLENS_SECRETS_KEY: SECRETS_KEY_HEX, ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1" });
    const round = await new Promise<SyncOutcome[] | Error>((resolve) => {
      const schedule = startSyncSchedule(async () => database, () => testKeys, {
        firstDelayMs: 0,
        log: { info: () => {}, error: () => {} },
        onRound: (outcome) => {
          schedule.stop();
          resolve(outcome);
        },
      });
    });
    process.env = saved;
    expect(round).toEqual([expect.objectContaining({ name: "Orion feed", ok: true })]);
    expect(await lastRun(icsId)).toMatchObject({ status: "succeeded" });
  });
});

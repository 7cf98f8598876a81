import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, rooms } from "@/db/schema";
import { fetchPolicy } from "@/lib/integrations/fetch-guard";
import { createIntegration, updateIntegration } from "@/lib/integrations/manage";
import { syncIntegration } from "@/lib/integrations/run-sync";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { testConnection, testDraftConnection } from "@/lib/integrations/test-connection";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { icsFeed, startFeedServer } from "../../support/feed-server";
import { startFakeGoogle } from "../../support/fake-google";
import { FAKE_CLIENT, FAKE_TENANT, startFakeMicrosoft } from "../../support/fake-microsoft";

const secretsKey = loadSecretsKey({ ROOMLENS_SECRETS_KEY: Buffer.alloc(32, 5).toString("base64url") });
const policy = fetchPolicy({ ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1" });
const NOW = new Date("2026-03-01T12:00:00Z");
const options = { now: NOW, policy, secretsKey, log: () => {} };
const SUBJECT = "it-admin@example.com";
const GOOGLE_ROOM = "c_orion@resource.calendar.google.com";
const GRAPH_ROOM = "lyra@contoso.com";
const utc = (hour: number) => ({ dateTime: `2026-03-02T${String(hour).padStart(2, "0")}:00:00.0000000`, timeZone: "UTC" });

describe.each(databaseKinds())("Google and Microsoft integrations on %s", (kind) => {
  let database: TestDatabase;
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  let graph: Awaited<ReturnType<typeof startFakeMicrosoft>>;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const ids = { google: 0, microsoft: 0, ics: 0, webhook: 0 };
  const count = async (integrationId: number) => (await database.db.select().from(bookings).where(eq(bookings.integrationId, integrationId))).length;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    google = await startFakeGoogle({ subject: SUBJECT });
    google.setResources([{ resourceId: "1", resourceName: "Orion", resourceEmail: GOOGLE_ROOM, resourceCategory: "CONFERENCE_ROOM", capacity: 8 }]);
    google.addCalendar(GOOGLE_ROOM);
    google.putEvent(GOOGLE_ROOM, {
      id: "g1",
      status: "confirmed",
      summary: "Dana Quill 1:1",
      start: { dateTime: "2026-03-02T09:00:00Z" },
      end: { dateTime: "2026-03-02T10:00:00Z" },
      organizer: { email: "dana@example.com" },
      attendees: [{ email: GOOGLE_ROOM, resource: true, self: true, responseStatus: "accepted" }],
    });
    graph = await startFakeMicrosoft();
    graph.setPlaces([{ id: "p1", emailAddress: GRAPH_ROOM, displayName: "Lyra", capacity: 4 }]);
    graph.addMailbox(GRAPH_ROOM);
    graph.putEvent(GRAPH_ROOM, { id: "m1", type: "singleInstance", subject: "Alice Zeta", start: utc(9), end: utc(10), organizer: { emailAddress: { address: "alice@contoso.com" } } });
    graph.putEvent(GRAPH_ROOM, { id: "m2", type: "singleInstance", subject: "Alice Zeta", start: utc(11), end: utc(12) });
    feeds = await startFeedServer();
    feeds.set("/lyra.ics", { body: icsFeed(GRAPH_ROOM, [["x", "2026-03-03T09:00:00Z"]]) });

    ids.google = (await createIntegration(database.db, { kind: "google", name: "Workspace", config: { subject: SUBJECT, timeZone: "Europe/London", endpoints: { calendarBaseUrl: google.calendarBaseUrl, directoryBaseUrl: google.directoryBaseUrl } }, secret: google.keyFile() }, "admin", { secretsKey })).id;
    ids.microsoft = (await createIntegration(database.db, { kind: "microsoft", name: "M365", config: { tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, endpoints: { authorityUrl: graph.authorityUrl, graphBaseUrl: graph.graphBaseUrl } }, secret: FAKE_CLIENT.secret }, "admin", { secretsKey })).id;
    ids.ics = (await createIntegration(database.db, { kind: "ics", name: "Lyra feed", config: { url: `${feeds.base}/lyra.ics` } }, "admin", { secretsKey })).id;
    ids.webhook = (await createIntegration(database.db, { kind: "webhook", name: "Tool", config: {} }, "admin", { secretsKey })).id;
  });
  afterAll(async () => {
    await Promise.all([google.close(), graph.close(), feeds.close()]);
    await database.drop();
  });

  it("syncs Google with the decrypted service-account key: rooms into the directory, then events, then incrementally", async () => {
    const progress: string[] = [];
    const first = await syncIntegration(database, testKeys, ids.google, (p) => progress.push(p.phase), options);
    expect(first).toMatchObject({ ok: true, report: { inserted: 1 } });
    expect(progress[0]).toBe("connecting");
    expect(progress.at(-1)).toBe("finished");
    expect((await database.db.select().from(rooms)).map((r) => [r.name, r.capacity, r.timeZone])).toContainEqual(["Orion", 8, "Europe/London"]);
    const second = await syncIntegration(database, testKeys, ids.google, undefined, options);
    expect(second).toMatchObject({ ok: true, report: { fetched: 0 } });
    expect(google.requests.at(-1)?.url.searchParams.get("syncToken")).not.toBeNull();
  });

  it("syncs Microsoft with the decrypted client secret", async () => {
    expect(await syncIntegration(database, testKeys, ids.microsoft, undefined, options)).toMatchObject({ ok: true, report: { inserted: 2 } });
    expect(await count(ids.microsoft)).toBe(2);
  });

  it("explains a refused client secret and leaves the stored bookings alone", async () => {
    await updateIntegration(database.db, ids.microsoft, { secret: "expired-secret" }, "admin", { secretsKey });
    const outcome = await syncIntegration(database, testKeys, ids.microsoft, undefined, options);
    expect(outcome).toMatchObject({ ok: false, failure: { message: expect.stringMatching(/refused the client-credentials token request \(401 invalid_client/), advice: expect.stringMatching(/credentials/) } });
    expect(JSON.stringify(outcome)).not.toContain("expired-secret");
    expect(await count(ids.microsoft)).toBe(2);
    await updateIntegration(database.db, ids.microsoft, { secret: FAKE_CLIENT.secret }, "admin", { secretsKey });
  });

  it("refuses to pull a webhook, and an unknown id", async () => {
    await expect(syncIntegration(database, testKeys, ids.webhook, undefined, options)).rejects.toThrow(/webhook: bookings are pushed/);
    await expect(syncIntegration(database, testKeys, 424242, undefined, options)).rejects.toThrow(/no integration with id 424242/);
  });

  it("tests each kind's connection without writing anything", async () => {
    const before = await count(ids.ics);
    expect(await testConnection(database, ids.google, options)).toEqual({ ok: true, message: `signed in as the service account for ${SUBJECT}; 1 room calendars found` });
    expect(await testConnection(database, ids.microsoft, options)).toEqual({ ok: true, message: `signed in to tenant ${FAKE_TENANT}; 1 room mailboxes found` });
    expect(await testConnection(database, ids.ics, options)).toMatchObject({ ok: true, message: expect.stringMatching(/reached http:\/\/127\.0\.0\.1:\d+\/lyra\.ics: 1 bookings in the sync window/) });
    expect(await testConnection(database, ids.webhook, options)).toMatchObject({ ok: true, message: expect.stringMatching(new RegExp(`/api/ingest/${ids.webhook}`)) });
    expect(await count(ids.ics)).toBe(before);
  });

  it("tests settings before they are saved, and explains what fails", async () => {
    expect(await testDraftConnection(database, { kind: "csv", config: { url: `${feeds.base}/missing.csv` } }, options)).toMatchObject({ ok: false, message: expect.stringMatching(/answered 404/) });
    expect(await testDraftConnection(database, { kind: "ics", config: { url: "http://169.254.169.254/latest" } }, options)).toMatchObject({ ok: false, message: expect.stringMatching(/link-local/) });
    expect(await testDraftConnection(database, { kind: "microsoft", config: { tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, endpoints: { authorityUrl: graph.authorityUrl, graphBaseUrl: graph.graphBaseUrl } }, secret: FAKE_CLIENT.secret }, options)).toMatchObject({ ok: true });
    expect(await testDraftConnection(database, { kind: "google", config: { subject: "not-an-address" } }, options)).toMatchObject({ ok: false, message: expect.stringMatching(/subject/) });
  });
});

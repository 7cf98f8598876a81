import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { syncRuns } from "@/db/schema";
import { createIntegration, setEnabled } from "@/lib/integrations/manage";
import { googleChannelToken, microsoftClientState } from "@/lib/integrations/push-secrets";
import { getServerPushQueue } from "@/lib/integrations/push-server";
import { syncIntegration } from "@/lib/integrations/run-sync";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { startFakeGoogle } from "../../support/fake-google";
import { FAKE_CLIENT, FAKE_TENANT, startFakeMicrosoft } from "../../support/fake-microsoft";

// The real route handlers, push queue and sync against a real database and the fake Google and
// Graph servers; only the server's database handle is replaced.
const state = vi.hoisted(() => ({ database: undefined as unknown }));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
process.env.ROOMLENS_SECRETS_KEY = Buffer.alloc(32, 23).toString("base64");
process.env.ROOMLENS_PSEUDONYM_KEY = testKeys.current.secret;
process.env.ROOMLENS_FETCH_ALLOWLIST = "127.0.0.1";
const { POST: postGoogle } = await import("@/app/api/push/google/[integration]/route");
const { POST: postMicrosoft } = await import("@/app/api/push/microsoft/[integration]/route");

const secretsKey = loadSecretsKey({ ROOMLENS_SECRETS_KEY: process.env.ROOMLENS_SECRETS_KEY });
const queue = getServerPushQueue();
const SUBJECT = "it-admin@example.com";
const GOOGLE_ROOM = "c_orion@resource.calendar.google.com";
const GRAPH_ROOM = "lyra@contoso.com";
const CHANNEL = "roomlens-channel-1";
// Tomorrow, so the bookings fall inside the sync window whatever day the test runs.
const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00`;
const graphTime = (hour: number) => ({ dateTime: `${at(hour)}.0000000`, timeZone: "UTC" });
const googleEvent = (id: string, hour: number) => ({
  id,
  status: "confirmed",
  start: { dateTime: `${at(hour)}Z` },
  end: { dateTime: `${at(hour + 1)}Z` },
  organizer: { email: "dana@example.com" },
  attendees: [{ email: GOOGLE_ROOM, resource: true, self: true, responseStatus: "accepted" }],
});

type Answer = { status: number; type: string | null; text: string };
const read = async (response: Response): Promise<Answer> => ({ status: response.status, type: response.headers.get("content-type"), text: await response.text() });

function notifyGoogle(integration: number | string, headers: Record<string, string>): Promise<Answer> {
  const request = new Request(`http://localhost/api/push/google/${integration}`, { method: "POST", headers });
  return postGoogle(request, { params: Promise.resolve({ integration: String(integration) }) }).then(read);
}

function notifyMicrosoft(integration: number | string, body: unknown, query = ""): Promise<Answer> {
  const request = new Request(`http://localhost/api/push/microsoft/${integration}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return postMicrosoft(request, { params: Promise.resolve({ integration: String(integration) }) }).then(read);
}

describe.each(databaseKinds())("push notifications on %s", (kind) => {
  let database: TestDatabase;
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  let graph: Awaited<ReturnType<typeof startFakeMicrosoft>>;
  const ids = { google: 0, microsoft: 0 };
  const runs = async (integrationId: number) => database.db.select().from(syncRuns).where(eq(syncRuns.integrationId, integrationId)).orderBy(asc(syncRuns.id));
  const graphNotification = (clientState: string) => ({
    subscriptionId: "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
    subscriptionExpirationDateTime: "2030-01-01T00:00:00Z",
    clientState,
    changeType: "updated",
    resource: `Users/${GRAPH_ROOM}/Events/AAMkAG`,
    resourceData: { "@odata.type": "#Microsoft.Graph.Event", id: "AAMkAG" },
    tenantId: FAKE_TENANT,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    state.database = database;
    google = await startFakeGoogle({ subject: SUBJECT });
    google.setResources([{ resourceId: "1", resourceName: "Orion", resourceEmail: GOOGLE_ROOM, resourceCategory: "CONFERENCE_ROOM", capacity: 8 }]);
    google.addCalendar(GOOGLE_ROOM);
    google.putEvent(GOOGLE_ROOM, googleEvent("g1", 9));
    graph = await startFakeMicrosoft();
    graph.setPlaces([{ id: "p1", emailAddress: GRAPH_ROOM, displayName: "Lyra", capacity: 4 }]);
    graph.addMailbox(GRAPH_ROOM);
    graph.putEvent(GRAPH_ROOM, { id: "m1", type: "singleInstance", start: graphTime(9), end: graphTime(10) });
    const googleConfig = { subject: SUBJECT, timeZone: "UTC", endpoints: { calendarBaseUrl: google.calendarBaseUrl, directoryBaseUrl: google.directoryBaseUrl } };
    const microsoftConfig = { tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, timeZone: "UTC", endpoints: { authorityUrl: graph.authorityUrl, graphBaseUrl: graph.graphBaseUrl } };
    ids.google = (await createIntegration(database.db, { kind: "google", name: "Workspace", config: googleConfig, secret: google.keyFile() }, "admin", { secretsKey })).id;
    ids.microsoft = (await createIntegration(database.db, { kind: "microsoft", name: "M365", config: microsoftConfig, secret: FAKE_CLIENT.secret }, "admin", { secretsKey })).id;
    // The first, full syncs are the schedule's; notifications then ask for incremental ones.
    for (const id of [ids.google, ids.microsoft]) {
      expect(await syncIntegration(database, testKeys, id, undefined, { secretsKey, log: () => {} })).toMatchObject({ ok: true, report: { inserted: 1 } });
    }
  });
  afterAll(async () => {
    await Promise.all([queue.idle(ids.google), queue.idle(ids.microsoft)]);
    await Promise.all([google.close(), graph.close()]);
    await database.drop();
  });

  describe("Microsoft Graph", () => {
    it("echoes the validation token as plain text and does nothing else", async () => {
      const answer = await notifyMicrosoft(ids.microsoft, "", `?validationToken=${encodeURIComponent("Validation: Testing client application <b>")}`);
      expect(answer).toEqual({ status: 200, type: "text/plain; charset=utf-8", text: "Validation: Testing client application <b>" });
      expect(queue.pending(ids.microsoft)).toBe(false);
    });

    it("refuses a batch whose clientState does not match, and syncs nothing", async () => {
      const before = (await runs(ids.microsoft)).length;
      const wrong = await notifyMicrosoft(ids.microsoft, { value: [graphNotification("guessed-client-state")] });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.text)).toEqual({ error: "no notification carries this integration's clientState" });
      const missing = await notifyMicrosoft(ids.microsoft, { value: [{ subscriptionId: "s", changeType: "created" }] });
      expect(missing.status).toBe(401);
      // Another integration's clientState is no key to this one.
      const other = await notifyMicrosoft(ids.microsoft, { value: [graphNotification(microsoftClientState(secretsKey, ids.google))] });
      expect(other.status).toBe(401);
      expect(queue.pending(ids.microsoft)).toBe(false);
      expect((await runs(ids.microsoft)).length).toBe(before);
    });

    it("answers malformed requests and wrong addresses with the reason", async () => {
      expect((await notifyMicrosoft(ids.microsoft, "{not json")).status).toBe(400);
      expect((await notifyMicrosoft(ids.microsoft, { value: [] })).status).toBe(400);
      expect((await notifyMicrosoft(ids.google, { value: [graphNotification(microsoftClientState(secretsKey, ids.google))] })).status).toBe(404);
      expect((await notifyMicrosoft("424242", "", "?validationToken=x")).status).toBe(404);
      expect(queue.pending(ids.microsoft)).toBe(false);
    });

    it("turns a burst of valid notifications into exactly one incremental delta sync", async () => {
      const before = (await runs(ids.microsoft)).length;
      graph.putEvent(GRAPH_ROOM, { id: "m2", type: "singleInstance", start: graphTime(11), end: graphTime(12) });
      const clientState = microsoftClientState(secretsKey, ids.microsoft);
      const answers = await Promise.all([
        notifyMicrosoft(ids.microsoft, { value: [graphNotification(clientState)] }),
        notifyMicrosoft(ids.microsoft, { value: [graphNotification(clientState), graphNotification("forged")] }),
        notifyMicrosoft(ids.microsoft, { value: [graphNotification(clientState)] }),
      ]);
      expect(answers.map((a) => [a.status, JSON.parse(a.text)])).toEqual([
        [202, { accepted: 1, refused: 0, sync: "requested" }],
        [202, { accepted: 1, refused: 1, sync: "requested" }],
        [202, { accepted: 1, refused: 0, sync: "requested" }],
      ]);
      const deltaCalls = graph.requests.filter((r) => r.url.pathname.endsWith("/calendarView/delta")).length;
      await queue.idle(ids.microsoft);
      const after = await runs(ids.microsoft);
      // before + 1: the three notifications were one sync, which read only the new event through the delta link.
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ status: "succeeded", fetched: 1, inserted: 1 });
      const delta = graph.requests.filter((r) => r.url.pathname.endsWith("/calendarView/delta"));
      expect(delta.length).toBe(deltaCalls + 1);
      expect(delta.at(-1)?.url.searchParams.has("$deltatoken")).toBe(true);
    });

    it("accepts notifications for a paused integration without syncing it", async () => {
      await setEnabled(database.db, ids.microsoft, false, "admin");
      const answer = await notifyMicrosoft(ids.microsoft, { value: [graphNotification(microsoftClientState(secretsKey, ids.microsoft))] });
      expect([answer.status, JSON.parse(answer.text)]).toEqual([202, { accepted: 1, refused: 0, sync: "not started: the integration is paused" }]);
      expect(queue.pending(ids.microsoft)).toBe(false);
      await setEnabled(database.db, ids.microsoft, true, "admin");
    });
  });

  describe("Google Calendar", () => {
    const headers = (state: string, token = googleChannelToken(secretsKey, ids.google, CHANNEL), channel = CHANNEL) => ({
      "x-goog-channel-id": channel,
      "x-goog-channel-token": token,
      "x-goog-resource-state": state,
      "x-goog-resource-id": "ret08u3rv24htgh289g",
      "x-goog-resource-uri": `https://www.googleapis.com/calendar/v3/calendars/${GOOGLE_ROOM}/events`,
      "x-goog-channel-expiration": "Tue, 19 Nov 2030 01:13:52 GMT",
      "x-goog-message-number": "1",
    });

    it("answers the channel's sync message and syncs nothing", async () => {
      const answer = await notifyGoogle(ids.google, headers("sync"));
      expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { ok: true, sync: "not needed: the channel was opened" }]);
      expect(queue.pending(ids.google)).toBe(false);
    });

    it("refuses a wrong or missing channel token, and syncs nothing", async () => {
      const before = (await runs(ids.google)).length;
      const wrong = await notifyGoogle(ids.google, headers("exists", "not-the-token"));
      expect([wrong.status, JSON.parse(wrong.text)]).toEqual([401, { error: "the channel token does not match this integration's channels" }]);
      // A token is bound to its channel id and integration.
      expect((await notifyGoogle(ids.google, headers("exists", googleChannelToken(secretsKey, ids.google, "other-channel")))).status).toBe(401);
      expect((await notifyGoogle(ids.google, headers("exists", googleChannelToken(secretsKey, ids.microsoft, CHANNEL)))).status).toBe(401);
      const { "x-goog-channel-token": _token, ...withoutToken } = headers("exists");
      expect(JSON.parse((await notifyGoogle(ids.google, withoutToken)).text)).toEqual({ error: "missing X-Goog-Channel-Token" });
      expect((await notifyGoogle(ids.microsoft, headers("exists"))).status).toBe(404);
      expect((await notifyGoogle(ids.google, headers("deleted"))).status).toBe(400);
      expect(queue.pending(ids.google)).toBe(false);
      expect((await runs(ids.google)).length).toBe(before);
    });

    it("turns a burst of change messages into exactly one incremental sync with the sync token", async () => {
      const before = (await runs(ids.google)).length;
      google.putEvent(GOOGLE_ROOM, googleEvent("g2", 13));
      const answers = await Promise.all([notifyGoogle(ids.google, headers("exists")), notifyGoogle(ids.google, headers("not_exists")), notifyGoogle(ids.google, headers("exists"))]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      await queue.idle(ids.google);
      const after = await runs(ids.google);
      // before + 1: one sync for three messages, reading only g2 with the stored sync token.
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ status: "succeeded", fetched: 1, inserted: 1 });
      const events = google.requests.filter((r) => r.url.pathname.endsWith("/events"));
      expect(events.at(-1)?.url.searchParams.has("syncToken")).toBe(true);
    });
  });
});

import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { integrations } from "@/db/schema";
import { createIntegration } from "@/lib/integrations/manage";
import { microsoftClientState } from "@/lib/integrations/push-secrets";
import { getServerPushQueue } from "@/lib/integrations/push-server";
import { syncIntegration } from "@/lib/integrations/run-sync";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { FAKE_CLIENT, FAKE_TENANT, startFakeMicrosoft } from "../../support/fake-microsoft";

// Syncs open and renew Graph subscriptions; Graph's validation request reaches the real route handler.
const state = vi.hoisted(() => ({ database: undefined as unknown }));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
process.env.ROOMLENS_SECRETS_KEY = Buffer.alloc(32, 29).toString("base64");
process.env.ROOMLENS_PSEUDONYM_KEY = testKeys.current.secret;
process.env.ROOMLENS_FETCH_ALLOWLIST = "127.0.0.1";
const { POST } = await import("@/app/api/push/microsoft/[integration]/route");

const secretsKey = loadSecretsKey({ ROOMLENS_SECRETS_KEY: process.env.ROOMLENS_SECRETS_KEY });
const PUSH_BASE = "https://roomlens.example.com";
const GRAPH_ROOM = "lyra@contoso.com";
const HOUR = 3_600_000;
const START = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const later = (hours: number) => new Date(START.getTime() + hours * HOUR);
/** Roomlens asks for 4,200 minutes = 70 hours. */
const expiryAfter = (hours: number) => later(hours + 70).toISOString();

/** The route handler answering at a notification URL of PUSH_BASE. */
async function deliver(notificationUrl: string, init: { query?: string; body?: string }) {
  const integration = /\/api\/push\/microsoft\/(\d+)$/.exec(notificationUrl)?.[1] ?? "";
  expect(notificationUrl.startsWith(`${PUSH_BASE}/`)).toBe(true);
  const request = new Request(`http://localhost/api/push/microsoft/${integration}${init.query ?? ""}`, { method: "POST", body: init.body ?? "" });
  const response = await POST(request, { params: Promise.resolve({ integration }) });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe.each(databaseKinds())("Graph change-notification subscriptions on %s", (kind) => {
  let database: TestDatabase;
  let graph: Awaited<ReturnType<typeof startFakeMicrosoft>>;
  let id = 0;
  let breakValidation = false;
  const subscriptionCalls = () => graph.requests.filter((r) => r.url.pathname.startsWith("/v1.0/subscriptions")).map((r) => `${r.method} ${r.url.pathname}`);
  const stored = async () => (await database.db.select().from(integrations).where(eq(integrations.id, id)))[0]?.config.pushSubscriptions;
  const sync = (now: Date) => syncIntegration(database, testKeys, id, undefined, { now, secretsKey, log: () => {} });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    state.database = database;
    graph = await startFakeMicrosoft({
      validate: async (url, token) => (breakValidation ? { status: 200, type: "text/plain", text: "not the token" } : deliver(url, { query: `?validationToken=${encodeURIComponent(token)}` })),
    });
    graph.setPlaces([{ id: "p1", emailAddress: GRAPH_ROOM, displayName: "Lyra", capacity: 4 }]);
    graph.addMailbox(GRAPH_ROOM);
    const config = { tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, timeZone: "UTC", endpoints: { authorityUrl: graph.authorityUrl, graphBaseUrl: graph.graphBaseUrl } };
    id = (await createIntegration(database.db, { kind: "microsoft", name: "M365", config, secret: FAKE_CLIENT.secret }, "admin", { secretsKey })).id;
  });
  afterEach(() => {
    delete process.env.ROOMLENS_PUSH_URL;
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await getServerPushQueue().idle(id);
    await graph.close();
    await database.drop();
  });

  it("opens nothing without ROOMLENS_PUSH_URL", async () => {
    expect(await sync(START)).toMatchObject({ ok: true });
    expect(subscriptionCalls()).toEqual([]);
  });

  it("opens one validated subscription per room mailbox, whose clientState then opens the endpoint", async () => {
    process.env.ROOMLENS_PUSH_URL = `${PUSH_BASE}/`;
    expect(await sync(START)).toMatchObject({ ok: true });
    expect(graph.subscriptions()).toEqual([
      {
        id: "sub-1",
        resource: `users/${GRAPH_ROOM}/events`,
        changeType: "created,updated,deleted",
        notificationUrl: `${PUSH_BASE}/api/push/microsoft/${id}`,
        lifecycleNotificationUrl: `${PUSH_BASE}/api/push/microsoft/${id}`,
        clientState: microsoftClientState(secretsKey, id),
        expirationDateTime: expiryAfter(0),
      },
    ]);
    expect(await stored()).toEqual({ [GRAPH_ROOM]: { id: "sub-1", expiresAt: expiryAfter(0) } });
    const [subscription] = graph.subscriptions();
    const body = JSON.stringify({ value: [{ subscriptionId: subscription?.id, clientState: subscription?.clientState, changeType: "created", resource: subscription?.resource }] });
    expect(await deliver(subscription?.notificationUrl ?? "", { body })).toMatchObject({ status: 202 });
    // The sync it asked for (at the real time: the subscription is kept) ends before the next test.
    expect(getServerPushQueue().pending(id)).toBe(true);
    await getServerPushQueue().idle(id);
    expect(await stored()).toEqual({ [GRAPH_ROOM]: { id: "sub-1", expiresAt: expiryAfter(0) } });
  });

  it("keeps a subscription with time left, and renews one that is 36 hours or less from its end", async () => {
    process.env.ROOMLENS_PUSH_URL = PUSH_BASE;
    const before = subscriptionCalls().length;
    // 70 − 30 = 40 hours left: kept.
    expect(await sync(later(30))).toMatchObject({ ok: true });
    expect(subscriptionCalls().length).toBe(before);
    // 70 − 50 = 20 hours left: renewed to 50 + 70 hours.
    expect(await sync(later(50))).toMatchObject({ ok: true });
    expect(subscriptionCalls().slice(before)).toEqual(["PATCH /v1.0/subscriptions/sub-1"]);
    expect(await stored()).toEqual({ [GRAPH_ROOM]: { id: "sub-1", expiresAt: expiryAfter(50) } });
  });

  it("opens a new subscription when Graph no longer knows the stored one", async () => {
    process.env.ROOMLENS_PUSH_URL = PUSH_BASE;
    graph.dropSubscription("sub-1");
    const before = subscriptionCalls().length;
    expect(await sync(later(100))).toMatchObject({ ok: true });
    expect(subscriptionCalls().slice(before)).toEqual(["PATCH /v1.0/subscriptions/sub-1", "POST /v1.0/subscriptions"]);
    expect(await stored()).toEqual({ [GRAPH_ROOM]: { id: "sub-2", expiresAt: expiryAfter(100) } });
  });

  it("still syncs when Graph refuses the subscription, and says why without any secret", async () => {
    process.env.ROOMLENS_PUSH_URL = PUSH_BASE;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    graph.dropSubscription("sub-2");
    breakValidation = true;
    expect(await sync(later(200))).toMatchObject({ ok: true });
    breakValidation = false;
    expect(await stored()).toEqual({});
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines).toEqual([`integration ${id}: 1 change-notification subscriptions could not be opened (${GRAPH_ROOM}: Graph answered 400 ValidationError); polling continues`]);
    expect(lines.join("\n")).not.toContain(microsoftClientState(secretsKey, id));
  });
});

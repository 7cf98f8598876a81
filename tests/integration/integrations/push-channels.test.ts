import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bookings, integrations } from "@/db/schema";
import { createIntegration } from "@/lib/integrations/manage";
import { googleChannelToken } from "@/lib/integrations/push-secrets";
import { getServerPushQueue } from "@/lib/integrations/push-server";
import { syncIntegration } from "@/lib/integrations/run-sync";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";
import { startFakeGoogle } from "../../support/fake-google";

// Syncs open Google push channels; the fake's channel messages reach the real route handler.
const state = vi.hoisted(() => ({ database: undefined as unknown }));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
process.env.ROOMLENS_SECRETS_KEY = Buffer.alloc(32, 31).toString("base64");
process.env.ROOMLENS_PSEUDONYM_KEY = testKeys.current.secret;
process.env.ROOMLENS_FETCH_ALLOWLIST = "127.0.0.1";
const { POST } = await import("@/app/api/push/google/[integration]/route");

const secretsKey = loadSecretsKey({ ROOMLENS_SECRETS_KEY: process.env.ROOMLENS_SECRETS_KEY });
const PUSH_BASE = "https://roomlens.example.com";
const SUBJECT = "it-admin@example.com";
const ROOM = "c_orion@resource.calendar.google.com";
const HOUR = 3_600_000;
const START = new Date();
const later = (hours: number) => new Date(START.getTime() + hours * HOUR);
const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00Z`;
const event = (id: string, hour: number) => ({
  id,
  status: "confirmed",
  start: { dateTime: at(hour) },
  end: { dateTime: at(hour + 1) },
  attendees: [{ email: ROOM, resource: true, self: true, responseStatus: "accepted" }],
});

describe.each(databaseKinds())("Google push channels on %s", (kind) => {
  let database: TestDatabase;
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  let id = 0;
  const answered: number[] = [];
  const channelCalls = () => google.requests.filter((r) => r.url.pathname.endsWith("/watch") || r.url.pathname.endsWith("/channels/stop")).map((r) => r.url.pathname.split("/").at(-1));
  const stored = async () => (await database.db.select().from(integrations).where(eq(integrations.id, id)))[0]?.config.pushChannels;
  const sync = (now: Date) => syncIntegration(database, testKeys, id, undefined, { now, secretsKey, log: () => {} });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    state.database = database;
    google = await startFakeGoogle({
      subject: SUBJECT,
      deliver: async (address, headers) => {
        expect(address.startsWith(`${PUSH_BASE}/api/push/google/`)).toBe(true);
        const integration = address.split("/").at(-1) ?? "";
        const response = await POST(new Request(`http://localhost/api/push/google/${integration}`, { method: "POST", headers }), { params: Promise.resolve({ integration }) });
        answered.push(response.status);
        return { status: response.status };
      },
    });
    google.setResources([{ resourceId: "1", resourceName: "Orion", resourceEmail: ROOM, resourceCategory: "CONFERENCE_ROOM", capacity: 8 }]);
    google.addCalendar(ROOM);
    google.putEvent(ROOM, event("g1", 9));
    const config = { subject: SUBJECT, timeZone: "UTC", endpoints: { calendarBaseUrl: google.calendarBaseUrl, directoryBaseUrl: google.directoryBaseUrl } };
    id = (await createIntegration(database.db, { kind: "google", name: "Workspace", config, secret: google.keyFile() }, "admin", { secretsKey })).id;
  });
  afterEach(() => {
    delete process.env.ROOMLENS_PUSH_URL;
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await getServerPushQueue().idle(id);
    await google.close();
    await database.drop();
  });

  it("opens no channel without ROOMLENS_PUSH_URL", async () => {
    expect(await sync(START)).toMatchObject({ ok: true, report: { inserted: 1 } });
    expect(channelCalls()).toEqual([]);
  });

  it("opens one channel per room calendar, answers its sync message, and syncs on a change message", async () => {
    process.env.ROOMLENS_PUSH_URL = PUSH_BASE;
    expect(await sync(START)).toMatchObject({ ok: true });
    const [channel, ...others] = google.channels();
    expect(others).toEqual([]);
    expect(channel).toMatchObject({ calendarId: ROOM, address: `${PUSH_BASE}/api/push/google/${id}`, stopped: false });
    expect(channel?.id).toMatch(new RegExp(`^roomlens-${id}-[0-9a-f-]{36}$`));
    expect(channel?.token).toBe(googleChannelToken(secretsKey, id, channel?.id ?? ""));
    expect(await stored()).toEqual({ [ROOM]: { id: channel?.id, resourceId: `res-${ROOM}`, expiresAt: new Date(Number(channel?.expiration)).toISOString() } });
    // The `sync` message Google sends when a channel opens: 200, and nothing to sync.
    expect(answered).toEqual([200]);
    expect(getServerPushQueue().pending(id)).toBe(false);

    google.putEvent(ROOM, event("g2", 13));
    expect(await google.announceChange(ROOM)).toEqual([200]);
    expect(getServerPushQueue().pending(id)).toBe(true);
    await getServerPushQueue().idle(id);
    // g1 from the first sync + g2 from the one the message asked for = 2
    expect(await database.db.select().from(bookings).where(eq(bookings.integrationId, id))).toHaveLength(2);
    expect(google.requests.filter((r) => r.url.pathname.endsWith("/events")).at(-1)?.url.searchParams.has("syncToken")).toBe(true);
  });

  it("keeps a channel with time left, and replaces one 36 hours or less from its end, stopping the old one", async () => {
    process.env.ROOMLENS_PUSH_URL = PUSH_BASE;
    const before = channelCalls().length;
    // Google grants a week (168 h): 168 − 24 = 144 hours left, kept.
    expect(await sync(later(24))).toMatchObject({ ok: true });
    expect(channelCalls().length).toBe(before);
    // 168 − 150 = 18 hours left: a new channel, then the old one stopped.
    expect(await sync(later(150))).toMatchObject({ ok: true });
    expect(channelCalls().slice(before)).toEqual(["watch", "stop"]);
    const [first, second] = google.channels();
    expect([first?.stopped, second?.stopped]).toEqual([true, false]);
    expect(await stored()).toEqual({ [ROOM]: { id: second?.id, resourceId: `res-${ROOM}`, expiresAt: new Date(Number(second?.expiration)).toISOString() } });
  });

  it("still syncs when Google refuses the channel, and says why without the token", async () => {
    process.env.ROOMLENS_PUSH_URL = "http://roomlens.example.com";
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const kept = await stored();
    expect(await sync(later(400))).toMatchObject({ ok: true });
    // The refused replacement leaves the stored channel for the next sync to retry.
    expect(await stored()).toEqual(kept);
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines).toEqual([`integration ${id}: 1 push channels could not be opened (${ROOM}: Google answered 400 push.webhookUrlNotHttps); polling continues`]);
  });
});

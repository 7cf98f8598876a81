import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, integrations, rooms } from "@/db/schema";
import { hashSourceKey, ingest } from "@/lib/ingest/pipeline";
import {
  createIntegration,
  getIntegration,
  IntegrationInputError,
  listIntegrations,
  removeIntegration,
  rotateWebhookSecret,
  setEnabled,
  updateIntegration,
} from "@/lib/integrations/manage";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { readSecret } from "@/lib/integrations/sources";
import { arrayConnector, rawBooking } from "../../support/array-connector";
import { dumpAllTables } from "../../support/cli-env";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

const secretsKey = loadSecretsKey({ ROOMLENS_SECRETS_KEY: Buffer.alloc(32, 3).toString("base64") });
const options = { secretsKey };
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const SERVICE_ACCOUNT = JSON.stringify({
  type: "service_account",
  private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  client_email: "sync@project.iam.gserviceaccount.com",
});
const CLIENT_SECRET = "graph-client-secret-Very~Secret";
const FEED_TOKEN = "feedtoken0123456789";
// Google's "secret address": the token is in the path, not the query.
const PATH_TOKEN = "private-5f2c91e81a0b4c7d";
const GOOGLE_ICS = `https://calendar.google.com/calendar/ical/c_lyra%40resource.calendar.google.com/${PATH_TOKEN}/basic.ics`;

describe.each(databaseKinds())("managing integrations on %s", (kind) => {
  let database: TestDatabase;
  const audits = async () => (await database.db.select().from(auditLog).orderBy(auditLog.id)).filter((a) => a.action.startsWith("integration."));
  const stored = async (id: number) => (await database.db.select().from(integrations).where(eq(integrations.id, id)))[0];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values({ name: "Orion" });
  });
  afterAll(() => database.drop());

  it("adds one of each kind; secrets are stored only encrypted, and a webhook's generated secret is returned once", async () => {
    const ics = await createIntegration(database.db, { kind: "ics", name: "HQ feed", config: { url: `https://cal.example.com/rooms/orion.ics?token=${FEED_TOKEN}`, room: "Orion" }, syncIntervalMinutes: "60" }, "admin", options);
    const google = await createIntegration(database.db, { kind: "google", name: "Workspace", config: { subject: "admin@example.com" }, secret: SERVICE_ACCOUNT }, "admin", options);
    const microsoft = await createIntegration(database.db, { kind: "microsoft", name: "M365", config: { tenantId: "t-1", clientId: "c-1" }, secret: CLIENT_SECRET }, "admin", options);
    const webhook = await createIntegration(database.db, { kind: "webhook", name: "Booking tool", config: {} }, "admin", options);
    const csv = await createIntegration(database.db, { kind: "csv", name: "Teem export", config: { url: "https://teem.example.com/export.csv", mapping: { room: "Room Name" } } }, "admin", options);
    const lyra = await createIntegration(database.db, { kind: "ics", name: "Lyra", config: { url: GOOGLE_ICS } }, "admin", options);
    expect([ics.generatedSecret, google.generatedSecret, microsoft.generatedSecret, csv.generatedSecret]).toEqual([null, null, null, null]);
    expect(webhook.generatedSecret).toMatch(/^whsec_/);

    const dump = await dumpAllTables(database);
    for (const secret of [FEED_TOKEN, PATH_TOKEN, "PRIVATE KEY", CLIENT_SECRET, webhook.generatedSecret ?? "?"]) expect(dump).not.toContain(secret);
    // Feed URLs are secrets (tokens hide in queries and paths): only host and file name stay in clear.
    expect((await stored(ics.id))?.config).toEqual({ source: "https://cal.example.com/…/orion.ics", url: "https://cal.example.com/…/orion.ics", room: "Orion" });
    expect((await stored(lyra.id))?.config.url).toBe("https://calendar.google.com/…/basic.ics");
    expect(readSecret((await stored(lyra.id))!, secretsKey)).toBe(GOOGLE_ICS);
    expect(readSecret((await stored(csv.id))!, secretsKey)).toBe("https://teem.example.com/export.csv");
    // Decrypted only where a sync needs it.
    expect(readSecret((await stored(microsoft.id))!, secretsKey)).toBe(CLIENT_SECRET);
    expect(readSecret((await stored(ics.id))!, secretsKey)).toBe(`https://cal.example.com/rooms/orion.ics?token=${FEED_TOKEN}`);
    expect(readSecret((await stored(webhook.id))!, secretsKey)).toBe(webhook.generatedSecret);
  });

  it("lists integrations without secrets: whether one is set, the schedule, what can be synced", async () => {
    const list = await listIntegrations(database.db);
    expect(JSON.stringify(list)).not.toMatch(/secretEncrypted|v1:|whsec_|PRIVATE KEY|feedtoken|private-/);
    const byName = Object.fromEntries(list.map((i) => [i.name, i]));
    expect(byName["HQ feed"]).toMatchObject({ kind: "ics", hasSecret: true, syncable: true, syncIntervalMinutes: 60, nextSyncAt: new Date(0), lastStatus: null, settings: { kind: "ics", url: "https://cal.example.com/…/orion.ics", room: "Orion" } });
    expect(byName["Booking tool"]).toMatchObject({ kind: "webhook", hasSecret: true, syncable: false, webhookPath: `/api/ingest/${byName["Booking tool"]?.id}`, nextSyncAt: null });
    expect(byName["Teem export"]).toMatchObject({ hasSecret: true, settings: { mapping: { room: "Room Name" } } });
    expect(byName.M365).toMatchObject({ source: "microsoft:t-1", hasSecret: true });
  });

  it("refuses invalid input with the fields named, and a name already taken (case-insensitively)", async () => {
    const refused = (input: Parameters<typeof createIntegration>[1]) => createIntegration(database.db, input, "admin", options).catch((e: unknown) => e);
    const badUrl = await refused({ kind: "ics", name: "x", config: { url: "ftp://example.com/a.ics" } });
    expect(badUrl).toBeInstanceOf(IntegrationInputError);
    expect((badUrl as IntegrationInputError).issues).toEqual([{ path: "config.url", message: "must be an http:// or https:// address" }]);
    expect(((await refused({ kind: "google", name: "g2", config: { subject: "admin@example.com" } })) as IntegrationInputError).issues).toEqual([{ path: "secret", message: "the service account's JSON key is required" }]);
    expect(await refused({ kind: "google", name: "g3", config: { subject: "admin@example.com" }, secret: "{}" })).toMatchObject({ issues: [{ path: "secret" }] });
    expect(await refused({ kind: "microsoft", name: "m2", config: { tenantId: "t", clientId: "c", extra: 1 }, secret: "s" })).toMatchObject({ issues: [{ path: "config" }] });
    expect(await refused({ kind: "ics", name: "hq FEED", config: { url: "https://a.example/x.ics" } })).toMatchObject({ issues: [{ path: "name", message: expect.stringMatching(/already exists/) }] });
    expect(await refused({ kind: "ics", name: "y", config: { url: "https://a.example/x.ics" }, syncIntervalMinutes: 2 })).toMatchObject({ issues: [{ path: "syncIntervalMinutes" }] });
    expect(await refused({ kind: "ics", name: "z", config: { url: "https://a.example/x.ics", timeZone: "Mars/Olympus" } })).toMatchObject({ issues: [{ path: "config.timeZone" }] });
  });

  it("updates settings, secret and schedule; new settings restart the sync and a new URL replaces the token", async () => {
    const [feed] = (await listIntegrations(database.db)).filter((i) => i.name === "HQ feed");
    const id = feed?.id ?? 0;
    await database.db.update(integrations).set({ cursor: { etag: '"v1"' } }).where(eq(integrations.id, id));
    await updateIntegration(database.db, id, { syncIntervalMinutes: "" }, "admin", options);
    expect(await stored(id)).toMatchObject({ syncIntervalMinutes: null, cursor: { etag: '"v1"' } });
    // Settings without a URL keep the stored one (the form cannot show it).
    await updateIntegration(database.db, id, { config: { room: "Orion", timeZone: "Europe/London" } }, "admin", options);
    expect(await stored(id)).toMatchObject({ cursor: null, config: { url: "https://cal.example.com/…/orion.ics", timeZone: "Europe/London" } });
    expect(readSecret((await stored(id))!, secretsKey)).toBe(`https://cal.example.com/rooms/orion.ics?token=${FEED_TOKEN}`);
    await updateIntegration(database.db, id, { name: "HQ feed (new)", config: { url: "https://cal.example.com/rooms/orion-v2.ics" } }, "admin", options);
    expect(await stored(id)).toMatchObject({ name: "HQ feed (new)", config: { url: "https://cal.example.com/…/orion-v2.ics" } });
    expect(readSecret((await stored(id))!, secretsKey)).toBe("https://cal.example.com/rooms/orion-v2.ics");
    await expect(updateIntegration(database.db, id, { secret: "x" }, "admin", options)).rejects.toThrow(/part of its URL/);

    const m365 = (await listIntegrations(database.db)).find((i) => i.name === "M365");
    await updateIntegration(database.db, m365?.id ?? 0, { secret: "rotated-secret" }, "admin", options);
    expect(readSecret((await stored(m365?.id ?? 0))!, secretsKey)).toBe("rotated-secret");
    await expect(updateIntegration(database.db, 99_999, { name: "x" }, "admin", options)).rejects.toThrow(/no integration with id 99999/);
  });

  it("keeps the state of open push subscriptions when an admin edits the settings", async () => {
    const m365 = (await listIntegrations(database.db)).find((i) => i.name === "M365");
    const id = m365?.id ?? 0;
    const subscriptions = { "orion@rooms.example.com": { id: "sub-1", expiresAt: "2026-12-01T00:00:00.000Z" } };
    const current = (await stored(id))!;
    await database.db.update(integrations).set({ config: { ...current.config, pushSubscriptions: subscriptions } }).where(eq(integrations.id, id));
    await updateIntegration(database.db, id, { config: { tenantId: "tenant-2", clientId: "client-2" } }, "admin", options);
    expect((await stored(id))?.config).toMatchObject({ tenantId: "tenant-2", pushSubscriptions: subscriptions });
  });

  it("rotates a webhook secret, returned once", async () => {
    const hook = (await listIntegrations(database.db)).find((i) => i.kind === "webhook");
    const before = readSecret((await stored(hook?.id ?? 0))!, secretsKey);
    const rotated = await rotateWebhookSecret(database.db, hook?.id ?? 0, "admin", options);
    expect(rotated).not.toBe(before);
    expect(readSecret((await stored(hook?.id ?? 0))!, secretsKey)).toBe(rotated);
  });

  it("pauses and resumes, audited by id and kind only", async () => {
    const hook = (await listIntegrations(database.db)).find((i) => i.kind === "webhook");
    await setEnabled(database.db, hook?.id ?? 0, false, "admin");
    await setEnabled(database.db, hook?.id ?? 0, false, "admin");
    expect((await getIntegration(database.db, hook?.id ?? 0)).enabled).toBe(false);
    await setEnabled(database.db, hook?.id ?? 0, true, "admin");
    const log = await audits();
    expect(log.map((a) => a.action)).toEqual([
      ...Array<string>(6).fill("integration.created"),
      // Four from the settings test, one from the push-state test, one from the webhook rotation.
      ...Array<string>(6).fill("integration.updated"),
      "integration.paused",
      "integration.resumed",
    ]);
    for (const entry of log) expect(Object.keys(entry.details).sort()).toEqual(["integrationId", "kind"]);
    expect(JSON.stringify(log)).not.toMatch(/example\.com|Booking tool|HQ feed|google\.com/);
  });

  it("removes an integration with its bookings and runs in one transaction, leaving the others' bookings", async () => {
    const hook = (await listIntegrations(database.db)).find((i) => i.kind === "webhook");
    const other = (await listIntegrations(database.db)).find((i) => i.name === "Teem export");
    const source = (name: string, key: string) => ({ kind: "csv" as const, name, config: { source: name }, coverage: "none" as const, connector: arrayConnector([rawBooking("Orion", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", { sourceKey: key })]) });
    const ingestOptions = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };
    await ingest(database, { ...source("Booking tool", "w1"), kind: "webhook" }, ingestOptions);
    await ingest(database, source("Teem export", "t1"), ingestOptions);
    expect(await removeIntegration(database.db, hook?.id ?? 0, "admin")).toEqual({ deletedBookings: 1 });
    const left = await database.db.select().from(bookings);
    expect(left.map((b) => [b.integrationId, b.externalKey])).toEqual([[other?.id, hashSourceKey("t1")]]);
    expect(await stored(hook?.id ?? 0)).toBeUndefined();
    expect((await audits()).at(-1)).toMatchObject({ action: "integration.removed", actor: "admin", details: { integrationId: hook?.id, kind: "webhook", deletedBookings: 1 } });
  });
});

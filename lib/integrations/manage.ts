import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { integrationKinds, integrations, type Integration, type IntegrationKind } from "@/db/schema";
import { pruneOrganizers, refreshTouchedRollups, writeAndTouch } from "@/lib/analytics/rollup-refresh";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { parseServiceAccountKey } from "@/lib/ingest/google";
import { parseSettings, toStoredConfig, type IntegrationSettings } from "./config";
import { IntegrationInputError, IntegrationNotFoundError } from "./errors";
import { encryptSecret, generateWebhookSecret, loadSecretsKey, secretContext, type SecretsKey } from "./secrets";

export { getIntegration, listIntegrations, listSyncRuns, type IntegrationSummary, type SyncRunSummary } from "./queries";
export { IntegrationInputError, IntegrationNotFoundError } from "./errors";

/** Form values arrive as strings; "" means "no schedule". */
const interval = z.preprocess(
  (value) => (value === "" ? null : value),
  z.coerce.number().int().min(5, "sync at most every 5 minutes").max(10_080, "sync at least once a week").nullable(),
);
const name = z.string().trim().min(1, "give it a name").max(100);
const secret = z.string().min(1).max(100_000);

const createInput = z.object({
  kind: z.enum(integrationKinds),
  name,
  config: z.unknown(),
  secret: secret.optional(),
  syncIntervalMinutes: interval.optional(),
});

const updateInput = z.object({
  name: name.optional(),
  config: z.unknown().optional(),
  secret: secret.optional(),
  syncIntervalMinutes: interval.optional(),
});

export type CreateIntegrationInput = z.input<typeof createInput>;
export type UpdateIntegrationInput = z.input<typeof updateInput>;
/** Tests pass the key; otherwise it comes from ROOMLENS_SECRETS_KEY or the data dir. */
export type ManageOptions = { secretsKey?: SecretsKey };

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new IntegrationInputError(parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
}

const invalidSecret = (message: string) => new IntegrationInputError([{ path: "secret", message }]);

/** Refuses a secret of the wrong shape before it is encrypted, where the admin can still correct it. */
function checkSecret(kind: IntegrationKind, value: string): void {
  if (kind === "ics" || kind === "csv") throw invalidSecret("a feed's token is part of its URL: change the URL instead");
  if (kind === "webhook" && value.length < 24) throw invalidSecret("use at least 24 characters");
  if (kind === "google") {
    try {
      parseServiceAccountKey(value);
    } catch (error) {
      throw invalidSecret(error instanceof Error ? error.message : "not a service-account key");
    }
  }
}

/**
 * The secret to store with new settings: a feed URL's token part (null: none); else the one the
 * admin gave; for a new webhook without one, a generated one. `undefined`: keep what is stored.
 */
function secretFor(settings: IntegrationSettings, given: string | undefined, creating: boolean): { value: string | null | undefined; generated: boolean } {
  if (settings.kind === "ics" || settings.kind === "csv") {
    if (given !== undefined) checkSecret(settings.kind, given);
    return { value: settings.url, generated: false };
  }
  if (given !== undefined) {
    checkSecret(settings.kind, given);
    return { value: given, generated: false };
  }
  if (!creating) return { value: undefined, generated: false };
  if (settings.kind === "google") throw invalidSecret("the service account's JSON key is required");
  if (settings.kind === "microsoft") throw invalidSecret("the app's client secret is required");
  return { value: generateWebhookSecret(), generated: true };
}

function settingsFrom(kind: IntegrationKind, config: unknown): IntegrationSettings {
  try {
    return parseSettings(kind, config);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    throw new IntegrationInputError(error.issues.slice(0, 10).map((i) => ({ path: ["config", ...i.path.map(String)].join("."), message: i.message })));
  }
}

/** The stored feed URL to keep when new feed settings leave `url` out; null when they bring one. */
function keptFeedUrl(current: Integration, config: unknown): string | null {
  if (current.kind !== "ics" && current.kind !== "csv") return null;
  if (typeof config !== "object" || config === null || "url" in config) return null;
  const url = current.config.url ?? current.config.source;
  return typeof url === "string" ? url : null;
}

async function nameTaken(db: Db, wanted: string, except: number | null): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`SELECT id FROM integrations WHERE lower(name) = lower(${wanted})`);
  return rows.some((row) => row.id !== except);
}

const nameInUse = (wanted: string) => new IntegrationInputError([{ path: "name", message: `an integration named "${wanted}" already exists` }]);

export type CreatedIntegration = {
  id: number;
  /** A generated webhook secret, returned this once and never again; null otherwise. */
  generatedSecret: string | null;
};

/** Adds an integration; its secret is encrypted before it is written. Audited by id and kind only. */
export async function createIntegration(db: Db, input: CreateIntegrationInput, actor: string, options: ManageOptions = {}): Promise<CreatedIntegration> {
  const data = parse(createInput, input);
  const settings = settingsFrom(data.kind, data.config);
  const chosen = secretFor(settings, data.secret, true);
  const key = chosen.value ? (options.secretsKey ?? loadSecretsKey()) : null;
  return db.transaction(async (tx) => {
    if (await nameTaken(tx, data.name, null)) throw nameInUse(data.name);
    const [row] = await tx
      .insert(integrations)
      .values({ kind: data.kind, name: data.name, config: toStoredConfig(settings), syncIntervalMinutes: data.syncIntervalMinutes ?? null })
      .returning({ id: integrations.id });
    if (!row) throw new Error("integration insert returned no row");
    // The id is part of the ciphertext's authenticated context, so the secret is written once the row exists.
    if (key && chosen.value) await tx.update(integrations).set({ secretEncrypted: encryptSecret(key, chosen.value, secretContext(row.id)) }).where(eq(integrations.id, row.id));
    await recordAudit(tx, actor, "integration.created", { integrationId: row.id, kind: data.kind });
    return { id: row.id, generatedSecret: chosen.generated ? (chosen.value ?? null) : null };
  });
}

async function lockIntegration(db: Db, id: number): Promise<Integration> {
  const [row] = await db.select().from(integrations).where(eq(integrations.id, id)).for("update");
  if (!row) throw new IntegrationNotFoundError(id);
  return row;
}

/**
 * Changes name, settings, secret or schedule; the kind never changes. New settings restart the sync
 * from scratch (the old cursor belongs to the old feed, tenant or account); a new feed URL replaces
 * the stored token part with its own.
 */
export async function updateIntegration(db: Db, id: number, input: UpdateIntegrationInput, actor: string, options: ManageOptions = {}): Promise<void> {
  const data = parse(updateInput, input);
  await db.transaction(async (tx) => {
    const current = await lockIntegration(tx, id);
    const changes: Partial<typeof integrations.$inferInsert> = {};
    if (data.name !== undefined && data.name !== current.name) {
      if (await nameTaken(tx, data.name, id)) throw nameInUse(data.name);
      changes.name = data.name;
    }
    if (data.syncIntervalMinutes !== undefined) changes.syncIntervalMinutes = data.syncIntervalMinutes;
    let secretValue: string | null | undefined;
    if (data.config !== undefined) {
      // A feed's URL is a secret the form cannot show: settings sent without one keep the stored URL.
      const storedUrl = keptFeedUrl(current, data.config);
      const settings = settingsFrom(current.kind, storedUrl === null ? data.config : { ...(data.config as object), url: storedUrl });
      // Open push channels/subscriptions (push-channels.ts, push-subscriptions.ts) outlive a settings
      // edit: dropping their state would leave them notifying until they expire while new ones open.
      const { pushChannels, pushSubscriptions } = current.config;
      changes.config = { ...toStoredConfig(settings), ...(pushChannels ? { pushChannels } : {}), ...(pushSubscriptions ? { pushSubscriptions } : {}) };
      changes.cursor = null;
      // An `import <url>` row has its URL only in clear: it moves into the secret now.
      secretValue = storedUrl === null ? secretFor(settings, data.secret, false).value : current.secretEncrypted === null ? storedUrl : undefined;
    } else if (data.secret !== undefined) {
      checkSecret(current.kind, data.secret);
      secretValue = data.secret;
    }
    if (secretValue !== undefined) {
      changes.secretEncrypted = secretValue === null ? null : encryptSecret(options.secretsKey ?? loadSecretsKey(), secretValue, secretContext(id));
    }
    if (Object.keys(changes).length === 0) return;
    await tx.update(integrations).set(changes).where(eq(integrations.id, id));
    await recordAudit(tx, actor, "integration.updated", { integrationId: id, kind: current.kind });
  });
}

/** A new webhook signing secret, returned this once; the old one stops working at once. */
export async function rotateWebhookSecret(db: Db, id: number, actor: string, options: ManageOptions = {}): Promise<string> {
  return db.transaction(async (tx) => {
    const current = await lockIntegration(tx, id);
    if (current.kind !== "webhook") throw new UserError("only a webhook's secret can be generated; enter other secrets in the form");
    const value = generateWebhookSecret();
    await tx.update(integrations).set({ secretEncrypted: encryptSecret(options.secretsKey ?? loadSecretsKey(), value, secretContext(id)) }).where(eq(integrations.id, id));
    await recordAudit(tx, actor, "integration.updated", { integrationId: id, kind: current.kind });
    return value;
  });
}

/** Pauses (no scheduled or bulk syncs, webhook pushes refused) or resumes an integration. */
export async function setEnabled(db: Db, id: number, enabled: boolean, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockIntegration(tx, id);
    if (current.enabled === enabled) return;
    await tx.update(integrations).set({ enabled }).where(eq(integrations.id, id));
    await recordAudit(tx, actor, enabled ? "integration.resumed" : "integration.paused", { integrationId: id, kind: current.kind });
  });
}

/** Removes an integration with every booking and run it brought, in one transaction. */
export async function removeIntegration(db: Db, id: number, actor: string): Promise<{ deletedBookings: number }> {
  return db.transaction(async (tx) => {
    const current = await lockIntegration(tx, id);
    const deletedBookings = await writeAndTouch(
      tx,
      sql`DELETE FROM bookings WHERE integration_id = ${id} RETURNING room_id, starts_at, ends_at`,
    );
    await tx.delete(integrations).where(eq(integrations.id, id));
    // The dashboards' rollups of those days, and organizer ids no booking carries any more.
    await refreshTouchedRollups(tx);
    await pruneOrganizers(tx);
    await recordAudit(tx, actor, "integration.removed", { integrationId: id, kind: current.kind, deletedBookings });
    return { deletedBookings };
  });
}

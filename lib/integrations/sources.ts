import type { Database } from "@/db/client";
import type { Integration } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { defaultTimeZone } from "@/lib/context";
import { syncRoomDirectory } from "@/lib/ingest/directory-sync";
import { createGoogleApi, googleSource, listGoogleRooms, parseServiceAccountKey, type GoogleApi } from "@/lib/ingest/google";
import { createGraphApi, listMicrosoftRooms, microsoftSource, type GraphApi } from "@/lib/ingest/microsoft";
import type { IngestSource } from "@/lib/ingest/pipeline";
import { readStoredSettings, type IntegrationSettings, type SettingsOf } from "./config";
import { openFeedSubscription } from "./feed-source";
import { assertFetchAllowed, fetchPolicy, type FetchPolicy } from "./fetch-guard";
import { keepGoogleChannels } from "./push-channels";
import { keepGraphSubscriptions } from "./push-subscriptions";
import { decryptSecret, loadSecretsKey, secretContext, type SecretsKey } from "./secrets";

/** An ingest source ready to run, with what the pipeline needs besides it. */
export type PreparedSource = {
  source: IngestSource;
  timeZone: string;
  defaultRoom: string | null;
  /** A feed that answered 304 Not Modified. */
  notModified: boolean;
  /** Releases what the source holds (an unread response, a spooled feed body); called after every sync. */
  dispose(): void;
};

export type SourceEnvironment = { now: Date; policy?: FetchPolicy; secretsKey?: SecretsKey };

/** True for the kinds and rows a sync can pull from (a webhook is pushed to; a file import has no URL). */
export function isPullable(integration: Pick<Integration, "kind" | "config">): boolean {
  if (integration.kind === "webhook") return false;
  return !("problem" in readStoredSettings(integration.kind, integration.config));
}

/** The stored settings, or a UserError saying what to fix. */
export function settingsOf(integration: Integration): IntegrationSettings {
  const settings = readStoredSettings(integration.kind, integration.config);
  if ("problem" in settings) throw new UserError(`integration "${integration.name}" cannot be synced: ${settings.problem}`);
  return settings;
}

/** The integration's decrypted secret, or null when it has none. Never logged, never returned to a caller outside lib/integrations. */
export function readSecret(integration: Pick<Integration, "id" | "secretEncrypted">, key?: SecretsKey): string | null {
  if (integration.secretEncrypted === null) return null;
  return decryptSecret(key ?? loadSecretsKey(), integration.secretEncrypted, secretContext(integration.id));
}

function requireSecret(integration: Integration, what: string, key?: SecretsKey): string {
  const secret = readSecret(integration, key);
  if (secret === null) throw new UserError(`integration "${integration.name}" has no ${what}; edit it and enter one`);
  return secret;
}

/** Endpoint overrides are admin-typed addresses too: they pass the same guard as feed URLs. */
async function checkEndpoints(endpoints: Record<string, string | undefined> | undefined, policy = fetchPolicy()): Promise<void> {
  for (const [name, url] of Object.entries(endpoints ?? {})) {
    if (url !== undefined) await assertFetchAllowed(new URL(url), `endpoint ${name}`, policy);
  }
}

/** A Google API client for these settings and service-account key (JSON). */
export async function connectGoogle(settings: SettingsOf<"google">, keyFile: string, policy?: FetchPolicy): Promise<GoogleApi> {
  const key = parseServiceAccountKey(keyFile);
  // The key file names its token endpoint; from an admin's upload, it is checked like any typed address.
  await checkEndpoints({ ...settings.endpoints, keyTokenUri: settings.endpoints?.tokenUrl ? undefined : (key.tokenUri ?? undefined) }, policy);
  return createGoogleApi({ key, subject: settings.subject, customer: settings.customer, ...settings.endpoints });
}

/** A Microsoft Graph client for these settings and client secret. */
export async function connectMicrosoft(settings: SettingsOf<"microsoft">, clientSecret: string, policy?: FetchPolicy): Promise<GraphApi> {
  await checkEndpoints(settings.endpoints, policy);
  return createGraphApi({ tenantId: settings.tenantId, clientId: settings.clientId, clientSecret, ...settings.endpoints });
}

/**
 * Builds the ingest source of a stored integration. Google and Microsoft first merge their room
 * list into the room directory (so every room calendar resolves to a room), then sync each room's
 * calendar from the cursor the pipeline hands over.
 */
export async function prepareSource(database: Database, integration: Integration, env: SourceEnvironment): Promise<PreparedSource> {
  const settings = settingsOf(integration);
  const timeZone = ("timeZone" in settings ? settings.timeZone : undefined) ?? defaultTimeZone();
  const ready = (source: IngestSource, defaultRoom: string | null = null) => ({ source, timeZone, defaultRoom, notModified: false, dispose: () => {} });
  const base = { name: integration.name, config: integration.config };
  switch (settings.kind) {
    case "ics":
    case "csv": {
      const url = readSecret(integration, env.secretsKey) ?? settings.url;
      const feed = await openFeedSubscription({
        ...base,
        kind: settings.kind,
        url,
        label: settings.url,
        cursor: integration.cursor,
        mapping: settings.kind === "csv" ? settings.mapping : undefined,
        now: env.now,
        policy: env.policy,
      });
      return { ...feed, timeZone, defaultRoom: settings.room ?? null };
    }
    case "google": {
      const api = await connectGoogle(settings, requireSecret(integration, "service-account key", env.secretsKey), env.policy);
      const rooms = await listGoogleRooms(api);
      await syncRoomDirectory(database.db, rooms, { timeZone, actor: "system", source: "google" });
      // With a public address, push channels tell this server of changes between polls.
      const pushUrl = process.env.ROOMLENS_PUSH_URL?.trim();
      const config = pushUrl ? (await keepGoogleChannels(database, integration, api, rooms, { pushUrl, key: env.secretsKey ?? loadSecretsKey(), now: env.now })).config : base.config;
      return ready(googleSource({ ...base, config, api, rooms }));
    }
    case "microsoft": {
      const api = await connectMicrosoft(settings, requireSecret(integration, "client secret", env.secretsKey), env.policy);
      const rooms = await listMicrosoftRooms(api);
      await syncRoomDirectory(database.db, rooms, { timeZone, actor: "system", source: "microsoft" });
      // With a public address, change notifications tell this server of changes between polls.
      const pushUrl = process.env.ROOMLENS_PUSH_URL?.trim();
      const config = pushUrl ? (await keepGraphSubscriptions(database, integration, api, rooms, { pushUrl, key: env.secretsKey ?? loadSecretsKey(), now: env.now })).config : base.config;
      return ready(microsoftSource({ ...base, config, api, rooms }));
    }
    case "webhook":
      throw new UserError(`integration "${integration.name}" is a webhook: bookings are pushed to it, there is nothing to pull`);
  }
}

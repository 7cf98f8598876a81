import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { integrations, type Integration, type IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "@/lib/ingest/directory-sync";
import { graphErrorCode, type GraphApi } from "@/lib/ingest/microsoft-http";
import { microsoftClientState } from "./push-secrets";
import type { SecretsKey } from "./secrets";

/**
 * Microsoft Graph change-notification subscriptions, one per room mailbox, opened and renewed by the
 * integration's syncs when ROOMLENS_PUSH_URL (this server's public https address) is set. Graph ends
 * a subscription on its `expirationDateTime`; the one it returns is stored in the integration's
 * config (no secret in it: the clientState is derived, never stored). Subscriptions are a speed-up
 * only: any failure here is logged and the sync goes on; polling stays the safety net.
 */

/** Under Graph's limit for event subscriptions (4,230 minutes), so no tenant refuses it. */
const LIFETIME_MS = 4_200 * 60_000;
/** Renewed once less than this is left: a daily or more frequent schedule never lets one lapse. */
const RENEW_WITHIN_MS = 36 * 3_600_000;
const STATE_KEY = "pushSubscriptions";

type Subscription = { id: string; expiresAt: string };
const storedState = z.record(z.string(), z.object({ id: z.string(), expiresAt: z.string() }));
const graphSubscription = z.object({ id: z.string().min(1), expirationDateTime: z.string() });

export type SubscriptionReport = { created: number; renewed: number; kept: number; failed: string[] };
/** The report, and the integration's config with the subscriptions as they now are. */
export type SubscriptionResult = { report: SubscriptionReport; config: IntegrationConfig };

export type SubscriptionOptions = { pushUrl: string; key: SecretsKey; now: Date; log?: (line: string) => void };

export async function keepGraphSubscriptions(
  database: Database,
  integration: Pick<Integration, "id" | "config">,
  api: GraphApi,
  rooms: readonly DirectoryRoom[],
  options: SubscriptionOptions,
): Promise<SubscriptionResult> {
  const parsed = storedState.safeParse(integration.config[STATE_KEY] ?? {});
  const previous: Record<string, Subscription> = parsed.success ? parsed.data : {};
  const next: Record<string, Subscription> = {};
  const report: SubscriptionReport = { created: 0, renewed: 0, kept: 0, failed: [] };
  const notificationUrl = `${options.pushUrl.replace(/\/+$/, "")}/api/push/microsoft/${integration.id}`;
  const expiration = new Date(options.now.getTime() + LIFETIME_MS).toISOString();

  for (const room of rooms) {
    const mailbox = room.email.toLowerCase();
    try {
      await keepOne(mailbox, previous[mailbox]);
    } catch (error) {
      // Throttled past the retries, or Graph unreachable: this mailbox waits for the next sync.
      report.failed.push(`${mailbox}: ${error instanceof Error ? error.name : "error"}`);
    }
  }

  async function keepOne(mailbox: string, current: Subscription | undefined): Promise<void> {
    if (current && Date.parse(current.expiresAt) - options.now.getTime() > RENEW_WITHIN_MS) {
      next[mailbox] = current;
      report.kept += 1;
      return;
    }
    if (current) {
      const renewed = await api.write("PATCH", new URL(`${api.graphBaseUrl}/subscriptions/${encodeURIComponent(current.id)}`), { expirationDateTime: expiration });
      const body = graphSubscription.safeParse(renewed.body);
      if (renewed.status === 200 && body.success) {
        next[mailbox] = { id: body.data.id, expiresAt: body.data.expirationDateTime };
        report.renewed += 1;
        return;
      }
      // Gone (expired or removed at Graph's end): open a new one below.
    }
    const created = await api.write("POST", new URL(`${api.graphBaseUrl}/subscriptions`), {
      changeType: "created,updated,deleted",
      notificationUrl,
      lifecycleNotificationUrl: notificationUrl,
      resource: `users/${mailbox}/events`,
      expirationDateTime: expiration,
      clientState: microsoftClientState(options.key, integration.id),
    });
    const body = graphSubscription.safeParse(created.body);
    if (created.status === 201 && body.success) {
      next[mailbox] = { id: body.data.id, expiresAt: body.data.expirationDateTime };
      report.created += 1;
    } else {
      report.failed.push(`${mailbox}: Graph answered ${created.status} ${graphErrorCode(created.body)}`.trim());
    }
  }

  if (report.created + report.renewed > 0 || Object.keys(previous).length !== Object.keys(next).length) {
    // Saved at once, so a sync that fails later still knows its subscriptions; only this key is written.
    // The sync then stores the returned config too (the pipeline writes the config it was given).
    await storePushState(database, integration.id, STATE_KEY, next);
  }
  if (report.failed.length > 0) {
    // Mailbox addresses are rooms, not people; Graph's error code says what to fix (e.g. a notification URL it cannot reach).
    (options.log ?? console.error)(`integration ${integration.id}: ${report.failed.length} change-notification subscriptions could not be opened (${report.failed.slice(0, 3).join("; ")}); polling continues`);
  }
  return { report, config: { ...integration.config, [STATE_KEY]: next } };
}

/** Writes one key of an integration's config, leaving the others as they are in the row. */
export async function storePushState(database: Database, integrationId: number, key: string, value: unknown): Promise<void> {
  await database.db
    .update(integrations)
    .set({ config: sql`jsonb_set(${integrations.config}, ${`{${key}}`}::text[], ${JSON.stringify(value)}::jsonb)` })
    .where(eq(integrations.id, integrationId));
}

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { Integration, IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "@/lib/ingest/directory-sync";
import { googleErrorReason, type GoogleApi } from "@/lib/ingest/google-http";
import { googleChannelToken } from "./push-secrets";
import { storePushState, type SubscriptionReport } from "./push-subscriptions";
import type { SecretsKey } from "./secrets";

/**
 * Google Calendar push channels (`events.watch`), one per room calendar, opened by the
 * integration's syncs when ROOMLENS_PUSH_URL is set. A Google channel cannot be extended: one that
 * nears its `expiration` is replaced by a new one and then stopped. The channel id, Google's
 * resourceId and the expiration are kept in the integration's config; the token is derived from the
 * channel id (push-secrets.ts), never stored. Failures are logged only: polling stays the safety net.
 */

/** A week, what Google grants calendar channels at most; it answers with the expiration it chose. */
const TTL_SECONDS = 7 * 24 * 3600;
const RENEW_WITHIN_MS = 36 * 3_600_000;
const STATE_KEY = "pushChannels";

type Channel = { id: string; resourceId: string; expiresAt: string };
const storedState = z.record(z.string(), z.object({ id: z.string(), resourceId: z.string(), expiresAt: z.string() }));
const googleChannel = z.object({ id: z.string().min(1), resourceId: z.string().min(1), expiration: z.coerce.number().int().positive() });

export type ChannelOptions = { pushUrl: string; key: SecretsKey; now: Date; log?: (line: string) => void };

export async function keepGoogleChannels(
  database: Database,
  integration: Pick<Integration, "id" | "config">,
  api: GoogleApi,
  rooms: readonly DirectoryRoom[],
  options: ChannelOptions,
): Promise<{ report: SubscriptionReport; config: IntegrationConfig }> {
  const parsed = storedState.safeParse(integration.config[STATE_KEY] ?? {});
  const previous: Record<string, Channel> = parsed.success ? parsed.data : {};
  const next: Record<string, Channel> = {};
  const report: SubscriptionReport = { created: 0, renewed: 0, kept: 0, failed: [] };
  const address = `${options.pushUrl.replace(/\/+$/, "")}/api/push/google/${integration.id}`;

  for (const room of rooms) {
    const calendar = room.email.toLowerCase();
    const current = previous[calendar];
    if (current && Date.parse(current.expiresAt) - options.now.getTime() > RENEW_WITHIN_MS) {
      next[calendar] = current;
      report.kept += 1;
      continue;
    }
    try {
      const channelId = `roomlens-${integration.id}-${randomUUID()}`;
      const url = new URL(`${api.calendarBaseUrl}/calendars/${encodeURIComponent(calendar)}/events/watch`);
      const response = await api.post(url, { id: channelId, type: "web_hook", address, token: googleChannelToken(options.key, integration.id, channelId), params: { ttl: String(TTL_SECONDS) } });
      const body = googleChannel.safeParse(response.body);
      if (response.status !== 200 || !body.success) {
        report.failed.push(`${calendar}: Google answered ${response.status} ${googleErrorReason(response.body)}`.trim());
        if (current) next[calendar] = current;
        continue;
      }
      next[calendar] = { id: body.data.id, resourceId: body.data.resourceId, expiresAt: new Date(body.data.expiration).toISOString() };
      report[current ? "renewed" : "created"] += 1;
      // The replaced channel would notify until it expires; stopping it is a courtesy, so its answer is not checked.
      if (current) await api.post(new URL(`${api.calendarBaseUrl}/channels/stop`), { id: current.id, resourceId: current.resourceId });
    } catch (error) {
      report.failed.push(`${calendar}: ${error instanceof Error ? error.name : "error"}`);
      if (current) next[calendar] = current;
    }
  }

  if (report.created + report.renewed > 0 || Object.keys(previous).length !== Object.keys(next).length) {
    await storePushState(database, integration.id, STATE_KEY, next);
  }
  if (report.failed.length > 0) {
    // Room calendars are rooms, not people; Google's reason says what to fix (e.g. an unverified push domain).
    (options.log ?? console.error)(`integration ${integration.id}: ${report.failed.length} push channels could not be opened (${report.failed.slice(0, 3).join("; ")}); polling continues`);
  }
  return { report, config: { ...integration.config, [STATE_KEY]: next } };
}

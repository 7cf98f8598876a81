import type { Database } from "@/db/client";
import { googleChannelToken, sameSecret } from "./push-secrets";
import { findPushTarget, refusePush, type PushAnswer, type PushOptions } from "./push-target";

/** The headers of a Google Calendar `events.watch` notification (it has no body). */
export type GoogleNotification = {
  /** The path segment: the integration's id. */
  integration: string;
  channelId: string | null;
  channelToken: string | null;
  resourceState: string | null;
};

/** Google's limit on a channel id, and the characters it allows. */
const CHANNEL_ID = /^[A-Za-z0-9\-_+/=]{1,64}$/;

/**
 * One notification of a Google push channel. The channel token (an HMAC of the channel id, see
 * push-secrets.ts) is the authentication: without the right one nothing happens. `sync` only opens
 * the channel; `exists` / `not_exists` say the calendar changed, and ask for an incremental sync —
 * which reads the changes with the stored sync token, exactly as a scheduled poll would.
 */
export async function receiveGooglePush(database: Database, notification: GoogleNotification, options: PushOptions): Promise<PushAnswer> {
  const target = await findPushTarget(database, notification.integration, "google", options);
  if ("answer" in target) return target.answer;
  const { integration, key } = target;
  if (notification.channelId === null || !CHANNEL_ID.test(notification.channelId)) return refusePush(401, "missing or malformed X-Goog-Channel-ID");
  if (notification.channelToken === null) return refusePush(401, "missing X-Goog-Channel-Token");
  if (!sameSecret(notification.channelToken, googleChannelToken(key, integration.id, notification.channelId))) {
    return refusePush(401, "the channel token does not match this integration's channels");
  }
  switch (notification.resourceState) {
    case "sync":
      return { status: 200, body: { ok: true, sync: "not needed: the channel was opened" } };
    case "exists":
    case "not_exists":
      if (!integration.enabled) return { status: 200, body: { ok: true, sync: "not started: the integration is paused" } };
      options.trigger(integration.id);
      return { status: 200, body: { ok: true, sync: "requested" } };
    default:
      return refusePush(400, "X-Goog-Resource-State must be sync, exists or not_exists");
  }
}

import { z } from "zod";
import type { Database } from "@/db/client";
import { readCapped } from "./receive-webhook";
import { microsoftClientState, sameSecret } from "./push-secrets";
import { findPushTarget, refusePush, type PushAnswer, type PushOptions } from "./push-target";

export type GraphNotificationRequest = {
  /** The path segment: the integration's id. */
  integration: string;
  /** `?validationToken=…` of the subscription handshake (URL-decoded), or null. */
  validationToken: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
};

/** Graph batches at most a few hundred notifications; a larger body is not from Graph. */
const MAX_NOTIFICATION_BYTES = 1_048_576;
const MAX_VALIDATION_TOKEN = 4096;

/** Only the fields read; `resource` and `resourceData` are not needed: any change means "sync the delta". */
const notifications = z.object({
  value: z
    .array(z.object({ subscriptionId: z.string().optional(), clientState: z.string().optional(), changeType: z.string().optional(), lifecycleEvent: z.string().optional() }))
    .min(1)
    .max(1000),
});

/**
 * Microsoft Graph change notifications for the integration's room calendars. Creating a
 * subscription, Graph first POSTs `?validationToken=…` and wants it echoed as text/plain within 10
 * seconds: nothing else is done then. A notification batch is authenticated item by item by its
 * `clientState` (see push-secrets.ts); items that do not carry it are refused, and valid ones (a
 * change, or a lifecycle event such as `missed`) ask for one incremental delta sync. Graph wants an
 * answer within 3 seconds: the sync runs in the background.
 */
export async function receiveMicrosoftPush(database: Database, request: GraphNotificationRequest, options: PushOptions): Promise<PushAnswer> {
  const target = await findPushTarget(database, request.integration, "microsoft", options);
  if ("answer" in target) return target.answer;
  const { integration, key } = target;
  if (request.validationToken !== null) {
    if (request.validationToken.length === 0 || request.validationToken.length > MAX_VALIDATION_TOKEN) return refusePush(400, "the validationToken is empty or too long");
    return { status: 200, text: request.validationToken };
  }
  if (Number(request.contentLength ?? 0) > MAX_NOTIFICATION_BYTES) return refusePush(413, "the body is too large for a notification batch");
  const body = await readCapped(request.body, MAX_NOTIFICATION_BYTES);
  if (body === null) return refusePush(413, "the body is too large for a notification batch");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return refusePush(400, "the body is not valid JSON");
  }
  const parsed = notifications.safeParse(json);
  if (!parsed.success) return refusePush(400, "the body is not a Graph notification batch ({ value: [ … ] })");

  const expected = microsoftClientState(key, integration.id);
  const accepted = parsed.data.value.filter((item) => sameSecret(item.clientState, expected)).length;
  const refused = parsed.data.value.length - accepted;
  if (accepted === 0) return refusePush(401, "no notification carries this integration's clientState");
  if (!integration.enabled) return { status: 202, body: { accepted, refused, sync: "not started: the integration is paused" } };
  options.trigger(integration.id);
  return { status: 202, body: { accepted, refused, sync: "requested" } };
}

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { integrations, type Integration } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { ingest } from "@/lib/ingest/pipeline";
import { loadRoomDirectory } from "@/lib/ingest/room-directory";
import { findBookingProblem } from "@/lib/ingest/validate";
import { toWebhookBooking, webhookConnector } from "@/lib/ingest/webhook";
import { MAX_WEBHOOK_BYTES, webhookBatch, type WebhookBatch } from "@/lib/ingest/webhook-schema";
import { verifyWebhookSignature } from "@/lib/ingest/webhook-signature";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { ingestWindow } from "@/lib/context";
import { explainFailure, recordFailure } from "./failures";
import type { SecretsKey } from "./secrets";
import { readSecret } from "./sources";

export type WebhookRequest = {
  /** The path segment: the integration's id. */
  integration: string;
  timestamp: string | null;
  signature: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
};

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

export type WebhookOptions = { now?: Date; secretsKey?: SecretsKey; log?: (line: string) => void };

const LISTED_PROBLEMS = 20;
const refuse = (status: number, error: string, extra: Record<string, unknown> = {}): WebhookAnswer => ({ status, body: { error, ...extra } });

/**
 * One signed batch, end to end. Everything that can be refused is refused before anything is
 * written — signature, freshness, JSON, schema, every item's room and times — so a batch is stored
 * whole or not at all; then it goes through the normal pipeline (privacy gate, idempotent merge).
 * An authenticated batch that is refused is also recorded as a failed run, for the admin console.
 */
export async function receiveWebhook(database: Database, keys: PseudonymKeys, request: WebhookRequest, options: WebhookOptions = {}): Promise<WebhookAnswer> {
  const now = options.now ?? new Date();
  const integration = /^\d{1,9}$/.test(request.integration) ? await findWebhook(database, Number(request.integration)) : null;
  if (integration === null) return refuse(404, "no webhook integration at this address");
  if (Number(request.contentLength ?? 0) > MAX_WEBHOOK_BYTES) return tooLarge();
  const body = await readCapped(request.body, MAX_WEBHOOK_BYTES);
  if (body === null) return tooLarge();

  let secret: string | null;
  try {
    secret = readSecret(integration, options.secretsKey);
  } catch (error) {
    (options.log ?? console.error)(`webhook ${integration.id}: ${error instanceof Error ? error.message : String(error)}`);
    return refuse(500, "the server cannot read this integration's secret; its operator must restore ROOMLENS_SECRETS_KEY");
  }
  if (secret === null) return refuse(401, "this integration has no signing secret; generate one in the admin console");
  const check = verifyWebhookSignature({ secret, timestamp: request.timestamp, signature: request.signature, body, now });
  if (!check.ok) return refuse(401, check.reason);
  if (!integration.enabled) return refuse(409, "this integration is paused; an admin can resume it in the console");

  const refused = await validate(database, body);
  if ("answer" in refused) {
    const reason = [String(refused.answer.body.error), ...describe(refused.answer.body)].join(" ");
    const failure = { message: `a pushed batch was refused (${refused.answer.status}): ${reason}`.slice(0, 2000), advice: "Fix the sender; nothing from that batch was stored." };
    // The sender's answer does not depend on the history being written.
    await recordFailure(database.db, integration.id, now, failure).catch(() => null);
    return refused.answer;
  }
  try {
    const report = await ingest(
      database,
      { kind: "webhook", name: integration.name, config: integration.config, coverage: "none", connector: webhookConnector(refused.batch) },
      { keys, window: await ingestWindow(database, now), timeZone: "UTC", defaultRoom: null },
    );
    const { integrationId: _id, rejections: _r, allDay: _a, ...counts } = report;
    return { status: 200, body: { ...counts, received: { bookings: refused.batch.bookings.length, cancelled: refused.batch.cancelled?.length ?? 0 } } };
  } catch (error) {
    const failure = explainFailure(error, options.log);
    if (error instanceof UserError) return refuse(422, failure.message);
    return refuse(500, "the batch could not be stored; send it again (batches are idempotent)");
  }
}

async function findWebhook(database: Database, id: number): Promise<Integration | null> {
  const [row] = await database.db.select().from(integrations).where(eq(integrations.id, id));
  return row?.kind === "webhook" ? row : null;
}

const tooLarge = () => refuse(413, `the body is larger than ${MAX_WEBHOOK_BYTES / 1048576} MB; send smaller batches`);

/** The body's bytes, or null once more than `max` arrive (the rest is not read). */
export async function readCapped(stream: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | null> {
  if (stream === null) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/** `bookings.3.start` → `bookings[3].start` */
const jsonPath = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(body)";

function describe(body: Record<string, unknown>): string[] {
  const items = Array.isArray(body.issues) ? body.issues : Array.isArray(body.items) ? body.items : [];
  return items.slice(0, 3).map((item) => JSON.stringify(item));
}

async function validate(database: Database, body: Uint8Array): Promise<{ batch: WebhookBatch } | { answer: WebhookAnswer }> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch (error) {
    return { answer: refuse(400, "the body is not valid JSON", { detail: error instanceof Error ? error.message : String(error) }) };
  }
  const parsed = webhookBatch.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, LISTED_PROBLEMS).map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
    return { answer: refuse(400, "the batch does not match the schema (docs/webhook.schema.json)", { issues }) };
  }
  const directory = await loadRoomDirectory(database.db, null);
  const unknown: Array<{ index: number; path: string; room: string }> = [];
  const invalid: Array<{ index: number; path: string; reason: string }> = [];
  for (const [index, booking] of parsed.data.bookings.entries()) {
    const raw = toWebhookBooking(booking, index);
    if (directory.resolve(raw.rooms).kind === "unknown") unknown.push({ index, path: `bookings[${index}].room`, room: booking.room });
    const problem = findBookingProblem(raw);
    if (problem !== null) invalid.push({ index, path: `bookings[${index}]`, reason: problem });
  }
  if (unknown.length > 0) {
    const first = unknown[0]!;
    const error = `unknown room "${first.room}" at item ${first.index}${unknown.length > 1 ? ` and ${unknown.length - 1} more` : ""}: add the rooms to the room directory first; nothing was stored`;
    return { answer: refuse(422, error, { items: unknown.slice(0, LISTED_PROBLEMS), count: unknown.length }) };
  }
  if (invalid.length > 0) {
    const first = invalid[0]!;
    return { answer: refuse(422, `item ${first.index} cannot be stored: ${first.reason}; nothing was stored`, { items: invalid.slice(0, LISTED_PROBLEMS), count: invalid.length }) };
  }
  return { batch: parsed.data };
}

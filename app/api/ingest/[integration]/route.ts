import { receiveWebhook } from "@/lib/integrations/receive-webhook";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/ingest/webhook-signature";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";

export const dynamic = "force-dynamic";

/**
 * The signed ingest webhook. No session: the HMAC signature under the integration's secret is the
 * authentication (lib/auth/routes.ts lists this route as "public" for that reason). The body must be
 * read raw — the signature covers its exact bytes — so it is handed over as a stream.
 */
export async function POST(request: Request, context: { params: Promise<{ integration: string }> }): Promise<Response> {
  const { integration } = await context.params;
  const answer = await receiveWebhook(await getDatabase(), getServerKeys(), {
    integration,
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
    contentLength: request.headers.get("content-length"),
    body: request.body,
  });
  return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
}

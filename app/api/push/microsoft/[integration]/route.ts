import { receiveMicrosoftPush } from "@/lib/integrations/push-microsoft";
import { getServerPushQueue, toPushResponse } from "@/lib/integrations/push-server";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/**
 * Microsoft Graph change notifications. No session: the subscription's clientState, derived per
 * integration, is the authentication of every notification (lib/auth/routes.ts lists this route as
 * "public" for that reason); the validation handshake only echoes its token. The answer comes at
 * once (Graph wants it within 3 s); the delta sync runs in the background, and the schedule's
 * polling stays the safety net.
 */
export async function POST(request: Request, context: { params: Promise<{ integration: string }> }): Promise<Response> {
  const { integration } = await context.params;
  const queue = getServerPushQueue();
  const answer = await receiveMicrosoftPush(
    await getDatabase(),
    {
      integration,
      validationToken: new URL(request.url).searchParams.get("validationToken"),
      contentLength: request.headers.get("content-length"),
      body: request.body,
    },
    { trigger: (id) => queue.request(id) },
  );
  return toPushResponse(answer);
}

import { receiveGooglePush } from "@/lib/integrations/push-google";
import { getServerPushQueue, toPushResponse } from "@/lib/integrations/push-server";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/**
 * Google Calendar push notifications (`events.watch` channels). No session: the channel token,
 * derived per integration and channel, is the authentication (lib/auth/routes.ts lists this route as
 * "public" for that reason). The answer comes at once; the incremental sync runs in the background,
 * and the schedule's polling stays the safety net for notifications that never arrive.
 */
export async function POST(request: Request, context: { params: Promise<{ integration: string }> }): Promise<Response> {
  const { integration } = await context.params;
  const queue = getServerPushQueue();
  const answer = await receiveGooglePush(
    await getDatabase(),
    {
      integration,
      channelId: request.headers.get("x-goog-channel-id"),
      channelToken: request.headers.get("x-goog-channel-token"),
      resourceState: request.headers.get("x-goog-resource-state"),
    },
    { trigger: (id) => queue.request(id) },
  );
  return toPushResponse(answer);
}

import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";
import type { PushAnswer } from "./push-target";
import { createPushSyncQueue, syncAfterPush, type PushSyncQueue } from "./push-sync";

// One queue per server process, held on globalThis like the running syncs (progress.ts): each route
// bundle gets its own copy of this module, and a Google and a Graph burst must coalesce in one place.
const slot = globalThis as typeof globalThis & { roomlensPushQueue?: PushSyncQueue };

/** The web server's push queue: its syncs run against the server's database with its keys. */
export function getServerPushQueue(): PushSyncQueue {
  slot.roomlensPushQueue ??= createPushSyncQueue(async (integrationId) => syncAfterPush(await getDatabase(), getServerKeys(), integrationId));
  return slot.roomlensPushQueue;
}

/** A push endpoint's answer as a Response; never cached, and a plain-text echo never sniffed as HTML. */
export function toPushResponse(answer: PushAnswer): Response {
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if ("text" in answer) return new Response(answer.text, { status: answer.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  return Response.json(answer.body, { status: answer.status, headers });
}

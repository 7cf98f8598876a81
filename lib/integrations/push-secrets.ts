import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { SecretsKey } from "./secrets";

/**
 * The shared secrets of push notifications: Google's channel token and Microsoft Graph's
 * clientState. Both are derived from the secrets key and the integration's id, so nothing new is
 * stored and a token of one integration is worthless at another's address. The secrets key is not
 * used as an HMAC key directly (it is the AES key of the stored secrets): HKDF gives a separate one.
 */

const PUSH_KEY_INFO = "roomlens:push-notifications:v1";

function pushKey(key: SecretsKey): Buffer {
  return Buffer.from(hkdfSync("sha256", key.bytes, Buffer.alloc(0), PUSH_KEY_INFO, 32));
}

const mac = (key: SecretsKey, message: string) => createHmac("sha256", pushKey(key)).update(message, "utf8").digest("base64url");

/** The token of a Google `events.watch` channel (Google echoes it as X-Goog-Channel-Token; at most 256 characters). */
export function googleChannelToken(key: SecretsKey, integrationId: number, channelId: string): string {
  return mac(key, `google-channel:${integrationId}:${channelId}`);
}

/** The `clientState` of the integration's Graph subscriptions (Graph allows at most 128 characters). */
export function microsoftClientState(key: SecretsKey, integrationId: number): string {
  return mac(key, `microsoft-client-state:${integrationId}`);
}

/** Constant-time equality of a received secret and the expected one; a missing one never matches. */
export function sameSecret(received: string | null | undefined, expected: string): boolean {
  if (typeof received !== "string") return false;
  const a = Buffer.from(received, "utf8");
  const b = Buffer.from(expected, "utf8");
  // The length of a derived token is public (43 characters); comparing it first reveals nothing else.
  return a.length === b.length && timingSafeEqual(a, b);
}

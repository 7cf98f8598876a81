import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The webhook's authentication: `X-Roomlens-Signature: sha256=<hex HMAC-SHA-256 of
 * "<timestamp>.<raw body>">` under the integration's secret, with `X-Roomlens-Timestamp` in Unix
 * seconds. Signing the timestamp with the body, and refusing timestamps outside a five-minute
 * window either way, keeps a captured request from being replayed later.
 */

export const TIMESTAMP_HEADER = "x-roomlens-timestamp";
export const SIGNATURE_HEADER = "x-roomlens-signature";
export const REPLAY_WINDOW_SECONDS = 300;

function digest(secret: string, timestamp: string, body: Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value a sender computes (also what tests and the README's example send). */
export function signWebhook(secret: string, timestamp: number | string, body: string | Uint8Array): string {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return `sha256=${digest(secret, String(timestamp), bytes).toString("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
  now: Date;
}): SignatureCheck {
  const timestamp = input.timestamp?.trim() ?? "";
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "X-Roomlens-Timestamp is missing or not Unix seconds" };
  const given = /^sha256=([0-9a-f]{64})$/i.exec(input.signature?.trim() ?? "")?.[1];
  if (given === undefined) return { ok: false, reason: "X-Roomlens-Signature is missing or not sha256=<64 hex digits>" };
  const expected = digest(input.secret, timestamp, input.body);
  // Equal lengths by construction (32 bytes each); the comparison takes the same time wherever they differ.
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) {
    return { ok: false, reason: "the signature does not match: sign \"<timestamp>.<raw body>\" with HMAC-SHA-256 under this integration's secret" };
  }
  const skew = Math.floor(input.now.getTime() / 1000) - Number(timestamp);
  if (Math.abs(skew) > REPLAY_WINDOW_SECONDS) {
    const direction = skew > 0 ? `${skew} s in the past` : `${-skew} s in the future`;
    return { ok: false, reason: `stale timestamp: ${direction}, outside the ${REPLAY_WINDOW_SECONDS / 60}-minute window (check the sender's clock, and sign each request when it is sent)` };
  }
  return { ok: true };
}

import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { z } from "zod";
import { UserError } from "@/lib/errors";

/** The fields of a service account's JSON key file that the token exchange needs. */
export type ServiceAccountKey = {
  clientEmail: string;
  privateKey: KeyObject;
  /** Sent as the JWT's `kid` so Google picks the right one of the account's keys. */
  privateKeyId: string | null;
  /** Where the key file says to exchange assertions (normally https://oauth2.googleapis.com/token). */
  tokenUri: string | null;
};

const keyFile = z.object({
  client_email: z.email(),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
});

/** Reads the JSON key file an admin downloads for the service account; a wrong file is a UserError. */
export function parseServiceAccountKey(json: string): ServiceAccountKey {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new UserError("the Google service-account key is not JSON (download the key file as JSON)");
  }
  const parsed = keyFile.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw new UserError(`the Google service-account key lacks or has invalid fields: ${fields}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(parsed.data.private_key);
  } catch {
    throw new UserError("the Google service-account key's private_key is not a PEM private key");
  }
  return {
    clientEmail: parsed.data.client_email,
    privateKey,
    privateKeyId: parsed.data.private_key_id ?? null,
    tokenUri: parsed.data.token_uri ?? null,
  };
}

export type AssertionClaims = {
  /** The Workspace user the service account acts as (domain-wide delegation). */
  subject: string;
  scopes: readonly string[];
  /** The token endpoint the assertion is exchanged at; Google checks `aud` against it. */
  audience: string;
  /** Seconds since the epoch. */
  issuedAt: number;
};

/** Google accepts assertions valid for at most an hour. */
export const ASSERTION_LIFETIME_SECONDS = 3600;

/**
 * The signed JWT (RFC 7523 bearer assertion) a service account trades for an access token:
 * RS256 over `base64url(header).base64url(claims)` with the account's private key.
 */
export function buildServiceAccountAssertion(key: ServiceAccountKey, claims: AssertionClaims): string {
  const header = { alg: "RS256", typ: "JWT", ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) };
  const payload = {
    iss: key.clientEmail,
    sub: claims.subject,
    scope: claims.scopes.join(" "),
    aud: claims.audience,
    iat: claims.issuedAt,
    exp: claims.issuedAt + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  // For an RSA key, node's sign() with sha256 is RSASSA-PKCS1-v1_5, which is what RS256 means.
  const signature = sign("sha256", Buffer.from(signingInput), key.privateKey).toString("base64url");
  return `${signingInput}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

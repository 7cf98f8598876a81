import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@/db/client";
import { UserError } from "@/lib/errors";

/**
 * Integration secrets at rest (service-account keys, client secrets, webhook secrets): AES-256-GCM
 * under a key that lives outside the database, so a database dump or backup alone reveals none.
 * Stored as "v1:<iv>:<tag>:<ciphertext>" (base64url parts); the version names this format, so a
 * later one (another cipher, a key id) can be read beside it.
 */

/** The key, opaque to callers so it is never printed or serialised by accident. */
export type SecretsKey = { readonly bytes: Buffer };

/** The embedded database's generated key, beside its pseudonymisation keys. */
export const SECRETS_KEY_FILE = "secrets.key";

const FORMAT = "v1";
const KEY_BYTES = 32;
/** 96-bit IVs are what GCM is specified for; random ones are safe far beyond any secret count here. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * ROOMLENS_SECRETS_KEY (32 bytes as 64 hex digits or base64/base64url); with neither it nor
 * DATABASE_URL, a key generated once into the embedded data dir. With DATABASE_URL the key must come
 * from the environment: a file on one server would not be shared by the others.
 */
export function loadSecretsKey(env: Env = process.env, dataDir = env.ROOMLENS_DATA_DIR ?? defaultDataDir()): SecretsKey {
  const configured = env.ROOMLENS_SECRETS_KEY?.trim();
  if (configured) return { bytes: decodeKey(configured, "ROOMLENS_SECRETS_KEY") };
  if (env.DATABASE_URL) {
    throw new UserError(
      "ROOMLENS_SECRETS_KEY must be set when DATABASE_URL points at a Postgres server " +
        "(32 random bytes, e.g. the output of `openssl rand -base64 32`); it encrypts integration secrets",
    );
  }
  const file = path.join(dataDir, SECRETS_KEY_FILE);
  if (existsSync(file)) return { bytes: decodeKey(readFileSync(file, "utf8").trim(), file) };
  const bytes = randomBytes(KEY_BYTES);
  writeKeyFile(dataDir, file, bytes.toString("base64url"));
  return { bytes };
}

function decodeKey(text: string, where: string): Buffer {
  const hex = /^[0-9a-f]{64}$/i.test(text);
  // base64url decoding also reads standard base64 ("+/" and padding); Node skips other characters, so they are refused first.
  const bytes = hex ? Buffer.from(text, "hex") : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, "base64url") : Buffer.alloc(0);
  if (bytes.length !== KEY_BYTES) {
    throw new UserError(`${where} must be ${KEY_BYTES} bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return bytes;
}

/** Written to a temporary file and renamed over, so a crash never leaves half a key. */
function writeKeyFile(dataDir: string, file: string, text: string): void {
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${text}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * Encrypts `plaintext`. `context` (e.g. "integration:12") is authenticated but not stored: a
 * ciphertext copied onto another row does not decrypt there.
 */
export function encryptSecret(key: SecretsKey, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(":");
}

/** The plaintext, or a UserError that says why not (never quoting the stored value). */
export function decryptSecret(key: SecretsKey, stored: string, context: string): string {
  const [format, iv, tag, ciphertext, ...rest] = stored.split(":");
  if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new UserError("the stored secret is not in a format this version can read; enter the secret again");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new UserError(
      "the stored secret cannot be decrypted: ROOMLENS_SECRETS_KEY (or the data dir's secrets.key) is not the key it was saved under; " +
        "restore that key, or enter the secret again",
    );
  }
}

/** A fresh webhook signing secret: 256 random bits, URL-safe so it pastes into any config file. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The authenticated context of an integration's secret. */
export const secretContext = (integrationId: number) => `roomlens:integration:${integrationId}`;

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "@/lib/errors";
import type { PseudonymKey, PseudonymKeys } from "./pseudonymise";

const MIN_SECRET_LENGTH = 16;

/**
 * The pseudonymisation key lives outside the database. From the environment:
 * ROOMLENS_PSEUDONYM_KEY (+ ROOMLENS_PSEUDONYM_KEY_VERSION, default 1) and optionally
 * ROOMLENS_PSEUDONYM_OLD_KEYS="1:secret,2:secret" for keys still live after a rotation.
 * Embedded (no DATABASE_URL): without an environment key, one is generated once into the data dir.
 */
export function loadPseudonymKeys(env: Readonly<Record<string, string | undefined>>, dataDir: string): PseudonymKeys {
  const secret = env.ROOMLENS_PSEUDONYM_KEY || (env.DATABASE_URL ? undefined : readOrCreateKeyFile(dataDir));
  if (!secret) {
    throw new UserError("ROOMLENS_PSEUDONYM_KEY must be set when DATABASE_URL points at a Postgres server");
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new UserError(`ROOMLENS_PSEUDONYM_KEY must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const version = Number(env.ROOMLENS_PSEUDONYM_KEY_VERSION ?? "1");
  if (!Number.isInteger(version) || version < 1 || version > 32767) {
    throw new UserError("ROOMLENS_PSEUDONYM_KEY_VERSION must be a whole number from 1 to 32767");
  }
  const current = { version, secret };
  const old = parseOldKeys(env.ROOMLENS_PSEUDONYM_OLD_KEYS ?? "").filter((k) => k.version !== version);
  return { current, live: [current, ...old] };
}

function parseOldKeys(text: string): PseudonymKey[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [version, secret] = [part.slice(0, part.indexOf(":")), part.slice(part.indexOf(":") + 1)];
      if (!/^\d+$/.test(version) || secret.length < MIN_SECRET_LENGTH) {
        throw new UserError('ROOMLENS_PSEUDONYM_OLD_KEYS must look like "1:secret,2:secret"');
      }
      return { version: Number(version), secret };
    });
}

function readOrCreateKeyFile(dataDir: string): string {
  const file = path.join(dataDir, "pseudonym.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { UserError } from "@/lib/errors";
import type { PseudonymKey, PseudonymKeys } from "./pseudonymise";

const MIN_SECRET_LENGTH = 16;
/** key_version is a smallint column. */
export const MAX_KEY_VERSION = 32767;
/** The embedded key store: every version ever used, so rows and exclusions under old ones stay readable. */
export const KEY_FILE = "pseudonym-keys.json";
/** The single-key file of earlier releases; read as version 1, never rewritten or deleted. */
export const LEGACY_KEY_FILE = "pseudonym.key";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the keys live. "environment": ROOMLENS_PSEUDONYM_KEY (+ _VERSION, default 1) and
 * ROOMLENS_PSEUDONYM_OLD_KEYS="1:secret,2:secret" — always so with DATABASE_URL, where a key in the
 * data dir would not be shared by every server. "file": the embedded database's data dir.
 */
export function pseudonymKeyStore(env: Env): "environment" | "file" {
  return env.ROOMLENS_PSEUDONYM_KEY || env.DATABASE_URL ? "environment" : "file";
}

/**
 * The pseudonymisation keys, which live outside the database (invariant 2). Embedded without an
 * environment key, a key file is generated once into the data dir.
 */
export function loadPseudonymKeys(env: Env, dataDir: string): PseudonymKeys {
  if (pseudonymKeyStore(env) === "file") return toKeys(readKeyFile(dataDir) ?? createKeyFile(dataDir));
  const secret = env.ROOMLENS_PSEUDONYM_KEY;
  if (!secret) {
    throw new UserError("ROOMLENS_PSEUDONYM_KEY must be set when DATABASE_URL points at a Postgres server");
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new UserError(`ROOMLENS_PSEUDONYM_KEY must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const version = Number(env.ROOMLENS_PSEUDONYM_KEY_VERSION ?? "1");
  if (!Number.isInteger(version) || version < 1 || version > MAX_KEY_VERSION) {
    throw new UserError(`ROOMLENS_PSEUDONYM_KEY_VERSION must be a whole number from 1 to ${MAX_KEY_VERSION}`);
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

/** A fresh 256-bit secret, URL-safe so it needs no quoting in an environment file. */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}

const keyFileSchema = z
  .object({
    current: z.number().int().min(1).max(MAX_KEY_VERSION),
    keys: z.record(z.string().regex(/^[1-9]\d*$/), z.string().min(MIN_SECRET_LENGTH)),
  })
  .refine((file) => String(file.current) in file.keys, { message: "the current version has no key" });

/** `{"current": 2, "keys": {"1": "…", "2": "…"}}` */
export type KeyFile = z.infer<typeof keyFileSchema>;

/** The newest store in the data dir: the versioned file, else the legacy single key as version 1. */
export function readKeyFile(dataDir: string): KeyFile | undefined {
  const file = path.join(dataDir, KEY_FILE);
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      throw new UserError(`${file} is not valid JSON`);
    }
    const result = keyFileSchema.safeParse(parsed);
    // The zod message names fields only, never a secret.
    if (!result.success) throw new UserError(`${file}: ${result.error.issues[0]?.message ?? "unreadable"}`);
    return result.data;
  }
  const legacy = path.join(dataDir, LEGACY_KEY_FILE);
  if (existsSync(legacy)) return { current: 1, keys: { "1": readFileSync(legacy, "utf8").trim() } };
  return undefined;
}

function createKeyFile(dataDir: string): KeyFile {
  const file = { current: 1, keys: { "1": generateSecret() } };
  writeKeyFile(dataDir, file);
  return file;
}

/** The version after every one in use: a retired number is never reused for a different secret. */
export function nextKeyVersion(keys: PseudonymKeys): number {
  const version = Math.max(...keys.live.map((key) => key.version)) + 1;
  if (version > MAX_KEY_VERSION) throw new UserError(`no key version left (the highest is ${MAX_KEY_VERSION})`);
  return version;
}

/**
 * Adds `version` with a fresh secret to the data dir's key store and makes it current. Older versions
 * stay: old rows keep their version, and exclusion must still recognise people hashed under it.
 */
export function addKeyVersion(dataDir: string, version: number): void {
  const file = readKeyFile(dataDir) ?? createKeyFile(dataDir);
  if (String(version) in file.keys) throw new UserError(`key version ${version} already exists in ${KEY_FILE}`);
  writeKeyFile(dataDir, { current: version, keys: { ...file.keys, [String(version)]: generateSecret() } });
}

/** Written whole to a temporary file and renamed over, so a crash never leaves a half-written key store. */
function writeKeyFile(dataDir: string, file: KeyFile): void {
  mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, KEY_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, target);
}

/** The current key first, then the other live ones, newest first. */
function toKeys(file: KeyFile): PseudonymKeys {
  const all = Object.entries(file.keys)
    .map(([version, secret]) => ({ version: Number(version), secret }))
    .sort((a, b) => b.version - a.version);
  const current = all.find((key) => key.version === file.current);
  if (!current) throw new UserError(`${KEY_FILE}: the current version has no key`);
  return { current, live: [current, ...all.filter((key) => key !== current)] };
}

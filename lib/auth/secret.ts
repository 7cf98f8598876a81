import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "@/lib/errors";

/**
 * The secret that signs session cookies: AUTH_SECRET, or (embedded database only) one generated
 * once into the data dir, like the pseudonymisation key.
 */
export function loadAuthSecret(env: Readonly<Record<string, string | undefined>>, dataDir: string): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.DATABASE_URL) throw new UserError("AUTH_SECRET must be set when DATABASE_URL points at a Postgres server");
  const file = path.join(dataDir, "auth.secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

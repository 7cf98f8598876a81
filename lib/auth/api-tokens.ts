import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { authApiTokens, authUsers, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { can, type Permission } from "./permissions";

/** Recognisable in a config file or a leaked-secret scan; the rest is 256 random bits. */
export const API_TOKEN_PREFIX = "rl_";
const TOKEN_SHAPE = /^rl_[A-Za-z0-9_-]{43}$/;

/** What a person may call a token; shown back to them only, never in the audit log. */
export const apiTokenName = z.string().trim().min(1).max(80);

/**
 * The stored form of a token. A plain SHA-256 suffices (no slow password hash): the token is 256
 * random bits, so there is nothing to guess, and lookups go by this value through a unique index.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type CreatedApiToken = { id: number; name: string; token: string; createdAt: Date };

/** Creates a token for `userId`; the returned `token` is the only time it exists outside the caller. */
export async function createApiToken(db: Db, userId: number, name: string): Promise<CreatedApiToken> {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(authApiTokens)
      .values({ userId, name: apiTokenName.parse(name), tokenHash: hashApiToken(token) })
      .returning({ id: authApiTokens.id, name: authApiTokens.name, createdAt: authApiTokens.createdAt });
    if (!row) throw new Error("token insert returned no row");
    await recordAudit(tx, `user:${userId}`, "api_token.created", { tokenId: row.id });
    return { ...row, token };
  });
}

export type ApiTokenSummary = { id: number; name: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** A person's own tokens, newest first; never the hash. */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenSummary[]> {
  return db
    .select({
      id: authApiTokens.id,
      name: authApiTokens.name,
      createdAt: authApiTokens.createdAt,
      lastUsedAt: authApiTokens.lastUsedAt,
      revokedAt: authApiTokens.revokedAt,
    })
    .from(authApiTokens)
    .where(eq(authApiTokens.userId, userId))
    .orderBy(desc(authApiTokens.createdAt), desc(authApiTokens.id));
}

/**
 * Revokes one of `userId`'s own live tokens; false when there is no such token (someone else's,
 * already revoked, unknown). The row stays, so audit entries naming its id keep their meaning.
 */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(authApiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(authApiTokens.id, tokenId), eq(authApiTokens.userId, userId), isNull(authApiTokens.revokedAt)))
      .returning({ id: authApiTokens.id });
    if (revoked.length === 0) return false;
    await recordAudit(tx, `user:${userId}`, "api_token.revoked", { tokenId });
    return true;
  });
}

export type TokenHolder = { tokenId: number; userId: number; role: Role };

export type BearerResult =
  | { ok: true; holder: TokenHolder }
  | { ok: false; status: 401 | 403; error: string; holder: TokenHolder | null };

/** The token of an `Authorization: Bearer <token>` header, or null when the header is absent or another scheme. */
export function readBearer(authorization: string | null): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/**
 * Who a bearer token acts for, checked against `permission` with the owner's role *now* (read from
 * the account, as getViewer does for sessions). 401: no token, an unknown one, or a revoked one;
 * 403: a live token whose owner's role no longer has the permission.
 */
export async function authenticateBearer(db: Db, authorization: string | null, permission: Permission): Promise<BearerResult> {
  const token = readBearer(authorization);
  if (token === null) return { ok: false, status: 401, error: "send an API token as Authorization: Bearer <token>", holder: null };
  if (!TOKEN_SHAPE.test(token)) return { ok: false, status: 401, error: "invalid API token", holder: null };
  const [row] = await db
    .select({ tokenId: authApiTokens.id, userId: authApiTokens.userId, revokedAt: authApiTokens.revokedAt, role: authUsers.role })
    .from(authApiTokens)
    .innerJoin(authUsers, eq(authUsers.id, authApiTokens.userId))
    .where(eq(authApiTokens.tokenHash, hashApiToken(token)));
  if (!row) return { ok: false, status: 401, error: "invalid API token", holder: null };
  const holder = { tokenId: row.tokenId, userId: row.userId, role: row.role };
  if (row.revokedAt !== null) return { ok: false, status: 401, error: "this API token was revoked", holder };
  if (!can(row.role, permission)) return { ok: false, status: 403, error: "the token's owner no longer has API access", holder };
  return { ok: true, holder };
}

/**
 * Records one API call (every call, not a sample) and the token's last use, in one transaction. Only
 * the path and query are kept: they name dates, buildings and bands, never a person.
 */
export async function recordApiCall(db: Db, holder: TokenHolder, url: URL): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(authApiTokens).set({ lastUsedAt: new Date() }).where(eq(authApiTokens.id, holder.tokenId));
    // Capped: the query is the caller's text, and the log is append-only.
    const query = url.search.slice(0, 500);
    await recordAudit(tx, `user:${holder.userId}`, "api.read", { tokenId: holder.tokenId, path: url.pathname, query });
  });
}

/** A refused call with a token we know (revoked, or its owner demoted) is audit-logged too. */
export async function recordRefusedApiCall(db: Db, holder: TokenHolder, url: URL, status: number): Promise<void> {
  await recordAudit(db, `user:${holder.userId}`, "api.refused", { tokenId: holder.tokenId, path: url.pathname, status });
}

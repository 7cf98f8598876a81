import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { getDatabase } from "@/lib/server/database";
import { authenticateBearer, recordApiCall, recordRefusedApiCall } from "./api-tokens";
import type { Permission } from "./permissions";

/** A query parameter the API cannot use; its message is sent back with a 400. */
export class ApiInputError extends UserError {
  override name = "ApiInputError";
}

const NO_STORE = { "cache-control": "no-store" };

/**
 * The one way an /api/v1 handler answers: bearer token first (a session cookie counts for nothing
 * here), the call audit-logged, then `read` runs and its result is sent as JSON. `read` must return
 * figures that are already suppressed (the lib/analytics functions it calls do that).
 */
export async function answerApiRead(
  request: Request,
  permission: Permission,
  read: (db: Db, params: URLSearchParams) => Promise<unknown>,
): Promise<Response> {
  const url = new URL(request.url);
  try {
    const { db } = await getDatabase();
    const auth = await authenticateBearer(db, request.headers.get("authorization"), permission);
    if (!auth.ok) {
      if (auth.holder) await recordRefusedApiCall(db, auth.holder, url, auth.status);
      const challenge = auth.status === 401 ? 'Bearer realm="roomlens", error="invalid_token"' : 'Bearer realm="roomlens", error="insufficient_scope"';
      return Response.json({ error: auth.error }, { status: auth.status, headers: { ...NO_STORE, "www-authenticate": challenge } });
    }
    // Logged before reading, so a call that fails half-way is on record too.
    await recordApiCall(db, auth.holder, url);
    return Response.json(await read(db, url.searchParams), { headers: NO_STORE });
  } catch (error) {
    if (error instanceof ApiInputError) return Response.json({ error: error.message }, { status: 400, headers: NO_STORE });
    console.error("API call failed", url.pathname, error);
    return Response.json({ error: "internal error" }, { status: 500, headers: NO_STORE });
  }
}

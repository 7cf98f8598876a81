import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import type { AuthUser } from "@/db/schema";
import { getDatabase } from "@/lib/server/database";
import { auth } from "./config";
import { can, type Permission, type Viewer } from "./permissions";
import { findUser } from "./users";

export type CurrentViewer = { role: Viewer; user: AuthUser | null };

/**
 * Who is asking, with the role read from the database (not from the cookie). Memoised for one server
 * render only (React cache()): the layout's header and the page both ask, and one session decode and one
 * role query serve both. Every request still reads the role afresh, so a role change applies at once;
 * outside a render (route handlers) cache() does not memoise and each call reads again.
 */
export const getViewer = cache(async (): Promise<CurrentViewer> => {
  const session = await auth();
  const uid = session?.user.uid;
  if (typeof uid !== "number") return { role: "anonymous", user: null };
  const user = await findUser((await getDatabase()).db, uid);
  return user ? { role: user.role, user } : { role: "anonymous", user: null };
});

/**
 * For pages and server actions: returns the viewer when allowed; otherwise answers 401 (not signed
 * in: the sign-in page) or 403 (signed in without the right).
 */
export async function requirePermission(permission: Permission): Promise<CurrentViewer> {
  const viewer = await getViewer();
  if (can(viewer.role, permission)) return viewer;
  return viewer.role === "anonymous" ? unauthorized() : forbidden();
}

/** For route handlers: null when allowed, else the 401/403 response to send. */
export async function checkRoute(permission: Permission): Promise<Response | null> {
  const viewer = await getViewer();
  if (can(viewer.role, permission)) return null;
  return Response.json(
    { error: viewer.role === "anonymous" ? "sign in first" : "not allowed for your role" },
    { status: viewer.role === "anonymous" ? 401 : 403 },
  );
}

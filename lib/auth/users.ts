import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers, roles, type AuthUser, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

/** ROOMLENS_ADMIN_EMAILS="a@x.org, b@x.org": these people are admins from their first sign-in. */
export function listFirstAdmins(env: Readonly<Record<string, string | undefined>>): Set<string> {
  return new Set(
    (env.ROOMLENS_ADMIN_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

type SignIn = { email: string; name: string | null; demoRole?: string; env: Readonly<Record<string, string | undefined>> };

/** Creates or updates the sign-in account; returns its id. New people start as members. */
export async function recordSignIn(db: Db, signIn: SignIn): Promise<number> {
  const email = signIn.email.trim().toLowerCase();
  const demoRole = roles.find((r) => r === signIn.demoRole);
  const firstAdmin = listFirstAdmins(signIn.env).has(email);
  const role: Role | undefined = demoRole ?? (firstAdmin ? "admin" : undefined);
  const [row] = await db
    .insert(authUsers)
    .values({ email, name: signIn.name, role: role ?? "member", lastSignInAt: new Date() })
    .onConflictDoUpdate({
      target: authUsers.email,
      set: { name: signIn.name, lastSignInAt: new Date(), ...(role ? { role } : {}) },
    })
    .returning({ id: authUsers.id });
  if (!row) throw new Error("sign-in upsert returned no row");
  return row.id;
}

export async function findUser(db: Db, id: number): Promise<AuthUser | undefined> {
  const [row] = await db.select().from(authUsers).where(eq(authUsers.id, id));
  return row;
}

export async function listUsers(db: Db): Promise<AuthUser[]> {
  return db.select().from(authUsers).orderBy(sql`lower(${authUsers.email})`);
}

/** Changes a role; audit-logged with account ids, not e-mails (the log is not a sign-in table). */
export async function changeRole(db: Db, actorId: number, userId: number, role: Role): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx.update(authUsers).set({ role }).where(eq(authUsers.id, userId)).returning({ id: authUsers.id });
    if (updated.length === 0) return;
    await recordAudit(tx, `user:${actorId}`, "user.role_changed", { userId, role });
  });
}

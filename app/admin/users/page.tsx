import type { Metadata } from "next";
import { connection } from "next/server";
import { roles } from "@/db/schema";
import { listUsers } from "@/lib/auth/users";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";
import { setRole } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.admin.users.metaTitle };
}

export default async function UsersPage() {
  await connection();
  const { user: me } = await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.admin.users;
  const users = await listUsers(db);

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/users" />
      <p className="muted">{t.intro}</p>
      <div className="card">
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.lastSignIn}</th>
              <th scope="col">{t.role}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.name ?? "—"}
                  {user.id === me?.id && <span className="muted"> ({t.you})</span>}
                </td>
                <td>{user.email}</td>
                <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : "—"}</td>
                <td>
                  <form action={setRole} className="inline-form">
                    <input type="hidden" name="userId" value={user.id} />
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      {t.roleOf(user.name ?? user.email)}
                    </label>
                    {/* Your own role is fixed here: an admin cannot demote themselves by accident. */}
                    <select id={`role-${user.id}`} name="role" defaultValue={user.role} disabled={user.id === me?.id}>
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {dictionary.common.roles[role]}
                        </option>
                      ))}
                    </select>
                    {user.id !== me?.id && (
                      <button type="submit" className="button button--secondary">
                        {t.save}
                      </button>
                    )}
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}

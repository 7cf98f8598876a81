import type { Metadata } from "next";
import { connection } from "next/server";
import { roles } from "@/db/schema";
import { listUsers } from "@/lib/auth/users";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";
import { setRole } from "./actions";

export const metadata: Metadata = { title: "Users and roles" };

export default async function UsersPage() {
  await connection();
  const { user: me } = await requirePermission("admin.read");
  const users = await listUsers((await getDatabase()).db);

  return (
    <main id="main" className="page">
      <h1>Users and roles</h1>
      <AdminNav current="/admin/users" />
      <p className="muted">
        Members see their own data; planners also see the dashboard; admins run the installation. First admins come from
        ROOMLENS_ADMIN_EMAILS. Every change is written to the audit log.
      </p>
      <div className="card">
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.name ?? "—"}</td>
                <td>{user.email}</td>
                <td>{user.lastSignInAt ? user.lastSignInAt.toISOString().slice(0, 16).replace("T", " ") : "—"}</td>
                <td>
                  <form action={setRole} className="inline-form">
                    <input type="hidden" name="userId" value={user.id} />
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      Role of {user.name ?? user.email}
                    </label>
                    <select id={`role-${user.id}`} name="role" defaultValue={user.role} disabled={user.id === me?.id}>
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                    {user.id !== me?.id && (
                      <button type="submit" className="button button--secondary">
                        Save
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

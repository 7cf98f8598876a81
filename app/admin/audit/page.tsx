import type { Metadata } from "next";
import { desc } from "drizzle-orm";
import { connection } from "next/server";
import { auditLog } from "@/db/schema";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";

export const metadata: Metadata = { title: "Audit log" };

const SHOWN = 500;

export default async function AuditPage() {
  await connection();
  await requirePermission("admin.read");
  const entries = await (await getDatabase()).db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(SHOWN);

  return (
    <main id="main" className="page">
      <h1>Audit log</h1>
      <AdminNav current="/admin/audit" />
      <p className="muted">
        Append-only: the database refuses to change or delete entries. Settings, integrations, key rotations, purges,
        exports and exclusions are recorded — exclusions without saying who. The latest {SHOWN} entries, newest first.
      </p>
      <div className="card">
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>
                  {Object.entries(entry.details)
                    .map(([key, value]) => `${key}: ${String(value)}`)
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}

import type { Metadata } from "next";
import { desc } from "drizzle-orm";
import { connection } from "next/server";
import { auditLog } from "@/db/schema";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.admin.audit.metaTitle };
}

const SHOWN = 500;

/** The words for a recorded code, or the code itself: new actions and "user:12" actors stay readable. */
function describe(words: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(words, code) ? (words[code] ?? code) : code;
}

export default async function AuditPage() {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.admin.audit;
  const entries = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(SHOWN);

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/audit" />
      <p className="muted">{t.intro(SHOWN)}</p>
      <div className="card">
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.who}</th>
              <th scope="col">{t.what}</th>
              <th scope="col">{t.details}</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t.empty}
                </td>
              </tr>
            )}
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at, locale, { seconds: true })}</td>
                <td>{describe(t.actors, entry.actor)}</td>
                <td>
                  {describe(t.actions, entry.action)}
                  {/* The recorded code too: it is what the CLI and a database query show. */}
                  <br />
                  <code className="muted">{entry.action}</code>
                </td>
                {/* Details are recorded data (setting names, counts, ids), shown as stored. */}
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

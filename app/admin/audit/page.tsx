import type { Metadata } from "next";
import { connection } from "next/server";
import { listAuditActions, listAuditEntries, parseAuditFilter } from "@/lib/audit-filter";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";
import styles from "./audit.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.admin.audit.metaTitle };
}

const SHOWN = 500;

/** The words for a recorded code, or the code itself: new actions and "user:12" actors stay readable. */
function describe(words: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(words, code) ? (words[code] ?? code) : code;
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }, params] = await Promise.all([getDatabase(), getI18n(), searchParams]);
  const t = dictionary.admin.audit;
  const f = dictionary.auditFilter;
  // The filter lives in the URL (a GET form): a filtered view can be bookmarked, shared and reloaded.
  const filter = parseAuditFilter(params);
  const [entries, actions] = await Promise.all([listAuditEntries(db, filter, SHOWN), listAuditActions(db)]);
  const filtered = filter.action !== undefined || filter.from !== undefined || filter.to !== undefined;

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/audit" />
      <p className="muted">{t.intro(SHOWN)}</p>
      <form method="get" action="/admin/audit" className={`card ${styles.filter}`} data-testid="audit-filter" aria-label={f.label}>
        <div className="field">
          <label htmlFor="audit-action">{f.action}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{f.allActions}</option>
            {actions.map((code) => (
              <option key={code} value={code}>
                {describe(t.actions, code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{f.from}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{f.to}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <button type="submit" className="button button--primary">
          {f.apply}
        </button>
        {filtered && (
          <a href="/admin/audit" className="button button--secondary">
            {f.clear}
          </a>
        )}
        <p className={`muted ${styles.hint}`}>{f.hint}</p>
      </form>
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
                  {filtered ? f.noMatch : t.empty}
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

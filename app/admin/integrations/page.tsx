import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime, getFormatters } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { listIntegrations } from "@/lib/integrations/manage";
import { listRunningSyncs } from "@/lib/integrations/progress";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";
import { kindText, scheduleText, splitFailure, statusText } from "./_components/integration-text";
import { SyncProgress } from "./_components/sync-progress";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.adminIntegrations.metaTitle };
}

const ADDABLE = ["ics", "csv", "upload", "google", "microsoft", "webhook"] as const;

type Props = { searchParams: Promise<{ removed?: string }> };

export default async function IntegrationsPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.adminIntegrations;
  const format = getFormatters(locale);
  const list = await listIntegrations(db);
  const removed = Number((await searchParams).removed);
  const running = listRunningSyncs();

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/integrations" />
      <p className="muted">{t.intro}</p>
      {Number.isInteger(removed) && removed >= 0 && (
        <p className="notice" role="status">
          {t.removed(removed)}
        </p>
      )}
      <SyncProgress key={running.map((sync) => sync.integrationId).join(",")} locale={locale} integrationId={null} initial={running} names={Object.fromEntries(list.map((i) => [i.id, i.name]))} />
      <section className="card" aria-labelledby="integrations-heading">
        <h2 id="integrations-heading">{t.list.heading}</h2>
        {list.length === 0 ? (
          <p>{t.list.empty}</p>
        ) : (
          <div className="table-frame">
            <table className="data-table" data-testid="integrations-table">
              <thead>
                <tr>
                  <th scope="col">{t.list.name}</th>
                  <th scope="col">{t.list.kind}</th>
                  <th scope="col">{t.list.status}</th>
                  <th scope="col">{t.list.schedule}</th>
                  <th scope="col">{t.list.lastSync}</th>
                  <th scope="col">{t.list.lastError}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((integration) => {
                  const failure = integration.lastError ? splitFailure(integration.lastError) : null;
                  return (
                    <tr key={integration.id}>
                      <td>
                        <Link href={`/admin/integrations/detail?id=${integration.id}`}>{integration.name}</Link>
                        <div className="muted">{integration.source}</div>
                      </td>
                      <td>{kindText(integration, t)}</td>
                      <td>{statusText(integration, t)}</td>
                      <td>{scheduleText(integration, t)}</td>
                      <td>{integration.lastSyncAt ? formatDateTime(integration.lastSyncAt, locale) : t.status.never}</td>
                      <td>
                        {failure ? (
                          <>
                            {failure.message}
                            {failure.advice && (
                              <div>
                                <strong>{t.detail.whatToDo}</strong> {failure.advice}
                              </div>
                            )}
                          </>
                        ) : integration.lastRun && integration.lastRun.rejected > 0 ? (
                          t.list.rejectedSome(integration.lastRun.rejected)
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">{t.list.count(format.integer(list.length))}</p>
      </section>
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">{t.add.heading}</h2>
        <ul>
          {ADDABLE.map((kind) => (
            <li key={kind}>
              <Link href={`/admin/integrations/new?kind=${kind}`}>{t.kinds[kind]}</Link> — <span className="muted">{t.kindHints[kind]}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

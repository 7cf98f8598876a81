import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { count, eq } from "drizzle-orm";
import { bookings } from "@/db/schema";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime, getFormatters } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getIntegration, IntegrationNotFoundError, listSyncRuns, type IntegrationSummary } from "@/lib/integrations/manage";
import { getSyncProgress } from "@/lib/integrations/progress";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../../_nav";
import { removeIntegrationNow, setIntegrationEnabled, syncIntegrationNow } from "../actions";
import { IntegrationForm } from "../_components/integration-form";
import { mappingValues } from "../form-input";
import { kindText, scheduleText, splitFailure, statusText } from "../_components/integration-text";
import { requestOrigin } from "../_components/request-origin";
import { RunHistory } from "../_components/run-history";
import { RotateWebhookSecret, TestSavedConnection } from "../_components/saved-integration-tools";
import { SyncProgress } from "../_components/sync-progress";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.adminIntegrations.detail.metaTitle };
}

type Props = { searchParams: Promise<{ id?: string; added?: string; confirm?: string }> };

/** The values an edit form starts from: the stored non-secret settings (a feed's URL only as shown). */
function editValues(integration: IntegrationSummary): Record<string, string> {
  const values: Record<string, string> = { name: integration.name, every: integration.syncIntervalMinutes?.toString() ?? "" };
  const settings = integration.settings;
  if (settings === null) return values;
  for (const [key, value] of Object.entries(settings)) if (typeof value === "string" && key !== "kind" && key !== "url") values[key] = value;
  if (settings.kind === "ics" || settings.kind === "csv") values.shownUrl = settings.url;
  return settings.kind === "csv" ? { ...values, ...mappingValues(settings.mapping) } : values;
}

async function findIntegration(id: number, db: Awaited<ReturnType<typeof getDatabase>>["db"]): Promise<IntegrationSummary | null> {
  try {
    return await getIntegration(db, id);
  } catch (error) {
    if (error instanceof IntegrationNotFoundError) return null;
    throw error;
  }
}

export default async function IntegrationDetailPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.adminIntegrations;
  const format = getFormatters(locale);
  const params = await searchParams;
  const id = Number(params.id);
  const integration = Number.isInteger(id) && id > 0 ? await findIntegration(id, db) : null;

  if (!integration) {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t.detail.metaTitle}</h1>
        <AdminNav current="/admin/integrations" />
        <p>{t.detail.notFound}</p>
        <Link href="/admin/integrations">{t.back}</Link>
      </main>
    );
  }
  const [runs, [held]] = await Promise.all([
    listSyncRuns(db, integration.id, { limit: 20 }),
    db.select({ n: count() }).from(bookings).where(eq(bookings.integrationId, integration.id)),
  ]);
  const running = getSyncProgress(integration.id);
  const failure = integration.lastError ? splitFailure(integration.lastError) : null;
  const uploaded = integration.kind === "csv" && integration.source.startsWith("upload:");
  const origin = await requestOrigin();

  return (
    <main id="main" className="page">
      <h1>{integration.name}</h1>
      <AdminNav current="/admin/integrations" />
      <p>
        <Link href="/admin/integrations">{t.back}</Link>
      </p>
      {params.added && (
        <p className="notice" role="status">
          {t.detail.added}
        </p>
      )}
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t.detail.summary}</h2>
        <dl data-testid="integration-summary">
          <dt>{t.list.kind}</dt>
          <dd>{kindText(integration, t)}</dd>
          <dt>{t.detail.source}</dt>
          <dd>{integration.source}</dd>
          <dt>{t.list.status}</dt>
          <dd data-testid="integration-status">{statusText(integration, t)}</dd>
          <dt>{t.list.schedule}</dt>
          <dd>
            {scheduleText(integration, t)}
            {integration.enabled && integration.nextSyncAt && ` — ${t.schedule.next(formatDateTime(integration.nextSyncAt, locale))}`}
          </dd>
          <dt>{t.list.lastSync}</dt>
          <dd>{integration.lastSyncAt ? formatDateTime(integration.lastSyncAt, locale) : t.status.never}</dd>
          <dt>{t.detail.bookings}</dt>
          <dd>{format.integer(held?.n ?? 0)}</dd>
          {integration.kind !== "ics" && integration.kind !== "csv" && (
            <>
              <dt>{t.detail.secret}</dt>
              <dd>{integration.hasSecret ? t.detail.secretSet : t.detail.secretNotSet}</dd>
            </>
          )}
          {integration.webhookPath && (
            <>
              <dt>{t.detail.webhookAddress}</dt>
              <dd>
                <code>{`${origin}${integration.webhookPath}`}</code>
              </dd>
            </>
          )}
        </dl>
        {failure && (
          <div className="notice" role="alert" data-testid="last-error">
            <p>
              <strong>{t.detail.lastError}</strong> {failure.message}
            </p>
            {failure.advice && (
              <p>
                <strong>{t.detail.whatToDo}</strong> {failure.advice}
              </p>
            )}
          </div>
        )}
        <div className="inline-form">
          {integration.syncable && integration.enabled && (
            <form action={syncIntegrationNow}>
              <input type="hidden" name="id" value={integration.id} />
              <button type="submit" className="button button--primary">
                {t.buttons.syncNow}
              </button>
            </form>
          )}
          <form action={setIntegrationEnabled}>
            <input type="hidden" name="id" value={integration.id} />
            <input type="hidden" name="enabled" value={integration.enabled ? "false" : "true"} />
            <button type="submit" className="button button--secondary">
              {integration.enabled ? t.buttons.pause : t.buttons.resume}
            </button>
          </form>
          {!uploaded && <TestSavedConnection locale={locale} id={integration.id} />}
        </div>
        {!integration.enabled && <p className="hint">{t.detail.pausedHint}</p>}
        {uploaded && <p className="hint">{t.detail.uploadedHint}</p>}
        <SyncProgress key={running ? `running-${running.startedAt.getTime()}` : "idle"} locale={locale} integrationId={integration.id} initial={running ? [running] : []} names={{ [integration.id]: integration.name }} />
        <p>
          <Link href={`/admin/integrations/detail?id=${integration.id}`}>{t.detail.refresh}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="runs-heading">
        <h2 id="runs-heading">{t.runs.heading}</h2>
        <RunHistory locale={locale} runs={runs} text={t} />
      </section>

      {!uploaded && (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t.detail.editHeading}</h2>
          <IntegrationForm
            locale={locale}
            kind={integration.kind}
            edit={{ id: integration.id, values: editValues(integration), hasSecret: integration.hasSecret }}
            origin={origin}
          />
          {integration.kind === "webhook" && <RotateWebhookSecret locale={locale} id={integration.id} origin={origin} />}
        </section>
      )}

      <section className="card" aria-labelledby="remove-heading" id="remove">
        <h2 id="remove-heading">{t.detail.removeHeading}</h2>
        {params.confirm && (
          <p className="notice" role="alert">
            {t.detail.confirmNeeded}
          </p>
        )}
        <form action={removeIntegrationNow}>
          <input type="hidden" name="id" value={integration.id} />
          <p>{t.detail.removeWarning(held?.n ?? 0)}</p>
          <label>
            <input type="checkbox" name="confirm" required /> {t.detail.confirmLabel}
          </label>{" "}
          <button type="submit" className="button button--secondary">
            {t.buttons.remove}
          </button>
        </form>
      </section>
    </main>
  );
}

import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatDateTime, getFormatters } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { SyncRunSummary } from "@/lib/integrations/queries";
import { splitFailure } from "./integration-text";

/** How many rejection reasons a run shows; the run keeps up to 20. */
const REASONS_SHOWN = 3;

/** The history of sync runs, newest first, with their counts and the first rejection reasons. */
export function RunHistory({ locale, runs, text }: { locale: Locale; runs: SyncRunSummary[]; text: Dictionary["adminIntegrations"] }) {
  const t = text.runs;
  const format = getFormatters(locale);
  if (runs.length === 0) return <p>{t.empty}</p>;
  return (
    <div className="table-frame">
      <table className="data-table" data-testid="sync-runs">
        <thead>
          <tr>
            <th scope="col">{t.started}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.fetched}</th>
            <th scope="col">{t.inserted}</th>
            <th scope="col">{t.updated}</th>
            <th scope="col">{t.cancelled}</th>
            <th scope="col">{t.excluded}</th>
            <th scope="col">{t.rejected}</th>
            <th scope="col">{t.reasons}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const failure = run.error ? splitFailure(run.error) : null;
            return (
              <tr key={run.id}>
                <td>{formatDateTime(run.startedAt, locale)}</td>
                <td>{text.status[run.status]}</td>
                <td>{format.integer(run.fetched)}</td>
                <td>{format.integer(run.inserted)}</td>
                <td>{format.integer(run.updated)}</td>
                <td>{format.integer(run.cancelled)}</td>
                <td>{format.integer(run.excluded)}</td>
                <td>{format.integer(run.rejected)}</td>
                <td>
                  {failure && (
                    <p>
                      {failure.message}
                      {failure.advice && (
                        <>
                          {" "}
                          <strong>{text.detail.whatToDo}</strong> {failure.advice}
                        </>
                      )}
                    </p>
                  )}
                  {run.rejections.length > 0 && (
                    <ul>
                      {run.rejections.slice(0, REASONS_SHOWN).map((rejection, i) => (
                        <li key={i}>
                          {rejection.where}: {rejection.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                  {run.rejected > REASONS_SHOWN && <span className="muted">{t.moreRejected(run.rejected - REASONS_SHOWN)}</span>}
                  {!failure && run.rejections.length === 0 && "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

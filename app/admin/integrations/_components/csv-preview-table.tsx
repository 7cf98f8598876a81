import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import type { CsvPreview } from "@/lib/integrations/csv-preview";

/** The first rows as the import would read them: mapped columns only, e-mail addresses masked. */
export function CsvPreviewTable({ locale, preview }: { locale: Locale; preview: CsvPreview }) {
  const t = getDictionary(locale).adminIntegrations.preview;
  if (!preview.ok) {
    return (
      <p className="notice" role="alert" data-testid="csv-preview">
        {t.problem} {preview.problem}
      </p>
    );
  }
  return (
    <section aria-label={t.heading} data-testid="csv-preview" role="status">
      <h3>{t.heading}</h3>
      <p className="hint">{t.masked}</p>
      <div className="table-frame">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t.row}</th>
              {preview.columns.map((column) => (
                <th scope="col" key={column.field}>
                  {t.fields[column.field]} <span className="muted">({column.header})</span>
                </th>
              ))}
              <th scope="col">{t.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row}>
                <td>{row.row}</td>
                {row.cells.map((cell, i) => (
                  <td key={preview.columns[i]?.field ?? i}>{cell}</td>
                ))}
                <td>{row.outcome.kind === "rejected" ? `${t.outcomes.rejected} ${row.outcome.reason}` : t.outcomes[row.outcome.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rows.length === 0 && <p>{t.noRows}</p>}
      {preview.ignored.length > 0 && <p className="hint">{t.ignored(preview.ignored.join(", "))}</p>}
    </section>
  );
}

import type { ViewTable } from "@/lib/analytics/views/table";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { DataTable } from "./data-table";
import { Downloads, type DownloadTarget } from "./downloads";
import { cellText, type PlannerFormat } from "./format";
import styles from "./planner.module.css";

type Props = {
  /** A key-figure table: measure, value, unit (see behaviourTables' `summary`). */
  table: ViewTable;
  heading: string;
  target: DownloadTarget;
  t: Dictionary["planner"];
  suppressedNote: string;
  format: PlannerFormat;
};

/** Key figures as tiles, the same rows as a table, and their downloads. */
export function SummaryTiles({ table, heading, target, t, suppressedNote, format }: Props) {
  const [measureColumn, valueColumn] = table.columns;
  return (
    <section className="card" aria-labelledby={`${table.id}-heading`} data-testid={`section-${table.id}`}>
      <header className="card__header">
        <h2 id={`${table.id}-heading`}>{heading}</h2>
      </header>
      <dl className="kpi-grid">
        {table.rows.map((row) => {
          const [measure, value] = row;
          if (!measure || !value || !measureColumn || !valueColumn) return null;
          const label = cellText(measure, measureColumn, t, format) ?? "";
          const shown = cellText(value, valueColumn, t, format);
          return (
            <div key={String(measure.value)} className="kpi" data-testid={`kpi-${String(measure.value)}`} data-suppressed={value.suppressed}>
              <dt className="kpi__label">{label}</dt>
              {value.suppressed ? (
                <dd className="kpi__value kpi__value--suppressed">
                  <span className="suppressed-text">{suppressedNote}</span>
                </dd>
              ) : (
                <dd className="kpi__value">{shown ?? t.table.noValue}</dd>
              )}
            </div>
          );
        })}
      </dl>
      <details className={styles.details}>
        <summary>{t.table.show}</summary>
        <DataTable table={table} caption={t.table.caption(heading)} t={t} suppressedNote={suppressedNote} format={format} />
      </details>
      <Downloads target={target} table={table.id} title={heading} t={t.download} />
    </section>
  );
}

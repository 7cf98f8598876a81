import type { ReactNode } from "react";
import type { ViewTable } from "@/lib/analytics/views/table";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { DataTable } from "./data-table";
import { Downloads, type DownloadTarget } from "./downloads";
import type { PlannerFormat } from "./format";
import styles from "./planner.module.css";

type Props = {
  id: string;
  title: string;
  sub?: ReactNode;
  /** One sentence a planner can act on without reading the chart. */
  summary: string;
  /** The chart leaf; omitted for tables that are their own view. */
  chart?: ReactNode;
  table: ViewTable;
  /** Shows the table open (tables without a chart); else it sits in a <details> under the chart. */
  tableOpen?: boolean;
  target: DownloadTarget;
  t: Dictionary["planner"];
  suppressedNote: string;
  format: PlannerFormat;
  headers?: Partial<Record<string, string>>;
  note?: ReactNode;
};

/**
 * One chart (or table) of a planner view: heading, summary sentence, the chart in a focusable region,
 * its figures as a table, and the downloads of exactly that table.
 */
export function ChartCard({ id, title, sub, summary, chart, table, tableOpen = false, target, t, suppressedNote, format, headers, note }: Props) {
  const headingId = `${id}-heading`;
  const dataTable = <DataTable table={table} caption={t.table.caption(title)} t={t} suppressedNote={suppressedNote} format={format} headers={headers} />;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`section-${id}`}>
      <header className="card__header">
        <h2 id={headingId}>{title}</h2>
        {sub && <p className="card__sub">{sub}</p>}
      </header>
      <p className={styles.summary} data-testid={`summary-${id}`}>
        {summary}
      </p>
      {note && <p className={styles.note}>{note}</p>}
      {chart && (
        <div className={`chart-frame ${styles.chartFrame}`} role="region" aria-label={t.chart.label(title)} tabIndex={0} data-testid={`chart-${id}`}>
          {chart}
        </div>
      )}
      {chart && !tableOpen ? (
        <details className={styles.details}>
          <summary>{t.table.show}</summary>
          {dataTable}
        </details>
      ) : (
        dataTable
      )}
      <Downloads target={target} table={table.id} title={title} t={t.download} />
    </section>
  );
}

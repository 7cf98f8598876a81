import type { ViewTable } from "@/lib/analytics/views/table";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { cellText, type PlannerFormat } from "./format";
import styles from "./planner.module.css";

type Props = {
  table: ViewTable;
  caption: string;
  t: Dictionary["planner"];
  /** "suppressed (< k people)", in the reader's language. */
  suppressedNote: string;
  format: PlannerFormat;
  /** Column keys whose header should read differently on this page. */
  headers?: Partial<Record<string, string>>;
};

const numeric = new Set(["integer", "decimal", "hours", "share", "ratio"]);

/**
 * A view table as HTML: the chart's figures for screen readers and keyboard users, and exactly what
 * the download writes (the first column heads each row). Suppressed cells say so in words, never 0.
 */
export function DataTable({ table, caption, t, suppressedNote, format, headers = {} }: Props) {
  if (table.rows.length === 0) return <p className="muted">{t.table.noRows}</p>;
  return (
    <div className={`table-frame ${styles.tableFrame}`} role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table" data-testid={`table-${table.id}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.key} scope="col" className={numeric.has(column.type) ? "num" : undefined}>
                {headers[column.key] ?? t.columns[column.key]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} data-suppressed={row.some((cell) => cell.suppressed)}>
              {row.map((cell, c) => {
                const column = table.columns[c];
                if (!column) return null;
                const text = cellText(cell, column, t, format);
                const content = cell.suppressed ? (
                  <span className="suppressed-text" data-suppressed="true">
                    {suppressedNote}
                  </span>
                ) : text === null || text === "" ? (
                  <span className="muted">{t.table.noValue}</span>
                ) : (
                  text
                );
                const numericCell = numeric.has(cell.type ?? column.type);
                return c === 0 ? (
                  <th key={column.key} scope="row">
                    {content}
                  </th>
                ) : (
                  <td key={column.key} className={numericCell ? "num" : undefined}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Locale, Localised } from "@/lib/i18n/locales";
import { holdsPersonalData, inventory, type InventoryTable } from "@/lib/privacy/inventory";
import {
  audiences,
  fillLive,
  pseudonymisations,
  purposes,
  retentions,
  sources,
  type LiveValues,
} from "@/lib/privacy/inventory-terms";
import styles from "./privacy.module.css";

type Props = { t: Dictionary["privacy"]["inventory"]; locale: Locale; live: LiveValues };

/**
 * The inventory, one table per stored table. Tables holding personal data are open; the directory
 * and operations tables start folded (still in the HTML, readable without JavaScript) so the page
 * leads with what concerns people.
 */
export function InventoryTables({ t, locale, live }: Props) {
  const text = (value: Localised) => fillLive(value[locale], live);
  const personal = inventory.filter(holdsPersonalData);
  const operational = inventory.filter((table) => !holdsPersonalData(table));
  return (
    <section className="card" aria-labelledby="inventory-heading" data-testid="inventory">
      <h2 id="inventory-heading">{t.heading}</h2>
      <p className={styles.prose}>{t.intro}</p>
      <h3 className={styles.group}>{t.personal}</h3>
      {personal.map((table) => (
        <InventorySection key={table.table} table={table} t={t} text={text} open />
      ))}
      <h3 className={styles.group}>{t.operational}</h3>
      {operational.map((table) => (
        <InventorySection key={table.table} table={table} t={t} text={text} open={false} />
      ))}
      <p className={`${styles.prose} muted`}>{t.signIn}</p>
    </section>
  );
}

type SectionProps = { table: InventoryTable; t: Props["t"]; text: (value: Localised) => string; open: boolean };

function InventorySection({ table, t, text, open }: SectionProps) {
  const captionId = `inventory-${table.table}`;
  return (
    <details className={styles.tableBlock} open={open} data-testid={`inventory-${table.table}`}>
      <summary>
        <span id={captionId} className={styles.tableTitle}>
          {text(table.title)}
        </span>{" "}
        <code>{table.table}</code> <span className="muted">· {t.columnCount(table.columns.length)}</span>
      </summary>
      <p className={`${styles.prose} muted`}>{text(table.about)}</p>
      {/* Seven columns do not fit a phone: the frame scrolls sideways instead of squeezing words. */}
      <div className={styles.tableFrame} role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={`data-table ${styles.inventoryTable}`}>
          <thead>
            <tr>
              <th scope="col">{t.field}</th>
              <th scope="col">{t.example}</th>
              <th scope="col">{t.purpose}</th>
              <th scope="col">{t.source}</th>
              <th scope="col">{t.retention}</th>
              <th scope="col">{t.audience}</th>
              <th scope="col">{t.pseudonymised}</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((column) => (
              <tr key={column.column} data-column={`${table.table}.${column.column}`}>
                <th scope="row">
                  <code>{column.column}</code>
                  <span className={styles.about}>{text(column.about)}</span>
                </th>
                <td>
                  <code className={styles.example}>{typeof column.example === "string" ? column.example : text(column.example)}</code>
                </td>
                <td>
                  <ul className={styles.purposeList}>
                    {column.purposes.map((purpose) => (
                      <li key={purpose}>{text(purposes[purpose])}</li>
                    ))}
                  </ul>
                </td>
                <td>{text(sources[column.source])}</td>
                <td>{text(retentions[column.retention])}</td>
                <td>{text(audiences[column.audience])}</td>
                <td className={column.pseudonymisation === "notPersonal" ? "muted" : undefined}>
                  {text(pseudonymisations[column.pseudonymisation])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

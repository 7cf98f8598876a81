import type { Dictionary } from "@/lib/i18n/dictionary";
import type { LiveValues } from "@/lib/privacy/inventory-terms";
import styles from "./privacy.module.css";

type Props = { t: Dictionary["privacy"]["journey"]; live: LiveValues };

/**
 * The data's path as an ordered list drawn as a flow: the order is the point, so it is an <ol> that
 * reads the same to a screen reader as it looks. The two steps where identities are still in memory
 * are marked, so nobody mistakes them for storage.
 */
export function DataJourney({ t, live }: Props) {
  const steps = [
    { id: "calendar", title: t.calendar, detail: t.calendarDetail, transient: false },
    { id: "memory", title: t.memory, detail: t.memoryDetail, transient: true },
    { id: "gate", title: t.gate, detail: t.gateDetail, transient: true },
    { id: "database", title: t.database, detail: t.databaseDetail(live.days), transient: false },
    { id: "analysis", title: t.analysis, detail: t.analysisDetail(live.k), transient: false },
    { id: "charts", title: t.charts, detail: t.chartsDetail, transient: false },
  ];
  return (
    <section className="card" aria-labelledby="journey-heading">
      <h2 id="journey-heading">{t.heading}</h2>
      <ol className={styles.journey} data-testid="data-journey">
        {steps.map((step) => (
          <li key={step.id} className={step.transient ? `${styles.step} ${styles.stepTransient}` : styles.step}>
            <strong className={styles.stepTitle}>{step.title}</strong>
            <span>{step.detail}</span>
          </li>
        ))}
      </ol>
      <p className={`${styles.prose} muted`}>{t.transientNote}</p>
    </section>
  );
}

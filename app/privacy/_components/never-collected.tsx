import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import { neverCollected } from "@/lib/privacy/inventory";
import styles from "./privacy.module.css";

type Props = { t: Dictionary["privacy"]["neverCollected"]; locale: Locale };

export function NeverCollected({ t, locale }: Props) {
  return (
    <section className="card" aria-labelledby="never-heading">
      <h2 id="never-heading">{t.heading}</h2>
      <p className={styles.prose}>{t.intro}</p>
      <ul className={styles.never} data-testid="never-collected">
        {neverCollected.map((item) => (
          <li key={item.what.en}>
            <strong>{item.what[locale]}</strong> <span className="muted">{item.why[locale]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { PanelFacts } from "@/lib/privacy/panel-facts";
import styles from "./privacy.module.css";

type Props = { t: Dictionary["privacy"]["live"]; locale: Locale; facts: PanelFacts };

/** The settings in force, read on every request: the promises above are only as good as these. */
export function LiveSettings({ t, locale, facts }: Props) {
  const tiles = [
    { id: "k", label: t.kLabel, value: t.kValue(facts.minGroupSize), hint: t.kHint(facts.minGroupSize) },
    { id: "retention", label: t.retentionLabel, value: t.retentionValue(facts.retentionDays), hint: t.retentionHint },
    facts.key
      ? { id: "key", label: t.keyLabel, value: t.keyValue(facts.key.version), hint: t.keyHint(facts.key.olderLive) }
      : { id: "key", label: t.keyLabel, value: t.keyMissing, hint: t.keyMissingHint },
    {
      id: "purge",
      label: t.purgeLabel,
      value: facts.lastPurgeAt ? formatDateTime(facts.lastPurgeAt, locale) : t.purgeNever,
      hint: t.purgeHint,
    },
  ];
  return (
    <section aria-labelledby="live-heading">
      <h2 id="live-heading">{t.heading}</h2>
      <dl className={`kpi-grid ${styles.live}`}>
        {tiles.map((tile) => (
          <div key={tile.id} className="kpi" data-testid={`privacy-live-${tile.id}`}>
            <dt className="kpi__label">{tile.label}</dt>
            <dd className={`kpi__value ${styles.liveValue}`}>
              {tile.value}
              <span className="kpi__hint">{tile.hint}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

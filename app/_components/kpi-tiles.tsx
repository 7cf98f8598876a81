import type { DashboardMetrics } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";

type Tile = {
  testId: string;
  label: string;
  /** null = suppressed: shown as such, never as 0 or blank. */
  value: string | null;
  hint: string;
};

type Props = { metrics: DashboardMetrics; t: Dictionary["dashboard"]["kpi"]; format: Formatters };

export function KpiTiles({ metrics, t, format }: Props) {
  // The totals carry their own suppression flag; a null value is treated the same way so a
  // missing number can never render as an empty tile.
  const shown = (value: number | null, write: (v: number) => string) =>
    metrics.suppressed || value === null ? null : write(value);

  const tiles: Tile[] = [
    {
      testId: "kpi-utilisation",
      label: t.utilisation,
      value: shown(metrics.utilisation, format.percent),
      hint: t.utilisationHint,
    },
    {
      testId: "kpi-bookings",
      label: t.bookings,
      value: shown(metrics.bookings, format.integer),
      hint: t.bookingsHint,
    },
    {
      testId: "kpi-booked-hours",
      label: t.bookedHours,
      value: shown(metrics.bookedHours, format.hours),
      hint: t.bookedHoursHint,
    },
    {
      testId: "kpi-rooms",
      label: t.rooms,
      // The room directory describes rooms, not people, so this count is never suppressed.
      value: format.integer(metrics.rooms),
      hint: t.roomsHint,
    },
  ];

  return (
    <section aria-labelledby="kpi-heading" className="kpis">
      <h2 id="kpi-heading" className="visually-hidden">
        {t.heading}
      </h2>
      <dl className="kpi-grid">
        {tiles.map((tile) => (
          <div key={tile.testId} className="kpi" data-testid={tile.testId} data-suppressed={tile.value === null}>
            <dt className="kpi__label">{tile.label}</dt>
            {tile.value === null ? (
              <dd className="kpi__value kpi__value--suppressed">
                {t.suppressed}
                <span className="kpi__hint">{t.suppressedHint(metrics.minGroupSize)}</span>
              </dd>
            ) : (
              <dd className="kpi__value">
                {tile.value}
                <span className="kpi__hint">{tile.hint}</span>
              </dd>
            )}
          </div>
        ))}
      </dl>
    </section>
  );
}

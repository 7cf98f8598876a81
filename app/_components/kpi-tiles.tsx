import type { DashboardMetrics } from "@/lib/analytics/types";
import { formatHours, formatInteger, formatPercent } from "./format";

type Tile = {
  testId: string;
  label: string;
  /** null = suppressed: shown as such, never as 0 or blank. */
  value: string | null;
  hint: string;
};

export function KpiTiles({ metrics }: { metrics: DashboardMetrics }) {
  const k = metrics.minGroupSize;
  // The totals carry their own suppression flag; a null value is treated the same way so a
  // missing number can never render as an empty tile.
  const shown = (value: number | null, format: (v: number) => string) =>
    metrics.suppressed || value === null ? null : format(value);

  const tiles: Tile[] = [
    {
      testId: "kpi-utilisation",
      label: "Utilisation",
      value: shown(metrics.utilisation, formatPercent),
      hint: "of working hours booked",
    },
    {
      testId: "kpi-bookings",
      label: "Bookings",
      value: shown(metrics.bookings, formatInteger),
      hint: "confirmed, starting in range",
    },
    {
      testId: "kpi-booked-hours",
      label: "Booked hours",
      value: shown(metrics.bookedHours, formatHours),
      hint: "in working hours, overlaps once",
    },
    {
      testId: "kpi-rooms",
      label: "Rooms",
      // The room directory describes rooms, not people, so this count is never suppressed.
      value: formatInteger(metrics.rooms),
      hint: "active in the directory",
    },
  ];

  return (
    <section aria-labelledby="kpi-heading" className="kpis">
      <h2 id="kpi-heading" className="visually-hidden">
        Key figures
      </h2>
      <dl className="kpi-grid">
        {tiles.map((tile) => (
          <div key={tile.testId} className="kpi" data-testid={tile.testId} data-suppressed={tile.value === null}>
            <dt className="kpi__label">{tile.label}</dt>
            {tile.value === null ? (
              <dd className="kpi__value kpi__value--suppressed">
                Suppressed
                <span className="kpi__hint">fewer than {formatInteger(k)} people</span>
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

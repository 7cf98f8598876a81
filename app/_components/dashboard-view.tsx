import { countDays, type DatePreset } from "@/lib/analytics/filters";
import type { DashboardMetrics } from "@/lib/analytics/types";
import { DateFilter } from "./date-filter";
import { EmptyState } from "./empty-state";
import { formatInteger, formatRange } from "./format";
import { Heatmap } from "./heatmap";
import { KpiTiles } from "./kpi-tiles";
import { RoomUtilisationSection } from "./room-utilisation";

type Props = {
  metrics: DashboardMetrics;
  presets: DatePreset[];
  /** The URL asked for dates that were replaced (invalid, reversed or over the 2-year limit). */
  adjusted: boolean;
};

/** The whole planner dashboard for one date range; data loading stays in the page. */
export function DashboardView({ metrics, presets, adjusted }: Props) {
  const { range } = metrics;
  // Only a shown 0 counts as "no bookings": a suppressed total (null) is displayed as suppressed,
  // never as empty (a range with no bookings at all also covers fewer than k people).
  const days = countDays(range);
  const empty = metrics.rooms === 0 ? "no-rooms" : metrics.bookings === 0 ? "no-bookings" : null;

  return (
    <>
      <main id="main" className="page">
        <div className="page__intro">
          <div>
            <h1>Room utilisation</h1>
            <p className="page__range">
              {formatRange(range)} · {formatInteger(days)} {days === 1 ? "day" : "days"}
              {adjusted && (
                <span className="notice"> · requested dates adjusted (a range must be valid and at most 2 years)</span>
              )}
            </p>
          </div>
          <DateFilter range={range} presets={presets} />
        </div>

        {empty ? (
          <EmptyState kind={empty} range={range} />
        ) : (
          <>
            {metrics.suppressed && (
              <p className="banner" role="status">
                This range covers fewer than {formatInteger(metrics.minGroupSize)} people, so every figure is suppressed
                to protect their privacy. Choose a longer range to see results.
              </p>
            )}
            <KpiTiles metrics={metrics} />
            <RoomUtilisationSection rooms={metrics.byRoom} minGroupSize={metrics.minGroupSize} />
            <Heatmap metrics={metrics} />
          </>
        )}
      </main>
      <footer className="site-footer">
        Aggregates only · cells covering fewer than {formatInteger(metrics.minGroupSize)} people are suppressed
      </footer>
    </>
  );
}

import { countDays, type DatePreset } from "@/lib/analytics/filters";
import type { DashboardMetrics } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { getFormatters } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { DateFilter } from "./date-filter";
import { EmptyState } from "./empty-state";
import { Heatmap } from "./heatmap";
import { KpiTiles } from "./kpi-tiles";
import { RoomUtilisationSection } from "./room-utilisation";

type Props = {
  metrics: DashboardMetrics;
  presets: DatePreset[];
  /** The URL asked for dates that were replaced (invalid, reversed or over the 2-year limit). */
  adjusted: boolean;
  t: Dictionary;
  locale: Locale;
};

/** The whole planner dashboard for one date range; data loading stays in the page. */
export function DashboardView({ metrics, presets, adjusted, t, locale }: Props) {
  const { range } = metrics;
  const format = getFormatters(locale);
  const text = t.dashboard;
  // Only a shown 0 counts as "no bookings": a suppressed total (null) is displayed as suppressed,
  // never as empty (a range with no bookings at all also covers fewer than k people).
  const empty = metrics.rooms === 0 ? "no-rooms" : metrics.bookings === 0 ? "no-bookings" : null;
  const suppressedNote = t.common.suppressedNote(metrics.minGroupSize);

  return (
    <>
      <main id="main" className="page">
        <div className="page__intro">
          <div>
            <h1>{text.title}</h1>
            <p className="page__range">
              {format.dayRange(range)} · {text.days(countDays(range))}
              {adjusted && <span className="notice"> · {text.adjusted}</span>}
            </p>
          </div>
          <DateFilter range={range} presets={presets} t={text.filter} />
        </div>

        {empty ? (
          <EmptyState kind={empty} rangeText={format.dayRange(range)} t={text.empty} />
        ) : (
          <>
            {metrics.suppressed && (
              <p className="banner" role="status">
                {text.suppressedBanner(metrics.minGroupSize)}
              </p>
            )}
            <KpiTiles metrics={metrics} t={text.kpi} format={format} />
            <RoomUtilisationSection
              rooms={metrics.byRoom}
              t={text.rooms}
              suppressed={{ word: t.common.suppressed, note: suppressedNote }}
              locale={locale}
            />
            <Heatmap metrics={metrics} t={text.heatmap} suppressed={{ word: t.common.suppressed, note: suppressedNote }} format={format} />
          </>
        )}
      </main>
      <footer className="site-footer">{text.footer(metrics.minGroupSize)}</footer>
    </>
  );
}

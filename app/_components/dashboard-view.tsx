import type { OverviewView } from "@/lib/analytics/views/data";
import type { ViewTables } from "@/lib/analytics/views/tables";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import { EmptyState } from "./empty-state";
import { Heatmap } from "./heatmap";
import { KpiTiles } from "./kpi-tiles";
import { DataTable } from "./planner/data-table";
import { Downloads } from "./planner/downloads";
import { getPlannerFormat } from "./planner/format";
import { OverviewQuestions } from "./planner/overview-questions";
import styles from "./planner/planner.module.css";
import { RoomUtilisationSection } from "./room-utilisation";

type Props = { view: OverviewView; tables: ViewTables<"overview">; t: Dictionary; locale: Locale };

/**
 * The overview body: the three questions first, then every room at a glance (key figures, utilisation
 * by room, the hour × weekday heatmap), each with its downloads. Data loading stays in the page.
 */
export function DashboardView({ view, tables, t, locale }: Props) {
  const metrics = view.dashboard;
  const format = getPlannerFormat(locale);
  const text = t.dashboard;
  // Only a shown 0 counts as "no bookings": a suppressed total (null) is displayed as suppressed,
  // never as empty (a range with no bookings at all also covers fewer than k people).
  const empty = metrics.rooms === 0 ? "no-rooms" : metrics.bookings === 0 ? "no-bookings" : null;
  const suppressedNote = t.common.suppressedNote(metrics.minGroupSize);
  const suppressed = { word: t.common.suppressed, note: suppressedNote };
  const target = { view: "overview" as const, range: view.range, filters: view.filters };

  if (empty) return <EmptyState kind={empty} rangeText={format.dayRange(view.range)} t={text.empty} />;
  return (
    <>
      {metrics.suppressed && (
        <p className="banner" role="status">
          {text.suppressedBanner(metrics.minGroupSize)}
        </p>
      )}
      <OverviewQuestions view={view} t={t} format={format} />
      <h2 className="visually-hidden">{t.planner.overview.dashboardHeading}</h2>
      <KpiTiles metrics={metrics} t={text.kpi} format={format} />
      <details className={styles.details}>
        <summary>{t.planner.table.show}</summary>
        <DataTable table={tables.totals} caption={t.planner.table.caption(text.kpi.heading)} t={t.planner} suppressedNote={suppressedNote} format={format} />
      </details>
      <Downloads target={target} table="totals" title={text.kpi.heading} t={t.planner.download} />
      <RoomUtilisationSection
        rooms={metrics.byRoom}
        t={text.rooms}
        suppressed={suppressed}
        locale={locale}
        footer={<Downloads target={target} table="rooms" title={text.rooms.heading} t={t.planner.download} />}
      />
      <Heatmap
        metrics={metrics}
        t={text.heatmap}
        suppressed={suppressed}
        format={format}
        footer={<Downloads target={target} table="heatmap" title={text.heatmap.heading} t={t.planner.download} />}
      />
    </>
  );
}

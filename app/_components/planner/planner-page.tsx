import type { ReactNode } from "react";
import { countDays, type DatePreset } from "@/lib/analytics/filters";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { hasRoomFilters, type RoomFilterOptions } from "@/lib/analytics/room-filter-params";
import type { DateRange } from "@/lib/analytics/types";
import type { Freshness } from "@/lib/analytics/views/cache";
import type { ViewId } from "@/lib/analytics/views/data";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { exportHref } from "./downloads";
import { FilterForm } from "./filter-form";
import { bandText, type PlannerFormat } from "./format";
import styles from "./planner.module.css";
import { ViewNav, viewPaths } from "./view-nav";

export type PageContext = {
  range: DateRange;
  filters: RoomFilters;
  adjusted: boolean;
  options: RoomFilterOptions;
  presets: DatePreset[];
  minGroupSize: number;
  freshness: Freshness;
};

/** "Canal Works, floor 2, 5–8 seats, with video" — what the filters keep, in words. */
export function describeFilters(filters: RoomFilters, t: Dictionary["planner"]): string {
  const parts = [
    filters.building,
    filters.floor === undefined ? undefined : t.floorName(filters.floor),
    filters.band === undefined ? undefined : bandText(filters.band, t),
    filters.amenity === undefined ? undefined : t.withAmenity(filters.amenity),
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? t.filters.everyRoom : parts.join(", ");
}

type Props = {
  view: ViewId;
  title: string;
  intro: string;
  context: PageContext;
  t: Dictionary;
  format: PlannerFormat;
  children: ReactNode;
};

/** The frame every planner view shares: views, title, range, filters, then the view's sections. */
export function PlannerPage({ view, title, intro, context, t, format, children }: Props) {
  const { range, filters } = context;
  return (
    <>
      <main id="main" className="page">
        <ViewNav current={view} range={range} filters={filters} t={t.planner.nav} />
        <div className="page__intro">
          <div>
            <h1>{title}</h1>
            <p className={styles.intro}>{intro}</p>
            <p className="page__range" data-testid="view-scope">
              {format.dayRange(range)} · {t.dashboard.days(countDays(range))} · {t.planner.filters.showing(describeFilters(filters, t.planner))}
              {context.adjusted && <span className="notice"> · {t.dashboard.adjusted}</span>}
            </p>
            {context.freshness.updating && (
              <p className="notice" role="status" data-testid="figures-updating">
                {t.dashboard.updating}
              </p>
            )}
            {hasRoomFilters(filters) && (
              <p className="notice" data-testid="filters-rows-only">
                {t.planner.filters.rowsOnly}
              </p>
            )}
          </div>
        </div>
        <FilterForm
          path={viewPaths[view]}
          range={range}
          filters={filters}
          options={context.options}
          presets={context.presets}
          t={t.planner}
          presetNames={t.dashboard.filter.presets}
        />
        {children}
        <p className={styles.downloads}>
          <a href={exportHref({ view, range, filters }, "json")} download className={styles.download}>
            {t.planner.download.all}
          </a>
        </p>
      </main>
      <footer className="site-footer">{t.dashboard.footer(context.minGroupSize)}</footer>
    </>
  );
}

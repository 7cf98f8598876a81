import type { Metadata } from "next";
import { readPlannerRequest } from "@/app/_components/planner/page-request";
import { PlannerPage } from "@/app/_components/planner/planner-page";
import type { SearchParams } from "@/lib/analytics/filters";
import { cachedView } from "@/lib/analytics/views/cache";
import { overviewTables } from "@/lib/analytics/views/tables";
import { getI18n } from "@/lib/i18n/server";
import { DashboardView } from "./_components/dashboard-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.dashboard.metaTitle };
}

/**
 * The planner's overview: the three questions (more rooms? rooms to desks? preferred rooms?) for the
 * chosen dates and rooms, each with its strongest recommendation, then every room at a glance.
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Planners and admins only (checked in readPlannerRequest): members never see others' aggregates.
  const request = await readPlannerRequest(searchParams);
  const view = await cachedView(request.db, "overview", request.range, request.filters);
  const { t, locale, format } = request;
  return (
    <PlannerPage view="overview" title={t.planner.titles.overview} intro={t.planner.intros.overview} context={request.context(view)} t={t} format={format}>
      <DashboardView view={view} tables={overviewTables(view)} t={t} locale={locale} />
    </PlannerPage>
  );
}

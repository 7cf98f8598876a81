import type { Metadata } from "next";
import { PlannerPage } from "@/app/_components/planner/planner-page";
import { readPlannerRequest } from "@/app/_components/planner/page-request";
import type { SearchParams } from "@/lib/analytics/filters";
import { cachedView } from "@/lib/analytics/views/cache";
import { demandTables } from "@/lib/analytics/views/tables";
import { getI18n } from "@/lib/i18n/server";
import { DemandSections } from "./demand-sections";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.planner.meta.demand };
}

export default async function DemandPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const request = await readPlannerRequest(searchParams);
  const view = await cachedView(request.db, "demand", request.range, request.filters);
  const { t, format } = request;
  return (
    <PlannerPage view="demand" title={t.planner.titles.demand} intro={t.planner.intros.demand} context={request.context(view)} t={t} format={format}>
      <DemandSections view={view} tables={demandTables(view)} t={t} format={format} />
    </PlannerPage>
  );
}

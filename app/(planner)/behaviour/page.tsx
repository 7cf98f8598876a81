import type { Metadata } from "next";
import { PlannerPage } from "@/app/_components/planner/planner-page";
import { readPlannerRequest } from "@/app/_components/planner/page-request";
import type { SearchParams } from "@/lib/analytics/filters";
import { cachedView } from "@/lib/analytics/views/cache";
import { behaviourTables } from "@/lib/analytics/views/tables";
import { getI18n } from "@/lib/i18n/server";
import { BehaviourSections } from "./behaviour-sections";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.planner.meta.behaviour };
}

export default async function BehaviourPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const request = await readPlannerRequest(searchParams);
  const view = await cachedView(request.db, "behaviour", request.range, request.filters);
  const { t, format } = request;
  return (
    <PlannerPage
      view="behaviour"
      title={t.planner.titles.behaviour}
      intro={t.planner.intros.behaviour}
      context={request.context(view)}
      t={t}
      format={format}
    >
      <BehaviourSections view={view} tables={behaviourTables(view)} t={t} format={format} />
    </PlannerPage>
  );
}

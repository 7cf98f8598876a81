import type { Metadata } from "next";
import { PlannerPage } from "@/app/_components/planner/planner-page";
import { readPlannerRequest } from "@/app/_components/planner/page-request";
import type { SearchParams } from "@/lib/analytics/filters";
import { cachedView } from "@/lib/analytics/views/cache";
import { rightSizingTables } from "@/lib/analytics/views/tables";
import { getI18n } from "@/lib/i18n/server";
import { RightSizingSections } from "./right-sizing-sections";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.planner.meta.rightSizing };
}

export default async function RightSizingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const request = await readPlannerRequest(searchParams);
  const view = await cachedView(request.db, "right-sizing", request.range, request.filters);
  const { t, format } = request;
  return (
    <PlannerPage
      view="right-sizing"
      title={t.planner.titles.rightSizing}
      intro={t.planner.intros.rightSizing}
      context={request.context(view)}
      t={t}
      format={format}
    >
      <RightSizingSections view={view} tables={rightSizingTables(view)} t={t} format={format} />
    </PlannerPage>
  );
}

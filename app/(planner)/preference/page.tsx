import type { Metadata } from "next";
import { PlannerPage } from "@/app/_components/planner/planner-page";
import { readPlannerRequest } from "@/app/_components/planner/page-request";
import type { SearchParams } from "@/lib/analytics/filters";
import { cachedView } from "@/lib/analytics/views/cache";
import { preferenceTables } from "@/lib/analytics/views/tables";
import { getI18n } from "@/lib/i18n/server";
import { PreferenceSections } from "./preference-sections";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.planner.meta.preference };
}

export default async function PreferencePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const request = await readPlannerRequest(searchParams);
  const view = await cachedView(request.db, "preference", request.range, request.filters);
  const { t, format } = request;
  return (
    <PlannerPage
      view="preference"
      title={t.planner.titles.preference}
      intro={t.planner.intros.preference}
      context={request.context(view)}
      t={t}
      format={format}
    >
      <PreferenceSections view={view} tables={preferenceTables(view)} t={t} format={format} />
    </PlannerPage>
  );
}

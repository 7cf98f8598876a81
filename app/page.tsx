import type { Metadata } from "next";
import { connection } from "next/server";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { isRangeAdjusted, listDatePresets, parseDateRange, type SearchParams } from "@/lib/analytics/filters";
import { requirePermission } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { DashboardView } from "./_components/dashboard-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.dashboard.metaTitle };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Reads the database on every request; without this, `next build` would try to prerender it.
  await connection();
  // Planners and admins only: members see their own page, never the aggregates of others.
  await requirePermission("dashboard.read");
  const params = await searchParams;
  const today = new Date();
  const range = parseDateRange(params, today);
  const [{ db }, { locale, t }] = await Promise.all([getDatabase(), getI18n()]);
  const metrics = await getDashboardMetrics(db, range);

  return (
    <DashboardView
      metrics={metrics}
      presets={listDatePresets(today)}
      adjusted={isRangeAdjusted(params, range)}
      t={t}
      locale={locale}
    />
  );
}

import type { Metadata } from "next";
import { count } from "drizzle-orm";
import { connection } from "next/server";
import { authUsers, integrations, rooms } from "@/db/schema";
import { requirePermission } from "@/lib/auth/viewer";
import { getFormatters } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { countExcludedPeople } from "@/lib/privacy/exclusion";
import { getDatabase } from "@/lib/server/database";
import { getSettings } from "@/lib/settings";
import { AdminNav } from "./_nav";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.admin.overview.metaTitle };
}

export default async function AdminPage() {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.admin.overview;
  const format = getFormatters(locale);
  const [settings, excluded, [users], [roomCount], [integrationCount]] = await Promise.all([
    getSettings(db),
    countExcludedPeople(db),
    db.select({ n: count() }).from(authUsers),
    db.select({ n: count() }).from(rooms),
    db.select({ n: count() }).from(integrations),
  ]);
  const k = settings.minGroupSize;

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin" />
      <dl className="kpi-grid">
        <div className="kpi">
          <dt className="kpi__label">{t.accounts}</dt>
          <dd className="kpi__value">{format.integer(users?.n ?? 0)}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi__label">{t.rooms}</dt>
          <dd className="kpi__value">{format.integer(roomCount?.n ?? 0)}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi__label">{t.integrations}</dt>
          <dd className="kpi__value">{format.integer(integrationCount?.n ?? 0)}</dd>
        </div>
        <div className="kpi" data-testid="excluded-count">
          <dt className="kpi__label">{t.optedOut}</dt>
          {/* Below k the number itself could point at someone: show only that it is small. */}
          <dd className="kpi__value">{excluded >= k ? format.integer(excluded) : t.fewerThan(k)}</dd>
        </div>
      </dl>
      <p className="muted">{t.note(k)}</p>
    </main>
  );
}

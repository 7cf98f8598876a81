import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { AdminNav } from "../../_nav";
import { IntegrationForm, type FormKind } from "../_components/integration-form";
import { requestOrigin } from "../_components/request-origin";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.adminIntegrations.add.metaTitle };
}

const KINDS = ["ics", "csv", "upload", "google", "microsoft", "webhook"] as const satisfies readonly FormKind[];

type Props = { searchParams: Promise<{ kind?: string }> };

export default async function NewIntegrationPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const { locale, t: dictionary } = await getI18n();
  const t = dictionary.adminIntegrations;
  const wanted = (await searchParams).kind;
  const kind = KINDS.find((k) => k === wanted);

  return (
    <main id="main" className="page page--narrow">
      <h1>{kind ? t.add.headingFor(t.kinds[kind]) : t.add.heading}</h1>
      <AdminNav current="/admin/integrations" />
      <p>
        <Link href="/admin/integrations">{t.back}</Link>
      </p>
      {kind ? (
        <>
          <p className="muted">{t.kindHints[kind]}</p>
          <IntegrationForm locale={locale} kind={kind} origin={await requestOrigin()} />
        </>
      ) : (
        <ul className="card">
          {KINDS.map((k) => (
            <li key={k}>
              <Link href={`/admin/integrations/new?kind=${k}`}>{t.kinds[k]}</Link> — <span className="muted">{t.kindHints[k]}</span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

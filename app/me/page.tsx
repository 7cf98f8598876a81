import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { fillSlots } from "@/lib/i18n/slots";
import { getMyDataStatus } from "@/lib/privacy/my-data";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";
import { getSettings } from "@/lib/settings";
import { excludeMe, includeMe } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.me.metaTitle };
}

export default async function MyDataPage({ searchParams }: { searchParams: Promise<{ done?: string | string[] }> }) {
  await connection();
  const { user } = await requirePermission("me.read");
  if (!user) return null;
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.me;
  const [status, settings] = await Promise.all([getMyDataStatus(db, getServerKeys(), user.email), getSettings(db)]);
  // Set by the exclude/include actions; shown only while it still matches the status.
  const { done } = await searchParams;
  const notice = done === "excluded" && status.excluded ? t.doneExcluded : done === "included" && !status.excluded ? t.doneIncluded : null;

  return (
    <main id="main" className="page page--narrow" data-testid="my-data">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead(user.name ?? user.email)}</p>
      {notice ? (
        <p role="status" className="notice" data-testid="my-notice">
          {notice}
        </p>
      ) : null}

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t.statusHeading}</h2>
        {status.excluded ? (
          <p>
            <span className="status status--excluded" data-testid="my-status">
              {t.excluded}
            </span>{" "}
            {status.excludedSince ? t.excludedSince(formatDateTime(status.excludedSince, locale)) : t.excludedSinceUnknown}
          </p>
        ) : (
          <p>
            <span className="status status--included" data-testid="my-status">
              {t.included}
            </span>{" "}
            {t.includedBody}
          </p>
        )}
        <p>
          {t.held} <strong data-testid="my-bookings">{status.bookings}</strong>
        </p>
      </section>

      {status.excluded ? (
        <section className="card" aria-labelledby="include-heading">
          <h2 id="include-heading">{t.includeHeading}</h2>
          <p>{fillSlots(t.includeBody, { not: <strong>{t.includeNot}</strong> })}</p>
          <form action={includeMe}>
            <button type="submit" className="button button--secondary">
              {t.includeAction}
            </button>
          </form>
        </section>
      ) : (
        <section className="card" aria-labelledby="exclude-heading">
          <h2 id="exclude-heading">{t.excludeHeading}</h2>
          <ul>
            <li>{t.excludeDeletes(status.bookings)}</li>
            <li>{t.excludeSkips}</li>
            {/* The live k: the same threshold the admin page applies before it shows the count. */}
            <li>{t.excludeAdmins(settings.minGroupSize)}</li>
          </ul>
          <form action={excludeMe}>
            <button type="submit" className="button button--primary">
              {t.excludeAction}
            </button>
          </form>
        </section>
      )}
      <p>
        <Link href="/privacy">{t.privacyLink}</Link>
      </p>
    </main>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";
import type { SearchParams } from "@/lib/analytics/filters";
import { listWhatIfRooms, runWhatIf } from "@/lib/analytics/what-if";
import { hasScenario, parseWhatIfParams } from "@/lib/analytics/what-if-input";
import { requirePermission } from "@/lib/auth/viewer";
import { getFormatters } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { WhatIfForm } from "./_components/what-if-form";
import { WhatIfSummary } from "./_components/what-if-summary";
import { WhatIfTables } from "./_components/what-if-tables";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.whatIf.metaTitle };
}

export default async function WhatIfPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  // Planners and admins: the replay shows aggregates of everyone's bookings, suppressed like the dashboard.
  await requirePermission("dashboard.read");
  const [{ db }, { locale, t: dictionary }, params] = await Promise.all([getDatabase(), getI18n(), searchParams]);
  const t = dictionary.whatIf;
  const format = getFormatters(locale);
  const rooms = await listWhatIfRooms(db);
  const buildings = [...new Set(rooms.map((room) => room.building))].sort((a, b) => a.localeCompare(b));
  const { input, ignoredRows } = parseWhatIfParams(params, new Date(), new Set(rooms.map((room) => room.id)), new Set(buildings));
  const result = hasScenario(input) ? await runWhatIf(db, input) : null;

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <p className="page__intro">{t.intro}</p>
      <WhatIfForm input={input} rooms={rooms} buildings={buildings} t={t} format={format} />
      {ignoredRows > 0 && (
        <p className="notice" role="alert">
          {t.ignoredRows(ignoredRows)}
        </p>
      )}
      {result === null ? (
        <p className="muted">{t.chooseSomething}</p>
      ) : (
        <section className="card" aria-labelledby="what-if-result" data-testid="what-if-result">
          <h2 id="what-if-result">
            {t.resultsHeading}: <span className="page__range">{format.dayRange(result.range)}</span>
          </h2>
          <WhatIfSummary result={result} t={t} common={dictionary.common} format={format} />
          <WhatIfTables result={result} t={t} common={dictionary.common} format={format} />
        </section>
      )}
      <details className="card">
        <summary>{t.rulesHeading}</summary>
        <ul>
          <li>{t.ruleOrder}</li>
          <li>{t.ruleSeats}</li>
          <li>{t.ruleChoice}</li>
          <li>{t.rulePressure}</li>
        </ul>
      </details>
    </main>
  );
}

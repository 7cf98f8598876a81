import type { Metadata } from "next";
import { connection } from "next/server";
import { defaultDataDir } from "@/db/client";
import { getI18n } from "@/lib/i18n/server";
import { getPanelFacts } from "@/lib/privacy/panel-facts";
import { getDatabase } from "@/lib/server/database";
import { DataJourney } from "./_components/data-journey";
import { ExclusionCall } from "./_components/exclusion-call";
import { InventoryTables } from "./_components/inventory-tables";
import { LiveSettings } from "./_components/live-settings";
import { NeverCollected } from "./_components/never-collected";
import { Purposes } from "./_components/purposes";
import { Rights } from "./_components/rights";
import styles from "./_components/privacy.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.privacy.metaTitle, description: t.privacy.metaDescription };
}

/**
 * The privacy panel (privacy invariant 7): for everyone, signed in or not, rendered on the server from
 * the data inventory in code plus the settings in force, so it can never describe a product that no
 * longer exists. Deliberately free of client JavaScript.
 */
export default async function PrivacyPage() {
  // The settings are live: read them on every request, never at build time.
  await connection();
  const { locale, t } = await getI18n();
  const { db } = await getDatabase();
  const facts = await getPanelFacts(db, process.env, defaultDataDir());
  const live = { k: facts.minGroupSize, days: facts.retentionDays };

  return (
    <main id="main" className={`page ${styles.page}`}>
      <div>
        <h1>{t.privacy.title}</h1>
        <p className={styles.lead}>{t.privacy.intro(live.k)}</p>
      </div>
      <ExclusionCall t={t.privacy.exclusion} />
      <LiveSettings t={t.privacy.live} locale={locale} facts={facts} />
      <Purposes t={t.privacy.purposes} />
      <DataJourney t={t.privacy.journey} live={live} />
      <NeverCollected t={t.privacy.neverCollected} locale={locale} />
      <InventoryTables t={t.privacy.inventory} locale={locale} live={live} />
      <Rights t={t.privacy} live={live} controllerContact={facts.controllerContact} />
    </main>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatClock, getFormatters } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { getSettings } from "@/lib/settings";
import { AdminNav } from "../_nav";
import { saveSettings, saveThresholds } from "./actions";
import { ThresholdsForm } from "./thresholds-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.admin.settings.metaTitle };
}

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

type Field = keyof Dictionary["admin"]["settings"]["invalid"];
type Props = { searchParams: Promise<{ saved?: string; invalid?: string; savedThresholds?: string; invalidThresholds?: string }> };

/** The fields the action refused (`?invalid=minGroupSize,workdays`); anything unknown is ignored. */
function parseInvalid(value: string | undefined, known: Readonly<Record<Field, string>>): Field[] {
  return (value ?? "").split(",").filter((field): field is Field => Object.hasOwn(known, field));
}

export default async function SettingsPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.admin.settings;
  const format = getFormatters(locale);
  const settings = await getSettings(db);
  const { saved, invalid, savedThresholds, invalidThresholds } = await searchParams;
  const refused = parseInvalid(invalid, t.invalid);
  const savedCount = Number(saved);

  return (
    <main id="main" className="page page--narrow">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/settings" />
      {refused.length > 0 && (
        <p className="notice" role="alert">
          {t.notSaved} {refused.map((field) => t.invalid[field]).join(" ")}
        </p>
      )}
      {saved !== undefined && refused.length === 0 && Number.isInteger(savedCount) && (
        <p className="notice" role="status">
          {savedCount === 0 ? t.nothingChanged : t.saved(savedCount)}
        </p>
      )}
      <form action={saveSettings} className="card" data-testid="settings-form">
        <div className="form-row">
          <label htmlFor="minGroupSize">{t.minGroupSize}</label>
          <input id="minGroupSize" name="minGroupSize" type="number" min={5} max={100} defaultValue={settings.minGroupSize} required />
          <span className="hint">{t.minGroupSizeHint}</span>
        </div>
        <div className="form-row">
          <label htmlFor="retentionDays">{t.retentionDays}</label>
          <input id="retentionDays" name="retentionDays" type="number" min={30} max={760} defaultValue={settings.retentionDays} required />
          <span className="hint">{t.retentionDaysHint}</span>
        </div>
        <div className="form-row">
          <label htmlFor="workdayStart">{t.workdayStart}</label>
          <input id="workdayStart" name="workdayStart" type="time" defaultValue={formatClock(settings.workdayStartMinute)} required />
        </div>
        <div className="form-row">
          <label htmlFor="workdayEnd">{t.workdayEnd}</label>
          <input id="workdayEnd" name="workdayEnd" type="time" defaultValue={formatClock(settings.workdayEndMinute)} required />
          <span className="hint">{t.workdayEndHint}</span>
        </div>
        <fieldset className="form-row">
          <legend>{t.workdays}</legend>
          {ISO_WEEKDAYS.map((day) => (
            <label key={day}>
              <input type="checkbox" name="workdays" value={day} defaultChecked={settings.workdays.includes(day)} />{" "}
              {format.weekdayLong(day)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary">
          {t.save}
        </button>
      </form>
      <ThresholdsForm
        action={saveThresholds}
        overrides={settings.recommendationThresholds}
        saved={savedThresholds}
        invalid={invalidThresholds}
        t={dictionary.thresholdsAdmin}
        format={format}
      />
    </main>
  );
}

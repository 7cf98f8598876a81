import type { Metadata } from "next";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";
import { getSettings } from "@/lib/settings";
import { AdminNav } from "../_nav";
import { saveSettings } from "./actions";

export const metadata: Metadata = { title: "Privacy and working hours" };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

type Props = { searchParams: Promise<{ saved?: string; error?: string }> };

export default async function SettingsPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const settings = await getSettings((await getDatabase()).db);
  const { saved, error } = await searchParams;

  return (
    <main id="main" className="page page--narrow">
      <h1>Privacy and working hours</h1>
      <AdminNav current="/admin/settings" />
      {error && (
        <p className="notice" role="alert">
          Not saved: {error}
        </p>
      )}
      {saved !== undefined && !error && (
        <p className="notice" role="status">
          {saved === "0" ? "Nothing changed." : `Saved ${saved} change(s); each is in the audit log.`}
        </p>
      )}
      <form action={saveSettings} className="card" data-testid="settings-form">
        <div className="form-row">
          <label htmlFor="minGroupSize">Smallest group shown (k)</label>
          <input id="minGroupSize" name="minGroupSize" type="number" min={5} max={100} defaultValue={settings.minGroupSize} required />
          <span className="hint">Every number shown covers at least k distinct organizers; smaller cells are suppressed. 5–100.</span>
        </div>
        <div className="form-row">
          <label htmlFor="retentionDays">Keep pseudonymised bookings for (days)</label>
          <input id="retentionDays" name="retentionDays" type="number" min={30} max={760} defaultValue={settings.retentionDays} required />
          <span className="hint">Older bookings are deleted by the daily purge. 30–760.</span>
        </div>
        <div className="form-row">
          <label htmlFor="workdayStart">Working day starts</label>
          <input id="workdayStart" name="workdayStart" type="time" defaultValue={hhmm(settings.workdayStartMinute)} required />
        </div>
        <div className="form-row">
          <label htmlFor="workdayEnd">Working day ends</label>
          <input id="workdayEnd" name="workdayEnd" type="time" defaultValue={hhmm(settings.workdayEndMinute)} required />
          <span className="hint">In each room&apos;s own time zone.</span>
        </div>
        <fieldset className="form-row">
          <legend>Working days</legend>
          {WEEKDAYS.map((day, index) => (
            <label key={day}>
              <input type="checkbox" name="workdays" value={index + 1} defaultChecked={settings.workdays.includes(index + 1)} /> {day}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary">
          Save settings
        </button>
      </form>
    </main>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { listBuildings, listOrganisationClosures, type BuildingOverview } from "@/lib/buildings/manage";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatClock, getFormatters, type Formatters } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { getSettings } from "@/lib/settings";
import { AdminNav } from "../_nav";
import { saveBuildingTimeAction, setBuildingTimeZoneAction } from "./actions";
import { ClosureList } from "./closure-list";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.buildingsAdmin.metaTitle };
}

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

type Text = Dictionary["buildingsAdmin"];
type Field = keyof Text["invalid"];
type Done = keyof Text["done"];
type Props = { searchParams: Promise<{ done?: string; invalid?: string; for?: string }> };
type Organisation = { startMinute: number; endMinute: number; workdays: number[] };

/** The fields the action refused (`?invalid=workdayEnd`); anything unknown is ignored. */
function parseInvalid(value: string | undefined, known: Text["invalid"]): Field[] {
  return (value ?? "").split(",").filter((field): field is Field => Object.hasOwn(known, field));
}

export default async function BuildingsPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.buildingsAdmin;
  const format = getFormatters(locale);
  const [list, organisationClosures, settings] = await Promise.all([listBuildings(db), listOrganisationClosures(db), getSettings(db)]);
  const organisation = { startMinute: settings.workdayStartMinute, endMinute: settings.workdayEndMinute, workdays: settings.workdays };
  const { done, invalid, for: target } = await searchParams;
  const refused = parseInvalid(invalid, t.invalid);
  const outcome = done && Object.hasOwn(t.done, done) ? t.done[done as Done] : null;
  // Said beside the building it is about (the redirect lands on it), or at the top for every building.
  const message = (building: string) =>
    (target ?? "") !== building ? null : refused.length > 0 ? (
      <p className="notice" role="alert">
        {t.notSaved} {refused.map((field) => t.invalid[field]).join(" ")}
      </p>
    ) : outcome ? (
      <p className="notice" role="status">
        {outcome}
      </p>
    ) : null;

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/buildings" />
      <p className="muted">{t.intro}</p>
      <datalist id="time-zones">
        {Intl.supportedValuesOf("timeZone").map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <section className="card" id="organisation" aria-labelledby="organisation-heading">
        <h2 id="organisation-heading">{t.organisation}</h2>
        {message("")}
        <p className="muted">{t.organisationIntro}</p>
        <h3>{t.closures}</h3>
        <ClosureList building="" where={t.organisation} closures={organisationClosures} t={t} format={format} />
      </section>
      {list.length === 0 && <p className="muted">{t.empty}</p>}
      {list.map((building) => (
        <BuildingCard key={building.name} building={building} organisation={organisation} message={message(building.name)} t={t} format={format} />
      ))}
    </main>
  );
}

type CardProps = { building: BuildingOverview; organisation: Organisation; message: React.ReactNode; t: Text; format: Formatters };

function BuildingCard({ building, organisation, message, t, format }: CardProps) {
  // Ids from the position-free name, so a label always finds its field (names may hold spaces).
  const slug = encodeURIComponent(building.name);
  const id = (name: string) => `${name}-${slug}`;
  const hours = (start: number, end: number) => `${formatClock(start)}–${formatClock(end)}`;
  const days = (list: readonly number[]) => list.map((d) => format.weekdayShort(d)).join(", ");
  const own = building.hours;
  const ownDays = building.workdays;
  return (
    <section className="card" id={`building-${slug}`} aria-labelledby={id("heading")}>
      <h2 id={id("heading")}>
        {building.name} <span className="muted">({t.rooms(building.rooms)})</span>
      </h2>
      {message}
      <p>
        {t.summary(
          own ? hours(own.startMinute, own.endMinute) : t.defaultHours(hours(organisation.startMinute, organisation.endMinute)),
          ownDays ? days(ownDays) : t.defaultDays(days(organisation.workdays)),
        )}
      </p>

      <form action={setBuildingTimeZoneAction}>
        <input type="hidden" name="building" value={building.name} />
        <div className="form-row">
          <label htmlFor={id("zone")}>{t.timeZone}</label>
          <input id={id("zone")} name="timeZone" list="time-zones" defaultValue={building.timeZones.length === 1 ? building.timeZones[0] : ""} required aria-describedby={id("zone-hint")} />
          <span className="hint" id={id("zone-hint")}>
            {building.timeZones.length > 1 ? `${t.mixedZones(building.timeZones.join(", "))} ` : ""}
            {t.timeZoneHint}
          </span>
        </div>
        <button type="submit" className="button">
          {t.saveTimeZone}
        </button>
      </form>

      <form action={saveBuildingTimeAction}>
        <input type="hidden" name="building" value={building.name} />
        <fieldset className="form-row">
          <legend>{t.hours}</legend>
          <label>
            <input type="radio" name="hours" value="default" defaultChecked={!own} /> {t.defaultHours(hours(organisation.startMinute, organisation.endMinute))}
          </label>
          <label>
            <input type="radio" name="hours" value="own" defaultChecked={own !== null} /> {t.ownHours}
          </label>
          <label htmlFor={id("start")}>{t.start}</label>
          <input id={id("start")} name="workdayStart" type="time" defaultValue={formatClock(own?.startMinute ?? organisation.startMinute)} />
          <label htmlFor={id("end")}>{t.end}</label>
          <input id={id("end")} name="workdayEnd" type="time" defaultValue={formatClock(own?.endMinute ?? organisation.endMinute)} />
        </fieldset>
        <fieldset className="form-row">
          <legend>{t.days}</legend>
          <label>
            <input type="radio" name="days" value="default" defaultChecked={!ownDays} /> {t.defaultDays(days(organisation.workdays))}
          </label>
          <label>
            <input type="radio" name="days" value="own" defaultChecked={ownDays !== null} /> {t.ownDays}
          </label>
          {ISO_WEEKDAYS.map((day) => (
            <label key={day}>
              <input type="checkbox" name="workdays" value={day} defaultChecked={(ownDays ?? organisation.workdays).includes(day)} /> {format.weekdayLong(day)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary">
          {t.saveTime}
        </button>
      </form>

      <h3>{t.closures}</h3>
      <ClosureList building={building.name} where={building.name} closures={building.closures} t={t} format={format} />
    </section>
  );
}

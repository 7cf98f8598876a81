import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";
import { addClosureDayAction, removeClosureDayAction } from "./actions";

type Props = {
  /** The building's name; "" for closure days of every building. */
  building: string;
  /** The building's name in words, for labels ("Every building" for ""). */
  where: string;
  closures: readonly { day: string; label: string }[];
  t: Dictionary["buildingsAdmin"];
  format: Formatters;
};

/** A building's closure days, each with its own remove button, and a form to add one. */
export function ClosureList({ building, where, closures, t, format }: Props) {
  const id = (name: string) => `closure-${name}-${building || "all"}`;
  return (
    <div>
      {closures.length === 0 ? (
        <p className="muted">{t.noClosures}</p>
      ) : (
        <ul className="closure-list">
          {closures.map((closure) => (
            <li key={closure.day}>
              <form action={removeClosureDayAction}>
                <input type="hidden" name="building" value={building} />
                <input type="hidden" name="day" value={closure.day} />
                <time dateTime={closure.day}>{format.dayRange({ from: closure.day, to: closure.day })}</time>
                {closure.label && ` — ${closure.label}`}{" "}
                <button type="submit" className="button button--secondary" aria-label={t.removeLabel(format.dayRange({ from: closure.day, to: closure.day }), where)}>
                  {t.remove}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form action={addClosureDayAction} className="inline-form">
        <input type="hidden" name="building" value={building} />
        <div className="form-row">
          <label htmlFor={id("day")}>{t.day}</label>
          <input id={id("day")} name="day" type="date" required />
        </div>
        <div className="form-row">
          <label htmlFor={id("label")}>{t.label}</label>
          <input id={id("label")} name="label" type="text" maxLength={100} />
        </div>
        <button type="submit" className="button">
          {t.addClosure}
        </button>
      </form>
    </div>
  );
}

import type { ReactNode } from "react";
import type { RoomUtilisation } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { getFormatters } from "@/lib/i18n/format";
import { intlLocale, type Locale } from "@/lib/i18n/locales";
import { RoomFigures } from "./room-figures";
import { roomText, toRoomRows } from "./room-rows";

/** Highest utilisation first; suppressed rooms have no value to rank by, so they go last, by name. */
export function sortRoomsByUtilisation(rooms: readonly RoomUtilisation[], locale: Locale = "en"): RoomUtilisation[] {
  const collator = new Intl.Collator(intlLocale[locale]);
  return [...rooms].sort((a, b) => {
    const ua = a.suppressed ? null : a.utilisation;
    const ub = b.suppressed ? null : b.utilisation;
    if (ua !== null && ub !== null && ua !== ub) return ub - ua;
    if (ua === null && ub !== null) return 1;
    if (ub === null && ua !== null) return -1;
    return collator.compare(a.name, b.name) || a.id - b.id;
  });
}

type Props = {
  rooms: RoomUtilisation[];
  t: Dictionary["dashboard"]["rooms"];
  suppressed: { word: string; note: string };
  locale: Locale;
  /** Shown under the table: the overview puts the downloads of these figures there. */
  footer?: ReactNode;
};

export function RoomUtilisationSection({ rooms, t, suppressed, locale, footer }: Props) {
  const format = getFormatters(locale);
  const rows = toRoomRows(sortRoomsByUtilisation(rooms, locale), format);
  return (
    <section className="card" aria-labelledby="rooms-heading">
      <header className="card__header">
        <h2 id="rooms-heading">{t.heading}</h2>
        <p className="card__sub">{t.sub}</p>
      </header>
      <RoomFigures rows={rows} text={roomText(t, suppressed, format)} chartLabel={t.chartLabel} />
      {footer}
    </section>
  );
}

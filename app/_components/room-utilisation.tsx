import type { ReactNode } from "react";
import type { RoomUtilisation } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { getFormatters } from "@/lib/i18n/format";
import { intlLocale, type Locale } from "@/lib/i18n/locales";
import { RoomChart, type RoomChartRow, type RoomChartText } from "./room-chart";
import { RoomTable } from "./room-table";

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

const TICKS = [0, 0.25, 0.5, 0.75, 1];

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
  const sorted = sortRoomsByUtilisation(rooms, locale);
  // Only what the chart draws crosses to the client, already in words: counts stay in the
  // server-rendered table, and the client needs neither the dictionary nor a locale.
  const chartRows: RoomChartRow[] = sorted.map((room) => {
    const hidden = room.suppressed || room.utilisation === null;
    const share = hidden ? null : room.utilisation;
    return {
      key: String(room.id),
      name: room.name,
      place: [room.building, room.floor && t.floor(room.floor)].filter(Boolean).join(" · "),
      utilisation: share,
      suppressed: hidden,
      valueLabel: share === null ? "" : format.percent(share),
      detail: share === null ? suppressed.note : t.utilised(format.percent(share)),
    };
  });
  const chartText: RoomChartText = {
    title: t.chartTitle,
    description: t.chartDescription,
    suppressed: suppressed.word,
    ticks: TICKS.map((value) => ({ value, label: format.percent(value) })),
  };

  return (
    <section className="card" aria-labelledby="rooms-heading">
      <header className="card__header">
        <h2 id="rooms-heading">{t.heading}</h2>
        <p className="card__sub">{t.sub}</p>
      </header>
      <div className="scroll-y chart-frame" data-testid="room-chart" role="region" aria-label={t.chartLabel} tabIndex={0}>
        <RoomChart rows={chartRows} text={chartText} />
      </div>
      <RoomTable rooms={sorted} t={t} suppressedNote={suppressed.note} format={format} />
      {footer}
    </section>
  );
}

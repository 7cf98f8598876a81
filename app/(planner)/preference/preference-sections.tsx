import { BarChart, type ChartRow } from "@/app/_components/planner/bar-chart";
import { ChartCard } from "@/app/_components/planner/chart-card";
import { chartCell, largest, niceAxis } from "@/app/_components/planner/chart-data";
import { buildingText, type PlannerFormat } from "@/app/_components/planner/format";
import { seriesColour } from "@/app/_components/planner/palette";
import { RecommendationList } from "@/app/_components/planner/recommendation-list";
import type { PreferenceView } from "@/lib/analytics/views/data";
import { compareAttributes, rankByPreference } from "@/lib/analytics/views/preference-attributes";
import type { ViewTables } from "@/lib/analytics/views/tables";
import type { Dictionary } from "@/lib/i18n/dictionary";

type Props = { view: PreferenceView; tables: ViewTables<"preference">; t: Dictionary; format: PlannerFormat };

/** Rooms ranked by preference index (with revealed preference), and what the preferred ones have. */
export function PreferenceSections({ view, tables, t, format }: Props) {
  const text = t.planner;
  const suppressedNote = t.common.suppressedNote(view.minGroupSize);
  const common = { target: { view: "preference" as const, range: view.range, filters: view.filters }, t: text, suppressedNote, format };
  const { preferredIndex, avoidedIndex } = view.thresholds;
  const headers = {
    preferred: `${text.columns.preferred} (> ${format.ratio(preferredIndex)})`,
    avoided: `${text.columns.avoided} (< ${format.ratio(avoidedIndex)})`,
  };
  return (
    <>
      <RecommendationList recommendations={view.recommendations} t={text} format={format} suppressedNote={suppressedNote} />
      <ChartCard
        id="preference-rooms"
        title={text.preference.rooms.heading}
        sub={text.preference.rooms.sub}
        summary={summariseRanking(view, text, format)}
        chart={<RankingChart view={view} t={t} format={format} />}
        table={tables.rooms}
        {...common}
      />
      <ChartCard
        id="preference-attributes"
        title={text.preference.attributes.heading}
        sub={text.preference.attributes.sub(format.ratio(preferredIndex), format.ratio(avoidedIndex))}
        summary={summariseAttributes(view, text, format)}
        table={tables.attributes}
        tableOpen
        headers={headers}
        {...common}
      />
    </>
  );
}

function summariseRanking(view: PreferenceView, t: Dictionary["planner"], format: PlannerFormat): string {
  const ranked = rankByPreference(view.preference).filter((room) => room.preferenceIndex !== null);
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  if (!top || !bottom || top.preferenceIndex === null || bottom.preferenceIndex === null) return t.preference.rooms.none;
  return t.preference.rooms.summary(top.name, format.ratio(top.preferenceIndex), bottom.name, format.ratio(bottom.preferenceIndex));
}

/** The amenity whose share differs most between preferred and avoided rooms. */
function summariseAttributes(view: PreferenceView, t: Dictionary["planner"], format: PlannerFormat): string {
  const rows = compareAttributes(view.preference, view.thresholds);
  const contrasts = rows.flatMap((row) => {
    const [preferred, , avoided] = row.values;
    if (row.label.kind !== "amenityShare" || typeof preferred !== "number" || typeof avoided !== "number") return [];
    return [{ amenity: row.label.amenity, preferred, avoided }];
  });
  const clearest = contrasts.sort((a, b) => Math.abs(b.preferred - b.avoided) - Math.abs(a.preferred - a.avoided))[0];
  if (!clearest) return t.preference.attributes.noContrast;
  return t.preference.attributes.summary(clearest.amenity, format.share(clearest.preferred), format.share(clearest.avoided));
}

function RankingChart({ view, t, format }: { view: PreferenceView; t: Dictionary; format: PlannerFormat }) {
  const text = t.planner;
  const rows: ChartRow[] = rankByPreference(view.preference)
    .filter((room) => room.peers > 0)
    .map((room) => ({
      key: String(room.id),
      label: `${room.name} · ${buildingText(room.building, text)}`,
      cells: [chartCell(room.preferenceIndex, room.indexSuppressed, format.ratio)],
    }));
  const axis = niceAxis(Math.max(view.thresholds.preferredIndex, largest(view.preference.map((room) => room.preferenceIndex))), format.ratio);
  const { preferredIndex, avoidedIndex } = view.thresholds;
  return (
    <BarChart
      series={[{ key: "index", label: text.columns.preferenceIndex, colour: seriesColour(0) }]}
      rows={rows}
      domainMax={axis.domainMax}
      text={{
        title: text.preference.rooms.heading,
        description: text.preference.rooms.sub,
        suppressed: t.common.suppressed,
        suppressedNote: t.common.suppressedNote(view.minGroupSize),
        ticks: axis.ticks,
        references: [
          { value: avoidedIndex, label: text.recommendations.threshold.avoidedIndex(format.ratio(avoidedIndex)), short: format.ratio(avoidedIndex) },
          { value: 1, label: text.preference.rooms.evenLine, short: format.ratio(1) },
          { value: preferredIndex, label: text.recommendations.threshold.preferredIndex(format.ratio(preferredIndex)), short: format.ratio(preferredIndex) },
        ],
        legend: text.chart.legend,
      }}
      labelWidth={210}
    />
  );
}

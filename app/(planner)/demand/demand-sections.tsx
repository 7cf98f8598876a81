import { BarChart, type ChartRow } from "@/app/_components/planner/bar-chart";
import { ChartCard } from "@/app/_components/planner/chart-card";
import { chartCell, largest, niceAxis } from "@/app/_components/planner/chart-data";
import { Downloads } from "@/app/_components/planner/downloads";
import { bandText, buildingText, type PlannerFormat } from "@/app/_components/planner/format";
import { seriesColour } from "@/app/_components/planner/palette";
import { RecommendationList } from "@/app/_components/planner/recommendation-list";
import { Heatmap } from "@/app/_components/heatmap";
import { capacityBandIds } from "@/lib/analytics/bands";
import { PRESSURE_SHARE, type PressureGroup } from "@/lib/analytics/pressure";
import type { DemandView } from "@/lib/analytics/views/data";
import type { ViewTables } from "@/lib/analytics/views/tables";
import type { Dictionary } from "@/lib/i18n/dictionary";

type Props = { view: DemandView; tables: ViewTables<"demand">; t: Dictionary; format: PlannerFormat };

/** Pressure by band and building, peak days, and the hour × weekday heatmap. */
export function DemandSections({ view, tables, t, format }: Props) {
  const text = t.planner;
  const suppressedNote = t.common.suppressedNote(view.minGroupSize);
  const target = { view: "demand" as const, range: view.range, filters: view.filters };
  const common = { target, t: text, suppressedNote, format };
  return (
    <>
      <RecommendationList recommendations={view.recommendations} t={text} format={format} suppressedNote={suppressedNote} />
      <ChartCard
        id="pressure"
        title={text.demand.pressure.heading}
        sub={text.demand.pressure.sub}
        summary={summarisePressure(view.pressure, text, format)}
        chart={<PressureChart view={view} t={t} format={format} />}
        table={tables.pressure}
        {...common}
      />
      <ChartCard
        id="peak-days"
        title={text.demand.peakDays.heading}
        sub={text.demand.peakDays.sub}
        summary={summarisePeaks(view.pressure, text, format)}
        chart={<PeakDaysChart view={view} t={t} format={format} />}
        table={tables["peak-days"]}
        {...common}
      />
      <Heatmap
        metrics={view.dashboard}
        t={t.dashboard.heatmap}
        suppressed={{ word: t.common.suppressed, note: suppressedNote }}
        format={format}
        footer={<Downloads target={target} table="heatmap" title={t.dashboard.heatmap.heading} t={text.download} />}
      />
    </>
  );
}

/** Groups a planner could add rooms to: one building's band of two rooms or more (as the recommendations judge). */
const placeable = (group: PressureGroup) => group.building !== null && group.rooms >= 2;

function summarisePressure(groups: PressureGroup[], t: Dictionary["planner"], format: PlannerFormat): string {
  const shown = groups.filter((group) => group.pressure !== null && placeable(group));
  const hidden = groups.filter((group) => group.suppressed).length;
  const top = shown.reduce<PressureGroup | null>((best, group) => (best === null || (group.pressure ?? 0) > (best.pressure ?? 0) ? group : best), null);
  const parts = [top ? t.demand.pressure.summary(bandText(top.band, t), buildingText(top.building, t), format.share(top.pressure ?? 0)) : t.demand.pressure.none];
  if (hidden > 0) parts.push(t.demand.pressure.suppressedCount(hidden, groups.length));
  return parts.join(" ");
}

function PressureChart({ view, t, format }: { view: DemandView; t: Dictionary; format: PlannerFormat }) {
  const text = t.planner;
  const buildings = [...new Set(view.pressure.map((group) => group.building))];
  const bands = capacityBandIds.filter((band) => view.pressure.some((group) => group.band === band));
  const rows: ChartRow[] = bands.map((band) => ({
    key: band,
    label: bandText(band, text),
    cells: buildings.map((building) => {
      const group = view.pressure.find((g) => g.band === band && g.building === building);
      return group ? chartCell(group.pressure, group.suppressed, format.share) : { value: null, suppressed: false, text: "" };
    }),
  }));
  const threshold = view.thresholds.highPressure;
  const axis = niceAxis(Math.max(threshold, largest(view.pressure.map((group) => group.pressure))), format.share);
  return (
    <BarChart
      series={buildings.map((building, i) => ({ key: building ?? "*", label: buildingText(building, text), colour: seriesColour(i) }))}
      rows={rows}
      domainMax={axis.domainMax}
      text={{
        title: text.demand.pressure.heading,
        description: text.demand.pressure.sub,
        suppressed: t.common.suppressed,
        suppressedNote: t.common.suppressedNote(view.minGroupSize),
        ticks: axis.ticks,
        references: [{ value: threshold, label: text.recommendations.threshold.highPressure(format.share(threshold)) }],
        legend: text.chart.legend,
      }}
      labelWidth={110}
    />
  );
}

type PeakDay = { day: string; peak: number; group: PressureGroup };

/** Groups of two rooms or more: a one-room group is "at its peak" whenever its room is booked. */
const comparable = (group: PressureGroup) => group.rooms >= 2;

/** The busiest day: the highest share of a group's rooms booked at once, then the most rooms. */
function busiestDay(groups: PressureGroup[]): PeakDay | undefined {
  return groups
    .filter(comparable)
    .flatMap((group) => group.peakDays.flatMap((day) => (day.peak === null ? [] : [{ day: day.day, peak: day.peak, group }])))
    .sort((a, b) => b.peak / b.group.rooms - a.peak / a.group.rooms || b.peak - a.peak || a.day.localeCompare(b.day))[0];
}

function summarisePeaks(groups: PressureGroup[], t: Dictionary["planner"], format: PlannerFormat): string {
  const top = busiestDay(groups);
  if (!top) return t.demand.peakDays.none;
  return t.demand.peakDays.summary(format.day(top.day), top.peak, top.group.rooms, bandText(top.group.band, t), buildingText(top.group.building, t));
}

/**
 * Per band and building, the share of days whose peak reached the pressure line (80 % of the group's
 * rooms), counted over the days whose peak is shown: suppressed days are neither peak nor quiet.
 */
function PeakDaysChart({ view, t, format }: { view: DemandView; t: Dictionary; format: PlannerFormat }) {
  const text = t.planner;
  const groups = view.pressure.filter(comparable);
  const buildings = [...new Set(groups.map((group) => group.building))];
  const bands = capacityBandIds.filter((band) => groups.some((group) => group.band === band));
  const rows: ChartRow[] = bands.map((band) => ({
    key: band,
    label: bandText(band, text),
    cells: buildings.map((building) => {
      const group = groups.find((g) => g.band === band && g.building === building);
      if (!group) return { value: null, suppressed: false, text: "" };
      const shown = group.peakDays.filter((day) => day.peak !== null);
      const atPeak = shown.filter((day) => (day.peak ?? 0) >= PRESSURE_SHARE * group.rooms).length;
      if (shown.length === 0) return { value: null, suppressed: group.peakDays.length > 0, text: "" };
      return { value: atPeak / shown.length, suppressed: false, text: text.demand.peakDays.daysOf(atPeak, shown.length) };
    }),
  }));
  const axis = niceAxis(largest(rows.flatMap((row) => row.cells.map((cell) => cell.value))), format.share);
  return (
    <BarChart
      series={buildings.map((building, i) => ({ key: building ?? "*", label: buildingText(building, text), colour: seriesColour(i) }))}
      rows={rows}
      domainMax={axis.domainMax}
      text={{
        title: text.demand.peakDays.heading,
        description: text.demand.peakDays.sub,
        suppressed: t.common.suppressed,
        suppressedNote: t.common.suppressedNote(view.minGroupSize),
        ticks: axis.ticks,
        legend: text.chart.legend,
      }}
      labelWidth={110}
      valueWidth={110}
    />
  );
}

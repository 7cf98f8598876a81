import { BarChart, type ChartRow, type ChartSeries } from "@/app/_components/planner/bar-chart";
import { ChartCard } from "@/app/_components/planner/chart-card";
import { chartCell, largest, niceAxis } from "@/app/_components/planner/chart-data";
import { labelText, type PlannerFormat } from "@/app/_components/planner/format";
import { seriesColour } from "@/app/_components/planner/palette";
import { RecommendationList } from "@/app/_components/planner/recommendation-list";
import { SummaryTiles } from "@/app/_components/planner/summary-tiles";
import type { HistogramBar } from "@/lib/analytics/behaviour-suppression";
import type { BehaviourView } from "@/lib/analytics/views/data";
import type { ViewTables } from "@/lib/analytics/views/tables";
import type { Dictionary } from "@/lib/i18n/dictionary";

type Props = { view: BehaviourView; tables: ViewTables<"behaviour">; t: Dictionary; format: PlannerFormat };

/** No-shows and hours lost, occupied time, cancellations, lead time, durations, and weekly trends. */
export function BehaviourSections({ view, tables, t, format }: Props) {
  const text = t.planner;
  const suppressedNote = t.common.suppressedNote(view.minGroupSize);
  const target = { view: "behaviour" as const, range: view.range, filters: view.filters };
  const common = { target, t: text, suppressedNote, format };
  const chartText = (title: string, description: string, ticks: { value: number; label: string }[]) => ({
    title,
    description,
    suppressed: t.common.suppressed,
    suppressedNote,
    ticks,
    legend: text.chart.legend,
  });
  const { ghostRate, occupiedUtilisation: occupied, behaviour, trends } = view;
  const hours = (value: number) => text.units.hours(format.hours(value));

  const ghostRooms = [...ghostRate.byRoom].sort(
    (a, b) => (b.ghostRate ?? -1) - (a.ghostRate ?? -1) || a.name.localeCompare(b.name),
  );
  const topGhost = ghostRooms.find((room) => room.ghostRate !== null);
  const ghostAxis = niceAxis(Math.max(view.thresholds.highGhostRate, largest(ghostRate.byRoom.map((room) => room.ghostRate))), format.share);

  const occupiedAxis = niceAxis(largest(occupied.byRoom.map((room) => room.occupiedUtilisation)), format.share);
  const lead = behaviour.leadTime;
  const underHour = lead.histogram[0];
  const durations = behaviour.durations;
  const commonest = durations.histogram.reduce<HistogramBar | null>((best, bar) => (bar.bookings !== null && (best === null || bar.bookings > (best.bookings ?? 0)) ? bar : best), null);
  const trendSeries: ChartSeries[] = [
    { key: "current", label: text.behaviour.trends.current, colour: seriesColour(0) },
    { key: "previous", label: text.behaviour.trends.previous, colour: seriesColour(1) },
  ];
  const trendAxis = niceAxis(largest(trends.weeks.flatMap((week) => [week.current.utilisation, week.previous?.utilisation ?? null])), format.share);

  return (
    <>
      <RecommendationList recommendations={view.recommendations} t={text} format={format} suppressedNote={suppressedNote} />
      <SummaryTiles table={tables.summary} heading={text.behaviour.kpiHeading} {...common} />
      <ChartCard
        id="ghosts"
        title={text.behaviour.ghosts.heading}
        sub={text.behaviour.ghosts.sub}
        summary={
          ghostRate.ghostRate !== null && ghostRate.hoursLost !== null && topGhost?.ghostRate != null
            ? text.behaviour.ghosts.summary(format.share(ghostRate.ghostRate), hours(ghostRate.hoursLost), topGhost.name, format.share(topGhost.ghostRate))
            : text.behaviour.ghosts.none
        }
        chart={
          <BarChart
            series={[{ key: "ghosts", label: text.columns.ghostRate, colour: seriesColour(3) }]}
            rows={ghostRooms.map((room) => ({ key: String(room.id), label: room.name, cells: [chartCell(room.ghostRate, room.suppressed, format.share)] }))}
            domainMax={ghostAxis.domainMax}
            text={{
              ...chartText(text.behaviour.ghosts.heading, text.behaviour.ghosts.sub, ghostAxis.ticks),
              references: [{ value: view.thresholds.highGhostRate, label: text.recommendations.threshold.highGhostRate(format.share(view.thresholds.highGhostRate)) }],
            }}
          />
        }
        table={tables.ghosts}
        {...common}
      />
      <ChartCard
        id="occupied"
        title={text.behaviour.occupied.heading}
        sub={text.behaviour.occupied.sub}
        summary={
          occupied.occupiedUtilisation !== null
            ? text.behaviour.occupied.summary(format.share(occupied.occupiedUtilisation), occupied.rooms)
            : text.behaviour.occupied.none
        }
        chart={
          occupied.byRoom.length > 0 ? (
            <BarChart
              series={[{ key: "occupied", label: text.columns.occupiedUtilisation, colour: seriesColour(2) }]}
              rows={occupied.byRoom.map((room) => ({ key: String(room.id), label: room.name, cells: [chartCell(room.occupiedUtilisation, room.suppressed, format.share)] }))}
              domainMax={occupiedAxis.domainMax}
              text={chartText(text.behaviour.occupied.heading, text.behaviour.occupied.sub, occupiedAxis.ticks)}
            />
          ) : undefined
        }
        table={tables.occupied}
        {...common}
      />
      <ChartCard
        id="lead-time"
        title={text.behaviour.leadTime.heading}
        sub={text.behaviour.leadTime.sub}
        summary={
          lead.medianHours !== null && underHour?.share != null
            ? text.behaviour.leadTime.summary(hours(lead.medianHours), format.share(underHour.share))
            : text.behaviour.leadTime.none
        }
        chart={<HistogramChart bars={lead.histogram} kind="leadBucket" title={text.behaviour.leadTime.heading} sub={text.behaviour.leadTime.sub} t={t} format={format} note={suppressedNote} />}
        table={tables["lead-time"]}
        {...common}
      />
      <ChartCard
        id="durations"
        title={text.behaviour.durations.heading}
        sub={text.behaviour.durations.sub}
        summary={
          commonest?.share != null
            ? text.behaviour.durations.summary(labelText({ kind: "durationBucket", bucket: commonest.bucket }, text, format), format.share(commonest.share))
            : text.behaviour.durations.none
        }
        chart={<HistogramChart bars={durations.histogram} kind="durationBucket" title={text.behaviour.durations.heading} sub={text.behaviour.durations.sub} t={t} format={format} note={suppressedNote} />}
        table={tables.durations}
        {...common}
      />
      <ChartCard
        id="trends"
        title={text.behaviour.trends.heading}
        sub={text.behaviour.trends.sub(format.dayRange(trends.previousRange))}
        summary={
          trends.current.utilisation !== null && trends.previous.utilisation !== null
            ? text.behaviour.trends.summary(format.share(trends.current.utilisation), format.share(trends.previous.utilisation))
            : text.behaviour.trends.none
        }
        chart={
          <BarChart
            series={trendSeries}
            rows={trends.weeks.map(({ current, previous }): ChartRow => ({
              key: current.weekStart,
              label: format.shortDay(current.weekStart),
              cells: [
                chartCell(current.utilisation, current.suppressed, format.share),
                previous ? chartCell(previous.utilisation, previous.suppressed, format.share) : { value: null, suppressed: false, text: "" },
              ],
            }))}
            domainMax={trendAxis.domainMax}
            text={chartText(text.behaviour.trends.heading, text.behaviour.trends.sub(format.dayRange(trends.previousRange)), trendAxis.ticks)}
            labelWidth={110}
          />
        }
        table={tables.trends}
        {...common}
      />
    </>
  );
}

type HistogramProps = {
  bars: HistogramBar[];
  kind: "leadBucket" | "durationBucket";
  title: string;
  sub: string;
  t: Dictionary;
  format: PlannerFormat;
  note: string;
};

function HistogramChart({ bars, kind, title, sub, t, format, note }: HistogramProps) {
  const axis = niceAxis(largest(bars.map((bar) => bar.share)), format.share);
  return (
    <BarChart
      series={[{ key: "share", label: t.planner.columns.share, colour: seriesColour(0) }]}
      rows={bars.map((bar) => ({
        key: bar.bucket,
        label: labelText({ kind, bucket: bar.bucket }, t.planner, format),
        cells: [chartCell(bar.share, bar.suppressed, format.share)],
      }))}
      domainMax={axis.domainMax}
      text={{ title, description: sub, suppressed: t.common.suppressed, suppressedNote: note, ticks: axis.ticks, legend: t.planner.chart.legend }}
      labelWidth={120}
    />
  );
}

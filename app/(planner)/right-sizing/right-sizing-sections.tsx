import { BarChart, type ChartRow } from "@/app/_components/planner/bar-chart";
import { ChartCard } from "@/app/_components/planner/chart-card";
import { chartCell, niceAxis } from "@/app/_components/planner/chart-data";
import { bandText, labelText, type PlannerFormat } from "@/app/_components/planner/format";
import { seriesColour } from "@/app/_components/planner/palette";
import { RecommendationList } from "@/app/_components/planner/recommendation-list";
import { seatFillBuckets } from "@/lib/analytics/seat-fill";
import type { SeatFillBand, SeatFillRoom } from "@/lib/analytics/seat-fill-suppression";
import type { RightSizingView } from "@/lib/analytics/views/data";
import type { ViewTables } from "@/lib/analytics/views/tables";
import type { Dictionary } from "@/lib/i18n/dictionary";

type Props = { view: RightSizingView; tables: ViewTables<"right-sizing">; t: Dictionary; format: PlannerFormat };

/** Seat-fill distribution per band, and rooms by seat fill against the "too big" threshold. */
export function RightSizingSections({ view, tables, t, format }: Props) {
  const text = t.planner;
  const suppressedNote = t.common.suppressedNote(view.minGroupSize);
  const common = { target: { view: "right-sizing" as const, range: view.range, filters: view.filters }, t: text, suppressedNote, format };
  const threshold = format.share(view.thresholds.lowSeatFill);
  return (
    <>
      <RecommendationList recommendations={view.recommendations} t={text} format={format} suppressedNote={suppressedNote} />
      <ChartCard
        id="seat-fill-bands"
        title={text.rightSizing.bands.heading}
        sub={text.rightSizing.bands.sub}
        summary={summariseBands(view, text, format)}
        chart={<BandChart view={view} t={t} format={format} />}
        table={tables.bands}
        {...common}
      />
      <ChartCard
        id="seat-fill-rooms"
        title={text.rightSizing.rooms.heading}
        sub={text.rightSizing.rooms.sub(threshold)}
        summary={summariseRooms(view, text, format)}
        chart={<RoomChart view={view} t={t} format={format} />}
        table={tables.rooms}
        {...common}
      />
    </>
  );
}

function summariseBands(view: RightSizingView, t: Dictionary["planner"], format: PlannerFormat): string {
  const shown = view.seatFill.byBand.filter((band): band is SeatFillBand & { seatFill: number } => band.seatFill !== null);
  const lowest = shown.reduce<(typeof shown)[number] | null>((low, band) => (low === null || band.seatFill < low.seatFill ? band : low), null);
  if (!lowest || view.seatFill.seatFill === null) return t.rightSizing.bands.none;
  return t.rightSizing.bands.summary(format.share(view.seatFill.seatFill), bandText(lowest.band, t), format.share(lowest.seatFill));
}

/** Rooms with a shown seat fill, emptiest first; suppressed rooms after them, by name. */
function roomsByFill(rooms: SeatFillRoom[]): SeatFillRoom[] {
  return [...rooms].sort((a, b) => {
    if (a.seatFill !== null && b.seatFill !== null && a.seatFill !== b.seatFill) return a.seatFill - b.seatFill;
    if (a.seatFill === null && b.seatFill !== null) return 1;
    if (b.seatFill === null && a.seatFill !== null) return -1;
    return a.name.localeCompare(b.name);
  });
}

function summariseRooms(view: RightSizingView, t: Dictionary["planner"], format: PlannerFormat): string {
  const [emptiest] = roomsByFill(view.seatFill.byRoom);
  if (!emptiest || emptiest.seatFill === null) return t.rightSizing.rooms.none;
  const threshold = view.thresholds.lowSeatFill;
  const below = view.seatFill.byRoom.filter((room) => room.seatFill !== null && room.seatFill < threshold).length;
  return below > 0
    ? t.rightSizing.rooms.summary(below, format.share(threshold), emptiest.name, format.share(emptiest.seatFill))
    : t.rightSizing.rooms.noneBelow(format.share(threshold), emptiest.name, format.share(emptiest.seatFill));
}

function BandChart({ view, t, format }: { view: RightSizingView; t: Dictionary; format: PlannerFormat }) {
  const text = t.planner;
  const rows: ChartRow[] = view.seatFill.byBand.map((band) => ({
    key: band.band,
    label: bandText(band.band, text),
    cells: band.histogram.map((bucket) => chartCell(bucket.share, bucket.suppressed, format.share)),
  }));
  const axis = niceAxis(1, format.share);
  return (
    <BarChart
      series={seatFillBuckets.map((bucket, i) => ({
        key: bucket,
        label: labelText({ kind: "seatFillBucket", bucket }, text, format),
        colour: seriesColour(i),
      }))}
      rows={rows}
      domainMax={axis.domainMax}
      text={{
        title: text.rightSizing.bands.heading,
        description: text.rightSizing.bands.sub,
        suppressed: t.common.suppressed,
        suppressedNote: t.common.suppressedNote(view.minGroupSize),
        ticks: axis.ticks,
        legend: text.chart.legend,
      }}
      labelWidth={110}
    />
  );
}

function RoomChart({ view, t, format }: { view: RightSizingView; t: Dictionary; format: PlannerFormat }) {
  const text = t.planner;
  const rows: ChartRow[] = roomsByFill(view.seatFill.byRoom).map((room) => ({
    key: String(room.id),
    label: `${room.name} (${format.integer(room.capacity ?? 0)})`,
    cells: [chartCell(room.seatFill, room.suppressed, format.share)],
  }));
  const axis = niceAxis(1, format.share);
  const threshold = view.thresholds.lowSeatFill;
  return (
    <BarChart
      series={[{ key: "fill", label: text.columns.seatFill, colour: seriesColour(0) }]}
      rows={rows}
      domainMax={axis.domainMax}
      text={{
        title: text.rightSizing.rooms.heading,
        description: text.rightSizing.rooms.sub(format.share(threshold)),
        suppressed: t.common.suppressed,
        suppressedNote: t.common.suppressedNote(view.minGroupSize),
        ticks: axis.ticks,
        references: [{ value: threshold, label: text.recommendations.threshold.lowSeatFill(format.share(threshold)) }],
        legend: text.chart.legend,
      }}
      labelWidth={170}
    />
  );
}

import { durationBuckets, leadTimeBuckets } from "../behaviour";
import type { HistogramBar } from "../behaviour-suppression";
import type { PressureGroup } from "../pressure";
import type { RoomPreference } from "../preference-suppression";
import type { SeatFillBucket } from "../seat-fill-suppression";
import type { BehaviourView, DemandView, OverviewView, PlannerView, PreferenceView, RightSizingView, ViewId } from "./data";
import { compareAttributes, rankByPreference } from "./preference-attributes";
import { cell, column, fact, type CellLabel, type MeasureId, type TableCell, type ViewTable } from "./table";

/** Every table each view shows, by id: the page renders them and `/api/export/<view>?table=<id>` writes them. */
export const viewTableIds = {
  overview: ["recommendations", "totals", "rooms", "heatmap"],
  demand: ["pressure", "peak-days", "heatmap"],
  "right-sizing": ["bands", "rooms"],
  preference: ["rooms", "attributes"],
  behaviour: ["summary", "ghosts", "occupied", "lead-time", "durations", "trends"],
} as const satisfies Record<ViewId, readonly string[]>;

export type TableId<V extends ViewId = ViewId> = (typeof viewTableIds)[V][number];
export type ViewTables<V extends ViewId> = { [Id in TableId<V>]: ViewTable<Id> };

const buildingCell = (building: string | null): TableCell =>
  building === null ? fact("all", { kind: "allBuildings" }) : building === "" ? fact("", { kind: "noBuilding" }) : fact(building);
const bandCell = (band: string | null): TableCell =>
  band === null ? fact("", { kind: "allBands" }) : fact(band, { kind: "band", band: band as Extract<CellLabel, { kind: "band" }>["band"] });
const roomColumns = [column("room"), column("building"), column("floor"), column("seats", "integer")];
const roomCells = (room: { name: string; building: string; floor: string; capacity: number | null }) => [
  fact(room.name),
  buildingCell(room.building),
  fact(room.floor),
  fact(room.capacity),
];

export function overviewTables(view: OverviewView): ViewTables<"overview"> {
  const { dashboard } = view;
  return {
    recommendations: {
      id: "recommendations",
      columns: [column("kind"), column("subject"), column("threshold"), column("thresholdValue", "ratio"), column("text")],
      rows: view.recommendations.map((rec) => [
        fact(rec.kind, { kind: "recommendation", recommendation: rec.kind }),
        fact(rec.subject),
        fact(rec.threshold.name, { kind: "threshold", threshold: rec.threshold.name }),
        fact(rec.threshold.value),
        fact(rec.text),
      ]),
    },
    totals: {
      id: "totals",
      columns: [column("rooms", "integer"), column("bookings", "integer"), column("bookedHours", "hours"), column("utilisation", "share")],
      rows: [
        [
          fact(dashboard.rooms),
          cell(dashboard.bookings, dashboard.suppressed),
          cell(dashboard.bookedHours, dashboard.suppressed),
          cell(dashboard.utilisation, dashboard.suppressed),
        ],
      ],
    },
    rooms: {
      id: "rooms",
      columns: [...roomColumns, column("bookings", "integer"), column("bookedHours", "hours"), column("utilisation", "share")],
      rows: dashboard.byRoom.map((room) => [
        ...roomCells(room),
        cell(room.bookings, room.suppressed),
        cell(room.bookedHours, room.suppressed),
        cell(room.utilisation, room.suppressed),
      ]),
    },
    heatmap: heatmapTable(view.dashboard),
  };
}

function heatmapTable(dashboard: OverviewView["dashboard"]): ViewTable<"heatmap"> {
  return {
    id: "heatmap",
    columns: [column("weekday", "weekday"), column("hour", "hour"), column("utilisation", "share")],
    rows: dashboard.heatmap.map((c) => [fact(c.weekday), fact(c.hour), cell(c.utilisation, c.suppressed)]),
  };
}

export function demandTables(view: DemandView): ViewTables<"demand"> {
  return {
    pressure: {
      id: "pressure",
      columns: [
        column("band"), column("building"), column("rooms", "integer"), column("workingHours", "hours"),
        column("pressuredHours", "hours"), column("pressure", "share"), column("peak", "integer"),
      ],
      rows: view.pressure.map((group) => [
        bandCell(group.band),
        buildingCell(group.building),
        fact(group.rooms),
        fact(group.workingHours),
        cell(group.pressuredHours, group.suppressed),
        cell(group.pressure, group.suppressed),
        cell(group.peak, group.suppressed),
      ]),
    },
    "peak-days": {
      id: "peak-days",
      columns: [column("day", "day"), column("band"), column("building"), column("rooms", "integer"), column("peak", "integer"), column("peakShare", "share")],
      rows: peakDayRows(view.pressure),
    },
    heatmap: heatmapTable(view.dashboard),
  };
}

/** Day by day, each group's highest number of rooms booked at once, and that as a share of its rooms. */
function peakDayRows(groups: PressureGroup[]): TableCell[][] {
  return groups.flatMap((group) =>
    group.peakDays.map((day) => [
      fact(day.day),
      bandCell(group.band),
      buildingCell(group.building),
      fact(group.rooms),
      cell(day.peak, day.suppressed),
      cell(day.peak === null ? null : day.peak / group.rooms, day.suppressed),
    ]),
  );
}

const fillColumns = [column("fill0to25", "share"), column("fill25to50", "share"), column("fill50to75", "share"), column("fill75to100", "share")];
const fillCells = (histogram: SeatFillBucket[]) => histogram.map((bucket) => cell(bucket.share, bucket.suppressed));

export function rightSizingTables(view: RightSizingView): ViewTables<"right-sizing"> {
  const { seatFill } = view;
  const advice = new Map(view.recommendations.flatMap((rec) => (rec.kind === "right-size" ? [[rec.facts.room, rec.facts] as const] : [])));
  const overall = seatFill.byBand.length > 0 ? [[bandCell(null), cell(seatFill.bookings, seatFill.suppressed), cell(seatFill.seatFill, seatFill.suppressed), ...fillColumns.map(() => fact(null))]] : [];
  return {
    bands: {
      id: "bands",
      columns: [column("band"), column("bookings", "integer"), column("seatFill", "share"), ...fillColumns],
      rows: [
        ...overall,
        ...seatFill.byBand.map((band) => [bandCell(band.band), cell(band.bookings, band.suppressed), cell(band.seatFill, band.suppressed), ...fillCells(band.histogram)]),
      ],
    },
    rooms: {
      id: "rooms",
      columns: [
        ...roomColumns, column("band"), column("bookings", "integer"), column("seatFill", "share"), ...fillColumns,
        column("suggestedSeats", "integer"), column("seatsGained", "integer"),
      ],
      rows: seatFill.byRoom.map((room) => {
        const advised = advice.get(room.name);
        return [
          ...roomCells(room),
          bandCell(room.band),
          cell(room.bookings, room.suppressed),
          cell(room.seatFill, room.suppressed),
          ...fillCells(room.histogram),
          fact(advised?.suggestedSeats ?? null),
          fact(advised?.seatsGained ?? null),
        ];
      }),
    },
  };
}

export function preferenceTables(view: PreferenceView): ViewTables<"preference"> {
  const ranked = rankByPreference(view.preference);
  return {
    rooms: {
      id: "rooms",
      columns: [
        ...roomColumns, column("band"), column("amenities"), column("peers", "integer"), column("utilisation", "share"),
        column("peerUtilisation", "share"), column("preferenceIndex", "ratio"), column("revealedBookings", "integer"),
        column("chosenWhilePeerFree", "integer"), column("revealedShare", "share"),
      ],
      rows: ranked.map((room: RoomPreference) => [
        ...roomCells(room),
        bandCell(room.band),
        fact(room.amenities.join(", ")),
        fact(room.peers),
        cell(room.utilisation, room.suppressed),
        cell(room.peerUtilisation, room.indexSuppressed),
        cell(room.preferenceIndex, room.indexSuppressed),
        cell(room.revealed.bookings, room.revealed.suppressed),
        cell(room.revealed.chosenWhilePeerFree, room.revealed.suppressed),
        cell(room.revealed.share, room.revealed.suppressed),
      ]),
    },
    attributes: {
      id: "attributes",
      columns: [column("attribute"), column("preferred"), column("neutral"), column("avoided")],
      rows: compareAttributes(view.preference, view.thresholds).map((row) => [
        fact(row.id, row.label),
        ...row.values.map((value) => ({ ...fact(value), type: row.type })),
      ]),
    },
  };
}

export function behaviourTables(view: BehaviourView): ViewTables<"behaviour"> {
  const { ghostRate, occupiedUtilisation: occupied, behaviour, trends } = view;
  const { cancellations, leadTime, recurringShare } = behaviour;
  const measure = (id: MeasureId, value: number | null, suppressed: boolean, type: "share" | "hours" | "integer"): TableCell[] => [
    fact(id, { kind: "measure", measure: id }),
    cell(value, suppressed, { type }),
    fact(type),
  ];
  return {
    summary: {
      id: "summary",
      columns: [column("measure"), column("value", "decimal"), column("unit")],
      rows: [
        measure("ghostRate", ghostRate.ghostRate, ghostRate.suppressed, "share"),
        measure("hoursLost", ghostRate.hoursLost, ghostRate.suppressed, "hours"),
        measure("bookingsWithCheckIn", ghostRate.bookingsWithCheckIn, ghostRate.suppressed, "integer"),
        measure("occupiedUtilisation", occupied.occupiedUtilisation, occupied.suppressed, "share"),
        measure("occupiedHours", occupied.occupiedHours, occupied.suppressed, "hours"),
        measure("bookingsInHours", cancellations.bookings, cancellations.suppressed, "integer"),
        measure("cancelled", cancellations.cancelled, cancellations.suppressed, "integer"),
        measure("cancellationRate", cancellations.cancellationRate, cancellations.suppressed, "share"),
        measure("lateCancellations", cancellations.late.cancellations, cancellations.late.suppressed, "integer"),
        measure("lateCancellationRate", cancellations.late.rate, cancellations.late.suppressed, "share"),
        measure("cancelledTimingUnknown", cancellations.timingUnknown.cancellations, cancellations.timingUnknown.suppressed, "integer"),
        measure("medianLeadHours", leadTime.medianHours, leadTime.suppressed, "hours"),
        measure("heldBookings", recurringShare.bookings, recurringShare.suppressed, "integer"),
        measure("recurring", recurringShare.recurring, recurringShare.suppressed, "integer"),
        measure("recurringShare", recurringShare.share, recurringShare.suppressed, "share"),
      ],
    },
    ghosts: {
      id: "ghosts",
      columns: [...roomColumns, column("bookingsWithCheckIn", "integer"), column("ghosts", "integer"), column("ghostRate", "share"), column("hoursLost", "hours")],
      rows: ghostRate.byRoom.map((room) => [
        ...roomCells(room),
        cell(room.bookingsWithCheckIn, room.suppressed),
        cell(room.ghosts, room.suppressed),
        cell(room.ghostRate, room.suppressed),
        cell(room.hoursLost, room.suppressed),
      ]),
    },
    occupied: {
      id: "occupied",
      columns: [...roomColumns, column("occupiedHours", "hours"), column("occupiedUtilisation", "share")],
      rows: occupied.byRoom.map((room) => [...roomCells(room), cell(room.occupiedHours, room.suppressed), cell(room.occupiedUtilisation, room.suppressed)]),
    },
    "lead-time": histogramTable("lead-time", leadTime.histogram, "leadBucket", leadTimeBuckets.map((bucket) => bucket.label)),
    durations: histogramTable("durations", behaviour.durations.histogram, "durationBucket", durationBuckets),
    trends: {
      id: "trends",
      columns: [
        column("week", "day"), column("bookings", "integer"), column("bookedHours", "hours"), column("utilisation", "share"),
        column("previousWeek", "day"), column("previousBookings", "integer"), column("previousBookedHours", "hours"), column("previousUtilisation", "share"),
      ],
      rows: trends.weeks.map(({ current, previous }) => [
        fact(current.weekStart),
        cell(current.bookings, current.suppressed),
        cell(current.bookedHours, current.suppressed),
        cell(current.utilisation, current.suppressed),
        fact(previous?.weekStart ?? null),
        cell(previous?.bookings ?? null, previous?.suppressed ?? false),
        cell(previous?.bookedHours ?? null, previous?.suppressed ?? false),
        cell(previous?.utilisation ?? null, previous?.suppressed ?? false),
      ]),
    },
  };
}

function histogramTable<Id extends string>(
  id: Id,
  bars: HistogramBar[],
  kind: "leadBucket" | "durationBucket",
  order: readonly string[],
): ViewTable<Id> {
  return {
    id,
    columns: [column("bucket"), column("bookings", "integer"), column("share", "share")],
    rows: order.flatMap((bucket) => {
      const bar = bars.find((b) => b.bucket === bucket);
      return bar ? [[fact(bucket, { kind, bucket }), cell(bar.bookings, bar.suppressed), cell(bar.share, bar.suppressed)]] : [];
    }),
  };
}

/** The tables of any view, for the export route. */
export function listViewTables(view: PlannerView): ViewTable[] {
  const inOrder = <V extends ViewId>(id: V, tables: ViewTables<V>): ViewTable[] =>
    viewTableIds[id].map((table: TableId<V>) => tables[table]);
  switch (view.view) {
    case "overview":
      return inOrder("overview", overviewTables(view));
    case "demand":
      return inOrder("demand", demandTables(view));
    case "right-sizing":
      return inOrder("right-sizing", rightSizingTables(view));
    case "preference":
      return inOrder("preference", preferenceTables(view));
    case "behaviour":
      return inOrder("behaviour", behaviourTables(view));
  }
}

import type { PlannerMetrics } from "@/lib/analytics/planner-metrics";
import type { RoomLabel } from "@/lib/analytics/room-filter";
import type { DashboardMetrics } from "@/lib/analytics/types";

/**
 * The `metrics --json` shape: the dashboard's numbers, suppressed exactly as on screen, and with
 * `planner` every metric family of issue 4 under its own key.
 */
export function toMetricsJson(metrics: DashboardMetrics, planner?: PlannerMetrics) {
  return {
    from: metrics.range.from,
    to: metrics.range.to,
    minGroupSize: metrics.minGroupSize,
    bookings: metrics.bookings,
    bookedHours: round(metrics.bookedHours, 2),
    utilisation: round(metrics.utilisation, 4),
    suppressed: metrics.suppressed,
    roomCount: metrics.rooms,
    rooms: metrics.byRoom.map((room) => ({
      name: room.name,
      building: room.building,
      floor: room.floor,
      capacity: room.capacity,
      bookings: room.bookings,
      bookedHours: round(room.bookedHours, 2),
      utilisation: round(room.utilisation, 4),
      suppressed: room.suppressed,
    })),
    heatmap: metrics.heatmap.map((cell) => ({ ...cell, utilisation: round(cell.utilisation, 4) })),
    ...(planner ? plannerMetricsJson(planner) : {}),
  };
}

/**
 * The metric families' keys of `metrics --json`, suppressed as everywhere (null + `suppressed: true`,
 * never zero). Rooms are named as in `rooms` (no database ids); numbers are rounded to 4 decimals;
 * recommendations are plain-words strings, with the thresholds behind them alongside.
 */
export function plannerMetricsJson(planner: PlannerMetrics) {
  const { behaviour } = planner;
  return rounded({
    occupiedUtilisation: { ...planner.occupiedUtilisation, byRoom: planner.occupiedUtilisation.byRoom.map(label) },
    ghostRate: { ...planner.ghostRate, byRoom: planner.ghostRate.byRoom.map(label) },
    pressure: planner.pressure,
    seatFill: { ...planner.seatFill, byRoom: planner.seatFill.byRoom.map(label) },
    preference: planner.preference.map(label),
    leadTime: behaviour.leadTime,
    durations: behaviour.durations,
    cancellationRate: behaviour.cancellations,
    recurringShare: behaviour.recurringShare,
    trends: planner.trends,
    recommendations: planner.recommendations.map((recommendation) => recommendation.text),
    recommendationThresholds: planner.thresholds,
  });
}

/** A room row without its database id, like the existing `rooms` key. */
function label<T extends RoomLabel>({ id: _, ...rest }: T): Omit<T, "id"> {
  return rest;
}

/** Rounds every number to 4 decimals (hours, shares, rates); integers stay as they are. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === "number" ? Number(item.toFixed(4)) : item))) as T;
}

function round(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

const percent = (value: number | null) => (value === null ? "suppressed" : `${(value * 100).toFixed(1)} %`);
const count = (value: number | null) => (value === null ? "suppressed" : value.toLocaleString("en-US"));

export function formatMetricsTable(metrics: DashboardMetrics): string {
  const lines = [
    `Roomlens metrics ${metrics.range.from} → ${metrics.range.to} (cells with fewer than ${metrics.minGroupSize} people suppressed)`,
    `  utilisation ${percent(metrics.utilisation)} · bookings ${count(metrics.bookings)} · booked hours ${
      metrics.bookedHours === null ? "suppressed" : metrics.bookedHours.toFixed(1)
    } · rooms ${metrics.rooms}`,
    "",
    `  ${"room".padEnd(32)} ${"bookings".padStart(10)} ${"utilisation".padStart(12)}`,
  ];
  for (const room of metrics.byRoom) {
    lines.push(`  ${room.name.slice(0, 32).padEnd(32)} ${count(room.bookings).padStart(10)} ${percent(room.utilisation).padStart(12)}`);
  }
  return lines.join("\n");
}

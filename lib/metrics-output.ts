import type { DashboardMetrics } from "@/lib/analytics/types";

/** The `metrics --json` shape: the dashboard's numbers, suppressed exactly as on screen. */
export function toMetricsJson(metrics: DashboardMetrics) {
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
  };
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

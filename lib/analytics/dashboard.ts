import type { Db } from "@/db/client";
import { shown, suppressSmallCells } from "@/lib/privacy/suppression";
import { suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { getSettings } from "@/lib/settings";
import { listHeatmap } from "./heatmap";
import { loadWorkingTime } from "./scope";
import type { DashboardMetrics, DateRange } from "./types";
import { loadRangeUsage, type RangeUsage } from "./utilisation";

/**
 * Everything the dashboard, `metrics --json` and the exports show for a range, already suppressed:
 * raw rows never leave this function. `usage`: the range's room usage when the caller loads it for
 * another family too (`loadRangeUsage`, with the same working time and k); otherwise it is loaded here.
 */
export async function getDashboardMetrics(db: Db, range: DateRange, usage?: Promise<RangeUsage>): Promise<DashboardMetrics> {
  const settings = await getSettings(db);
  const time = await loadWorkingTime(db);
  // Cells are checked against k × key versions (rotation-threshold.ts); the page states k itself.
  const k = await suppressionThreshold(db, settings.minGroupSize);
  const [{ rooms, organizers }, heatmap] = await Promise.all([usage ?? loadRangeUsage(db, range, time, k), listHeatmap(db, range, time, k)]);

  const totalSuppressed = organizers < k;
  const bookedSeconds = rooms.reduce((sum, room) => sum + room.bookedSeconds, 0);
  const workingSeconds = rooms.reduce((sum, room) => sum + room.workingSeconds, 0);
  const bookings = rooms.reduce((sum, room) => sum + room.bookings, 0);

  // With the total hidden every cell is hidden too; otherwise the complementary rule applies.
  // Rooms rank by bookings and heatmap cells by booked time, so their organizer counts may be capped
  // at k (utilisation.ts, heatmap-periods.ts).
  const roomHidden = totalSuppressed ? rooms.map(() => true) : suppressSmallCells(rooms, k, (room) => room.bookings);
  const cellHidden = totalSuppressed ? heatmap.map(() => true) : suppressSmallCells(heatmap, k, (cell) => cell.bookedSeconds);

  return {
    range,
    minGroupSize: settings.minGroupSize,
    workday: { startMinute: settings.workdayStartMinute, endMinute: settings.workdayEndMinute, weekdays: settings.workdays },
    rooms: rooms.length,
    bookings: shown(bookings, totalSuppressed),
    bookedHours: shown(bookedSeconds / 3600, totalSuppressed),
    utilisation: shown(ratio(bookedSeconds, workingSeconds), totalSuppressed),
    suppressed: totalSuppressed,
    byRoom: rooms.map((room, index) => {
      const suppressed = roomHidden[index] ?? true;
      return {
        id: room.id,
        name: room.name,
        building: room.building,
        floor: room.floor,
        capacity: room.capacity,
        bookings: shown(room.bookings, suppressed),
        bookedHours: shown(room.bookedSeconds / 3600, suppressed),
        utilisation: shown(ratio(room.bookedSeconds, room.workingSeconds), suppressed),
        suppressed,
      };
    }),
    heatmap: heatmap.map((cell, index) => {
      const suppressed = cellHidden[index] ?? true;
      return {
        weekday: cell.weekday,
        hour: cell.hour,
        utilisation: shown(ratio(cell.bookedSeconds, cell.availableSeconds), suppressed),
        suppressed,
      };
    }),
  };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

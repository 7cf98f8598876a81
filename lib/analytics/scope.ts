import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { buildings, closureDays, type Settings } from "@/db/schema";
import { getSettings } from "@/lib/settings";
import type { BuildingWorkingTime, DayWindow, WorkingTime } from "./working-time";

/** The working time a query uses: the caller's (tests, a what-if) or the live one (`loadWorkingTime`). */
export async function resolveWorkingTime(db: Db, time: WorkingTime | undefined): Promise<WorkingTime> {
  return time ?? loadWorkingTime(db);
}

type BuildingRow = typeof buildings.$inferSelect;

/**
 * A building's effective working time: each column it leaves null inherits the organisation's. An
 * inherited hour can make the window empty (own start 19:00, organisation's end 18:00 after a settings
 * change); then the building works the organisation's hours rather than never.
 */
export function mergeBuildingTime(row: BuildingRow, organisation: DayWindow): BuildingWorkingTime {
  const start = row.workdayStartMinute ?? organisation.workdayStartMinute;
  const end = row.workdayEndMinute ?? organisation.workdayEndMinute;
  const hours = start < end ? { workdayStartMinute: start, workdayEndMinute: end } : organisation;
  return {
    building: row.name,
    workdayStartMinute: hours.workdayStartMinute,
    workdayEndMinute: hours.workdayEndMinute,
    workdays: row.workdays && row.workdays.length > 0 ? row.workdays : organisation.workdays,
  };
}

/** The organisation's window from settings. */
export function organisationWindow(settings: Settings): DayWindow {
  return { workdayStartMinute: settings.workdayStartMinute, workdayEndMinute: settings.workdayEndMinute, workdays: settings.workdays };
}

/** The live working time: settings, every building's own time (table `buildings`) and the closure days. */
export async function loadWorkingTime(db: Db): Promise<WorkingTime> {
  const [settings, buildingRows, closureRows] = await Promise.all([
    getSettings(db),
    db.select().from(buildings).orderBy(asc(buildings.name)),
    db.select({ building: closureDays.building, day: closureDays.day }).from(closureDays).orderBy(asc(closureDays.day)),
  ]);
  const organisation = organisationWindow(settings);
  return {
    ...organisation,
    buildings: buildingRows
      .filter((row) => row.workdayStartMinute !== null || row.workdayEndMinute !== null || row.workdays !== null)
      .map((row) => mergeBuildingTime(row, organisation)),
    closures: closureRows,
  };
}

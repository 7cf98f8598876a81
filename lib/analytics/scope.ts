import type { Db } from "@/db/client";
import { getSettings } from "@/lib/settings";
import type { WorkingTime } from "./working-time";

/** The working time a query uses: the caller's (tests, a what-if) or the live settings. */
export async function resolveWorkingTime(db: Db, time: WorkingTime | undefined): Promise<WorkingTime> {
  if (time) return time;
  const settings = await getSettings(db);
  return { workdayStartMinute: settings.workdayStartMinute, workdayEndMinute: settings.workdayEndMinute, workdays: settings.workdays };
}

"use server";

import { redirect } from "next/navigation";
import type { z } from "zod";
import { requirePermission } from "@/lib/auth/viewer";
import {
  addClosureDay,
  buildingTimeInput,
  buildingZoneInput,
  closureInput,
  closureKey,
  removeClosureDay,
  saveBuildingTime,
  setBuildingTimeZone,
} from "@/lib/buildings/manage";
import { UserError } from "@/lib/errors";
import { getDatabase } from "@/lib/server/database";

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");

/** Back to the page, saying what happened (`done`) or which fields were refused (`invalid`), for which building. */
function back(params: Record<string, string>): never {
  redirect(`/admin/buildings?${new URLSearchParams(params).toString()}#${encodeURIComponent(params.for ? `building-${params.for}` : "organisation")}`);
}

/** The refused fields, not zod's English messages: the page says what is wrong in the reader's language. */
function refused(error: z.ZodError, building: string): never {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? "form")))];
  back({ invalid: fields.join(","), for: building });
}

/** Runs a write; an unknown building (a stale form) comes back as a refused field, not a crash. */
async function run<T>(building: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UserError) back({ invalid: "building", for: building });
    throw error;
  }
}

export async function saveBuildingTimeAction(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.settings.write");
  if (!user) return;
  const building = text(formData, "building");
  const parsed = buildingTimeInput.safeParse({
    building,
    ownHours: text(formData, "hours") === "own",
    workdayStart: text(formData, "workdayStart"),
    workdayEnd: text(formData, "workdayEnd"),
    ownDays: text(formData, "days") === "own",
    workdays: formData.getAll("workdays"),
  });
  if (!parsed.success) refused(parsed.error, building);
  const { db } = await getDatabase();
  const changed = await run(building, () => saveBuildingTime(db, `user:${user.id}`, parsed.data));
  back({ done: changed ? "time" : "none", for: building });
}

export async function setBuildingTimeZoneAction(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.settings.write");
  if (!user) return;
  const building = text(formData, "building");
  const parsed = buildingZoneInput.safeParse({ building, timeZone: text(formData, "timeZone") });
  if (!parsed.success) refused(parsed.error, building);
  const { db } = await getDatabase();
  const moved = await run(building, () => setBuildingTimeZone(db, `user:${user.id}`, parsed.data));
  back({ done: moved > 0 ? "zone" : "none", for: building });
}

export async function addClosureDayAction(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.settings.write");
  if (!user) return;
  const building = text(formData, "building");
  const parsed = closureInput.safeParse({ building, day: text(formData, "day"), label: text(formData, "label") });
  if (!parsed.success) refused(parsed.error, building);
  const { db } = await getDatabase();
  const added = await run(building, () => addClosureDay(db, `user:${user.id}`, parsed.data));
  back({ done: added ? "closureAdded" : "none", for: building });
}

export async function removeClosureDayAction(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.settings.write");
  if (!user) return;
  const building = text(formData, "building");
  const parsed = closureKey.safeParse({ building, day: text(formData, "day") });
  if (!parsed.success) refused(parsed.error, building);
  const { db } = await getDatabase();
  const removed = await removeClosureDay(db, `user:${user.id}`, parsed.data);
  back({ done: removed ? "closureRemoved" : "none", for: building });
}

"use server";

import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";
import { settingsInput, updateSettings } from "@/lib/settings";
import { thresholdNames, thresholdsInput, updateThresholds } from "@/lib/settings-thresholds";

export async function saveSettings(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.settings.write");
  if (!user) return;
  const parsed = settingsInput.safeParse({
    minGroupSize: formData.get("minGroupSize"),
    retentionDays: formData.get("retentionDays"),
    workdayStart: formData.get("workdayStart"),
    workdayEnd: formData.get("workdayEnd"),
    workdays: formData.getAll("workdays"),
  });
  if (!parsed.success) {
    // The fields, not zod's English messages: the page says what is wrong in the reader's language.
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "form")))];
    redirect(`/admin/settings?invalid=${encodeURIComponent(fields.join(","))}`);
  }
  const changed = await updateSettings((await getDatabase()).db, `user:${user.id}`, parsed.data);
  redirect(`/admin/settings?saved=${changed.length}`);
}

export async function saveThresholds(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.settings.write");
  if (!user) return;
  const parsed = thresholdsInput.safeParse(Object.fromEntries(thresholdNames.map((name) => [name, formData.get(name) ?? ""])));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "form")))];
    redirect(`/admin/settings?invalidThresholds=${encodeURIComponent(fields.join(","))}#thresholds`);
  }
  const changed = await updateThresholds((await getDatabase()).db, `user:${user.id}`, parsed.data);
  redirect(`/admin/settings?savedThresholds=${changed.length}#thresholds`);
}

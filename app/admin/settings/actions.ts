"use server";

import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";
import { settingsInput, updateSettings } from "@/lib/settings";

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
    redirect(`/admin/settings?error=${encodeURIComponent(parsed.error.issues.map((i) => i.message).join("; "))}`);
  }
  const changed = await updateSettings((await getDatabase()).db, `user:${user.id}`, parsed.data);
  redirect(`/admin/settings?saved=${changed.length}`);
}

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roles } from "@/db/schema";
import { changeRole } from "@/lib/auth/users";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";

const roleChange = z.object({ userId: z.coerce.number().int().positive(), role: z.enum(roles) });

export async function setRole(formData: FormData): Promise<void> {
  const { user } = await requirePermission("admin.users.write");
  const input = roleChange.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
  if (!user || !input.success) return;
  // An admin cannot demote themselves: the installation must never be left without one by accident.
  if (input.data.userId === user.id && input.data.role !== "admin") return;
  await changeRole((await getDatabase()).db, user.id, input.data.userId, input.data.role);
  revalidatePath("/admin/users");
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/viewer";
import { excludePerson, includePerson } from "@/lib/privacy/exclusion";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";

// The audit actor is "member", never the account: admins must not learn who opted out (invariant 4).
const ACTOR = "member";

export async function excludeMe(): Promise<void> {
  const { user } = await requirePermission("me.exclude");
  if (!user) return;
  const { db } = await getDatabase();
  // Deletes the stored bookings in this same request; every figure is computed from what remains.
  await excludePerson(db, getServerKeys(), user.email, ACTOR);
  revalidatePath("/me");
  // The page then confirms what just happened, in words, where a screen reader announces it.
  redirect("/me?done=excluded");
}

export async function includeMe(): Promise<void> {
  const { user } = await requirePermission("me.exclude");
  if (!user) return;
  const { db } = await getDatabase();
  await includePerson(db, getServerKeys(), user.email, ACTOR);
  revalidatePath("/me");
  redirect("/me?done=included");
}

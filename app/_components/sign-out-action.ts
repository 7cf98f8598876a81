"use server";

import { signOut } from "@/lib/auth/config";

/**
 * Public on purpose: ending a session needs no permission, and signing out while signed out is
 * harmless. Lands on the privacy panel, the one page everyone may read.
 */
export async function signOutNow(): Promise<void> {
  await signOut({ redirectTo: "/privacy" });
}

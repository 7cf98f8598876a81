"use server";

import { signIn } from "@/lib/auth/config";
import { isDemoSignInEnabled } from "@/lib/auth/demo";
import { safeReturnPath } from "@/lib/auth/return-path";

export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeReturnPath(formData.get("callbackUrl")) });
}

/** Refused unless demo mode is on (and never in production mode), whatever the form says. */
export async function signInAsDemoPerson(formData: FormData): Promise<void> {
  if (!isDemoSignInEnabled()) throw new Error("demo sign-in is switched off");
  await signIn("demo", {
    person: formData.get("person"),
    role: formData.get("role"),
    redirectTo: safeReturnPath(formData.get("callbackUrl")),
  });
}

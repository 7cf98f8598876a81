import { roles, type Role } from "@/db/schema";
import { DEFAULT_DEMO_SEED } from "@/lib/demo/generate";
import { listPeople } from "@/lib/demo/people";
import { Rng } from "@/lib/demo/random";

/**
 * Demo sign-in exists only when ROOMLENS_DEMO=1 (set by `npm run demo`) and never when
 * ROOMLENS_ENV=production: it lets anyone pick a person and a role without a password.
 */
export function isDemoSignInEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.ROOMLENS_DEMO === "1" && env.ROOMLENS_ENV !== "production";
}

export type DemoPerson = { email: string; name: string };

/** The demo organisation's most active people (the same list the demo data was generated from). */
export function listDemoPeople(): DemoPerson[] {
  return listPeople(new Rng(DEFAULT_DEMO_SEED).fork("people"))
    .toSorted((a, b) => b.activity - a.activity)
    .slice(0, 6)
    .map(({ email, name }) => ({ email, name }));
}

export function parseDemoChoice(person: unknown, role: unknown): (DemoPerson & { role: Role }) | null {
  const found = listDemoPeople().find((p) => p.email === person);
  const chosen = roles.find((r) => r === role);
  return found && chosen ? { ...found, role: chosen } : null;
}

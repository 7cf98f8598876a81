import type { Metadata } from "next";
import { connection } from "next/server";
import { roles } from "@/db/schema";
import { isDemoSignInEnabled, listDemoPeople } from "@/lib/auth/demo";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInAsDemoPerson, signInWithOidc } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, "/me");
  const oidcName = process.env.AUTH_OIDC_ISSUER ? (process.env.AUTH_OIDC_NAME ?? "your organisation") : null;
  const demo = isDemoSignInEnabled();

  return (
    <main id="main" className="page page--narrow">
      <h1>Sign in to Roomlens</h1>
      <p className="lead">
        Signing in tells Roomlens which bookings are yours, so you can see and control them. Planners also see the
        dashboard; admins run the installation.
      </p>
      {oidcName && (
        <form action={signInWithOidc} className="card">
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <button type="submit" className="button button--primary">
            Sign in with {oidcName}
          </button>
        </form>
      )}
      {demo && (
        <form action={signInAsDemoPerson} className="card" data-testid="demo-signin">
          <h2>Demo sign-in</h2>
          <p className="muted">
            Demo mode only: pick a person of the demo organisation and a role. There is no password — this form does not
            exist outside demo mode.
          </p>
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <div className="form-row">
            <label htmlFor="demo-person">Person</label>
            <select id="demo-person" name="person">
              {listDemoPeople().map((person) => (
                <option key={person.email} value={person.email}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <label htmlFor="demo-role">Role</label>
            <select id="demo-role" name="role" defaultValue="planner">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary">
            Sign in
          </button>
        </form>
      )}
      {!oidcName && !demo && (
        <p className="card" role="alert">
          No sign-in method is configured. An admin sets AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET.
        </p>
      )}
    </main>
  );
}

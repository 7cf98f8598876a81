import type { Metadata } from "next";
import { connection } from "next/server";
import { roles } from "@/db/schema";
import { isDemoSignInEnabled, listDemoPeople } from "@/lib/auth/demo";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getI18n } from "@/lib/i18n/server";
import { signInAsDemoPerson, signInWithOidc } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.signIn.metaTitle };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const { callbackUrl } = await searchParams;
  const { t: dictionary } = await getI18n();
  const t = dictionary.signIn;
  const returnTo = safeReturnPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, "/me");
  const oidcName = process.env.AUTH_OIDC_ISSUER ? (process.env.AUTH_OIDC_NAME ?? t.yourOrganisation) : null;
  const demo = isDemoSignInEnabled();

  return (
    <main id="main" className="page page--narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {oidcName && (
        <form action={signInWithOidc} className="card">
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <button type="submit" className="button button--primary">
            {t.withProvider(oidcName)}
          </button>
        </form>
      )}
      {demo && (
        <form action={signInAsDemoPerson} className="card" data-testid="demo-signin">
          <h2>{t.demoHeading}</h2>
          <p className="muted">{t.demoNote}</p>
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <div className="form-row">
            <label htmlFor="demo-person">{t.person}</label>
            <select id="demo-person" name="person">
              {listDemoPeople().map((person) => (
                <option key={person.email} value={person.email}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <label htmlFor="demo-role">{t.role}</label>
            <select id="demo-role" name="role" defaultValue="planner">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {dictionary.common.roles[role]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary">
            {t.submit}
          </button>
        </form>
      )}
      {!oidcName && !demo && (
        <p className="card" role="alert">
          {t.notConfigured}
        </p>
      )}
    </main>
  );
}

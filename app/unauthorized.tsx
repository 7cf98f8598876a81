import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";

/** 401: the page needs a signed-in person. */
export default async function Unauthorized() {
  const { t: dictionary } = await getI18n();
  const t = dictionary.unauthorized;
  return (
    <main id="main" className="page page--narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <p>
        <Link className="button button--primary" href="/signin">
          {t.signIn}
        </Link>{" "}
        <Link href="/privacy">{t.privacyLink}</Link>
      </p>
    </main>
  );
}

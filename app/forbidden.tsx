import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";

/** 403: signed in, but the role does not allow this page. */
export default async function Forbidden() {
  const { t: dictionary } = await getI18n();
  const t = dictionary.forbidden;
  return (
    <main id="main" className="page page--narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <p>
        <Link className="button button--primary" href="/me">
          {t.myData}
        </Link>{" "}
        <Link href="/privacy">{t.privacy}</Link>
      </p>
    </main>
  );
}

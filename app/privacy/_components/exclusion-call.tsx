import Link from "next/link";
import type { Dictionary } from "@/lib/i18n/dictionary";
import styles from "./privacy.module.css";

/**
 * The right to object, first thing on the page. /me (sign-in, status, the toggle itself) is its own
 * page: excluding needs to know who you are, and this page must stay readable signed out.
 */
export function ExclusionCall({ t }: { t: Dictionary["privacy"]["exclusion"] }) {
  return (
    <section className={`card ${styles.cta}`} aria-labelledby="exclude-heading" data-testid="exclusion-call">
      <div>
        <h2 id="exclude-heading">{t.heading}</h2>
        <p>{t.body}</p>
        <p className="muted">{t.note}</p>
      </div>
      <Link href="/me" className={`button ${styles.ctaButton}`} data-testid="exclude-me">
        {t.action}
      </Link>
    </section>
  );
}

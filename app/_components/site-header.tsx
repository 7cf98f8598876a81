import Link from "next/link";
import { localeNames, locales } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { NavLink } from "./nav-link";
import styles from "./site-header.module.css";

export async function SiteHeader() {
  const { locale, t } = await getI18n();
  // Only destinations that exist are linked; more appear here as their pages land.
  const nav = [
    { href: "/", label: t.header.dashboard },
    { href: "/privacy", label: t.header.privacy },
  ];
  return (
    <header className="site-header">
      <div className={`site-header__inner ${styles.inner}`}>
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Roomlens
        </Link>
        <nav aria-label={t.header.navLabel}>
          <ul className="site-nav">
            {nav.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {/* A plain form: switching language works without JavaScript, by keyboard or mouse. */}
        <form action="/api/locale" method="post" className={styles.locale} data-testid="locale-switch">
          <div role="group" aria-label={t.header.languageLabel} className={styles.options}>
            {locales.map((option) => (
              <button
                key={option}
                type="submit"
                name="lang"
                value={option}
                lang={option}
                className={styles.option}
                aria-current={option === locale ? "true" : undefined}
              >
                {localeNames[option]}
              </button>
            ))}
          </div>
        </form>
      </div>
    </header>
  );
}

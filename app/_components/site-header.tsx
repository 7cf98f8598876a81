import Link from "next/link";
import { can, type Permission } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/viewer";
import { localeNames, locales } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { NavLink } from "./nav-link";
import { signOutNow } from "./sign-out-action";
import styles from "./site-header.module.css";

type NavItem = { href: string; label: string; permission: Permission; section?: boolean; also?: readonly string[] };

/** The planner's pages beside the overview: the header marks "Dashboard" on each of them. */
const PLANNER_PAGES = ["/demand", "/right-sizing", "/preference", "/behaviour", "/what-if"] as const;

/**
 * The same permission table the pages check decides which links appear, so nobody is offered a
 * page that would answer 401 or 403. Server-rendered: the role is read from the database here.
 */
export async function SiteHeader() {
  const [{ locale, t }, { role, user }] = await Promise.all([getI18n(), getViewer()]);
  const items: NavItem[] = [
    { href: "/", label: t.header.dashboard, permission: "dashboard.read", also: PLANNER_PAGES },
    { href: "/me", label: t.header.myData, permission: "me.read" },
    { href: "/me/api-tokens", label: t.header.apiTokens, permission: "api.tokens.write" },
    { href: "/admin", label: t.header.admin, permission: "admin.read", section: true },
    { href: "/privacy", label: t.header.privacy, permission: "privacy.read" },
  ];
  const nav = items.filter((item) => can(role, item.permission));
  // The brand leads to the first page this person may open.
  const home = nav[0]?.href ?? "/privacy";

  return (
    <header className="site-header">
      <div className={`site-header__inner ${styles.inner}`}>
        <Link href={home} className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Roomlens
        </Link>
        <nav aria-label={t.header.navLabel}>
          <ul className={`site-nav ${styles.nav}`}>
            {nav.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} section={item.section} also={item.also}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.end}>
          {/* A plain form: switching language works without JavaScript, by keyboard or mouse. */}
          <form action="/api/locale" method="post" data-testid="locale-switch">
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
          {user ? (
            <div role="group" aria-label={t.header.accountLabel} className={styles.account} data-testid="account">
              {/* Full name or address on hover when a long one is cut short. */}
              <span className={styles.person} title={user.name ? `${user.name} · ${user.email}` : user.email}>
                {user.name ?? user.email}
              </span>
              <form action={signOutNow}>
                <button type="submit" className={`${styles.option} ${styles.outlined}`}>
                  {t.header.signOut}
                </button>
              </form>
            </div>
          ) : (
            <Link href="/signin" className={`${styles.option} ${styles.outlined}`}>
              {t.header.signIn}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

import Link from "next/link";
import { NavLink } from "./nav-link";

// Only destinations that exist are linked; more appear here as their pages land.
const NAV = [{ href: "/", label: "Dashboard" }] as const;

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Roomlens
        </Link>
        <nav aria-label="Main">
          <ul className="site-nav">
            {NAV.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";

// Labels come from the dictionary by id, so a new section needs its name in every language.
const SECTIONS = [
  { href: "/admin", id: "overview" },
  { href: "/admin/integrations", id: "integrations" },
  { href: "/admin/rooms", id: "rooms" },
  { href: "/admin/users", id: "users" },
  { href: "/admin/settings", id: "settings" },
  { href: "/admin/buildings", id: "buildings" },
  { href: "/admin/audit", id: "audit" },
] as const;

/** Fetches its own text (the request's language is cached), so pages only say where they are. */
export async function AdminNav({ current }: { current: (typeof SECTIONS)[number]["href"] }) {
  const { t } = await getI18n();
  return (
    <nav aria-label={t.admin.nav.label} className="presets">
      {SECTIONS.map((section) => (
        <Link key={section.href} href={section.href} className="preset" aria-current={section.href === current ? "page" : undefined}>
          {t.admin.nav[section.id]}
        </Link>
      ))}
    </nav>
  );
}

import Link from "next/link";

const SECTIONS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users and roles" },
  { href: "/admin/settings", label: "Privacy and working hours" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

export function AdminNav({ current }: { current: (typeof SECTIONS)[number]["href"] }) {
  return (
    <nav aria-label="Admin" className="presets">
      {SECTIONS.map((section) => (
        <Link key={section.href} href={section.href} className="preset" aria-current={section.href === current ? "page" : undefined}>
          {section.label}
        </Link>
      ))}
    </nav>
  );
}

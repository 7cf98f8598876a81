"use client";

// A client leaf only because the root layout cannot know the current path on the server,
// and screen readers need aria-current to announce which page is open.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

type Props = {
  href: string;
  children: ReactNode;
  /** The link stands for a whole section (/admin/…): marked while any of its pages is open. */
  section?: boolean;
};

export function NavLink({ href, children, section = false }: Props) {
  const pathname = usePathname();
  const current = pathname === href ? "page" : section && pathname.startsWith(`${href}/`) ? "true" : undefined;
  return (
    <Link href={href} aria-current={current}>
      {children}
    </Link>
  );
}

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
  /** Other pages that belong to this link (the planner views beside the overview at `/`). */
  also?: readonly string[];
};

export function NavLink({ href, children, section = false, also = [] }: Props) {
  const pathname = usePathname();
  const inSection = (section && pathname.startsWith(`${href}/`)) || also.includes(pathname);
  const current = pathname === href ? "page" : inSection ? "true" : undefined;
  return (
    <Link href={href} aria-current={current}>
      {children}
    </Link>
  );
}

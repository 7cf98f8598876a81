import Link from "next/link";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { viewQuery } from "@/lib/analytics/room-filter-params";
import type { DateRange } from "@/lib/analytics/types";
import type { ViewId } from "@/lib/analytics/views/data";
import type { Dictionary } from "@/lib/i18n/dictionary";
import styles from "./planner.module.css";

/** Where each planner view lives. */
export const viewPaths: Record<ViewId, string> = {
  overview: "/",
  demand: "/demand",
  "right-sizing": "/right-sizing",
  preference: "/preference",
  behaviour: "/behaviour",
};

export function viewName(view: ViewId, t: Dictionary["planner"]["nav"]): string {
  const names: Record<ViewId, string> = {
    overview: t.overview,
    demand: t.demand,
    "right-sizing": t.rightSizing,
    preference: t.preference,
    behaviour: t.behaviour,
  };
  return names[view];
}

/** A link to a view with the current dates and room filters, so moving between views keeps them. */
export function viewHref(view: ViewId, range: DateRange, filters: RoomFilters): string {
  return `${viewPaths[view]}?${viewQuery(range, filters)}`;
}

type Props = { current: ViewId; range: DateRange; filters: RoomFilters; t: Dictionary["planner"]["nav"] };

export function ViewNav({ current, range, filters, t }: Props) {
  return (
    <nav aria-label={t.label} className={styles.viewNav} data-testid="view-nav">
      <ul>
        {(Object.keys(viewPaths) as ViewId[]).map((view) => (
          <li key={view}>
            <Link href={viewHref(view, range, filters)} prefetch={false} aria-current={view === current ? "page" : undefined}>
              {viewName(view, t)}
            </Link>
          </li>
        ))}
        <li>
          {/* The replay of "what if these rooms went": its own page and form, for the same dates. */}
          <Link href={`/what-if?${new URLSearchParams({ from: range.from, to: range.to })}`} prefetch={false}>
            {t.whatIf}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

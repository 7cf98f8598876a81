import { viewQuery } from "@/lib/analytics/room-filter-params";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import type { DateRange } from "@/lib/analytics/types";
import type { ViewId } from "@/lib/analytics/views/data";
import type { Dictionary } from "@/lib/i18n/dictionary";
import styles from "./planner.module.css";

export type DownloadTarget = { view: ViewId; range: DateRange; filters: RoomFilters };

/** The download URL of one table (or the whole view as JSON): the page's own filters, through the same data function. */
export function exportHref(target: DownloadTarget, format: "csv" | "json", table?: string): string {
  const extra: Record<string, string> = { format };
  if (table !== undefined) extra.table = table;
  return `/api/export/${target.view}?${viewQuery(target.range, target.filters, extra)}`;
}

type Props = { target: DownloadTarget; table: string; title: string; t: Dictionary["planner"]["download"] };

/** Plain links: they work without JavaScript, by keyboard, and can be copied into a script. */
export function Downloads({ target, table, title, t }: Props) {
  return (
    <p className={styles.downloads} data-testid={`download-${table}`}>
      <a href={exportHref(target, "csv", table)} download aria-label={t.csvLabel(title)} className={styles.download}>
        {t.csv}
      </a>
      <a href={exportHref(target, "json", table)} download aria-label={t.jsonLabel(title)} className={styles.download}>
        {t.json}
      </a>
    </p>
  );
}

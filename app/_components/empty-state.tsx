import type { DateRange } from "@/lib/analytics/types";
import { formatRange } from "./format";

/**
 * Shown instead of empty charts. With no rooms the product has no data at all, so it says how to
 * import some; with rooms but no bookings the range is the likelier culprit.
 */
export function EmptyState({ kind, range }: { kind: "no-rooms" | "no-bookings"; range: DateRange }) {
  return (
    <section className="card empty-state" aria-labelledby="empty-heading" data-testid="empty-state">
      <h2 id="empty-heading">
        {kind === "no-rooms" ? "No rooms yet" : `No bookings in ${formatRange(range)}`}
      </h2>
      <p>
        {kind === "no-rooms"
          ? "Roomlens has no room data to analyse. Import a calendar export to get started:"
          : "Try a longer range with the presets above, or import more bookings:"}
      </p>
      <pre className="command">
        <code>npm run roomlens -- import &lt;file&gt;</code>
      </pre>
      <p className="muted">
        The file can be an ICS feed or a CSV export (add <code>--format ics|csv</code> if its name does not say which).
        To explore first, load the demo organisation with <code>npm run roomlens -- demo</code>.
      </p>
      <p className="muted">
        The import keeps room, time and an attendee count for each booking; names,
        emails and meeting titles are discarded before anything is stored.
      </p>
    </section>
  );
}

import type { Dictionary } from "@/lib/i18n/dictionary";
import { fillSlots } from "@/lib/i18n/slots";

type Props = { kind: "no-rooms" | "no-bookings"; rangeText: string; t: Dictionary["dashboard"]["empty"] };

/**
 * Shown instead of empty charts. With no rooms the product has no data at all, so it says how to
 * import some; with rooms but no bookings the range is the likelier culprit. Commands stay as
 * typed, in every language.
 */
export function EmptyState({ kind, rangeText, t }: Props) {
  return (
    <section className="card empty-state" aria-labelledby="empty-heading" data-testid="empty-state">
      <h2 id="empty-heading">{kind === "no-rooms" ? t.noRooms : t.noBookings(rangeText)}</h2>
      <p>{kind === "no-rooms" ? t.noRoomsBody : t.noBookingsBody}</p>
      <pre className="command">
        <code>npm run roomlens -- import &lt;{t.fileArgument}&gt;</code>
      </pre>
      <p className="muted">
        {fillSlots(t.formats, { flag: <code>--format ics|csv</code>, demo: <code>npm run roomlens -- demo</code> })}
      </p>
      <p className="muted">{t.discarded}</p>
    </section>
  );
}

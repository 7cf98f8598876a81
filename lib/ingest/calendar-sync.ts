import type { IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "./directory-sync";
import type { IngestSource } from "./pipeline";
import type { ConnectorContext, SourceRecord, SyncCheckpoint, Window } from "./types";

/** One room calendar's changes, or why it could not be read (its bookings are left as they are). */
export type CalendarListing = { items: unknown[]; cursor: string; full: boolean } | { unreadable: string };

export type CalendarSyncOptions = {
  kind: "google" | "microsoft";
  name: string;
  config: IntegrationConfig;
  rooms: readonly DirectoryRoom[];
  /** How positions name a calendar: "google calendar", "microsoft mailbox". */
  label: string;
  /** Lists one calendar: in full without a cursor, else the changes since it. */
  list(calendar: string, cursor: string | null, window: Window): Promise<CalendarListing>;
  /** One listed item as a record, or null when it is not a booking at all. */
  toRecord(item: unknown, calendar: string, at: string): SourceRecord | null;
};

/**
 * A source that syncs room calendars one by one, each with its own cursor (a Google sync token, a
 * Graph delta link) kept in the integration's cursor under the calendar's lower-cased address.
 * Without a cursor a calendar is listed in full and its room counts as completely listed; with one,
 * only changes are fetched and unlisted bookings are never cancelled (coverage "none"). The cursor
 * reached goes to the pipeline through `checkpoint`, which saves it with the rows.
 */
export function calendarSyncSource(options: CalendarSyncOptions): IngestSource {
  let reached: SyncCheckpoint | null = null;
  return {
    kind: options.kind,
    name: options.name,
    config: options.config,
    coverage: "none",
    connector: {
      async *records(context: ConnectorContext): AsyncIterable<SourceRecord> {
        reached = null;
        const previous = context.cursor ?? {};
        const cursor: Record<string, string> = {};
        const completeRooms: string[] = [];
        for (const room of options.rooms) {
          const key = room.email.toLowerCase();
          const stored = previous[key] ?? null;
          const listing = await options.list(room.email, stored, context.window);
          if ("unreadable" in listing) {
            // Keep its cursor: the next sync resumes where this calendar last succeeded.
            if (stored !== null) cursor[key] = stored;
            yield { kind: "rejected", at: `${options.label} ${key}`, reason: listing.unreadable };
            continue;
          }
          for (const [index, item] of listing.items.entries()) {
            const record = options.toRecord(item, key, `${options.label} ${key} item ${index + 1}`);
            if (record !== null) yield record;
          }
          cursor[key] = listing.cursor;
          if (listing.full) completeRooms.push(key);
        }
        reached = { cursor, completeRooms };
      },
    },
    checkpoint() {
      if (reached === null) throw new Error(`${options.kind} source: checkpoint() before its records were consumed`);
      return reached;
    },
  };
}

/** After an expired cursor, a full listing that is refused again is not retried forever. */
const MAX_RESYNCS = 2;

/**
 * Lists a calendar, and when the source says the cursor is no longer usable ("resync": Google's
 * 410 Gone, Graph's syncStateNotFound) starts again with a clean full listing.
 */
export async function listWithResync(
  list: (cursor: string | null) => Promise<CalendarListing | "resync">,
  cursor: string | null,
  giveUp: () => Error,
): Promise<CalendarListing> {
  let current = cursor;
  for (let resyncs = 0; ; resyncs += 1) {
    const outcome = await list(current);
    if (outcome !== "resync") return outcome;
    if (resyncs >= MAX_RESYNCS) throw giveUp();
    current = null;
  }
}

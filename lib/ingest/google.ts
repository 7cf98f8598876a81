import { z } from "zod";
import type { IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "./directory-sync";
import { GOOGLE_EVENT_FIELDS, toGoogleRecord } from "./google-events";
import { GoogleApiError, googleErrorReason, type GoogleApi } from "./google-http";
import type { IngestSource } from "./pipeline";
import type { ConnectorContext, SourceRecord, SyncCheckpoint, Window } from "./types";

export { createGoogleApi, GOOGLE_SCOPES, GoogleApiError, type GoogleApi, type GoogleConnection } from "./google-http";
export { parseServiceAccountKey } from "./google-jwt";
export { listGoogleRooms } from "./google-rooms";

export type GoogleSourceOptions = {
  name: string;
  config: IntegrationConfig;
  api: GoogleApi;
  /** The room calendars to sync: `listGoogleRooms`, after `syncRoomDirectory` has mapped them. */
  rooms: readonly DirectoryRoom[];
  /** `maxResults` per page (Google allows up to 2500). */
  pageSize?: number;
};

const eventsPage = z.object({
  items: z.array(z.unknown()).optional(),
  nextPageToken: z.string().optional(),
  nextSyncToken: z.string().optional(),
});

type Listing = { items: unknown[]; syncToken: string; full: boolean };

/** What every request for one calendar shares. */
type Calendar = { api: GoogleApi; id: string; window: Window; pageSize: number };

/** A calendar Google will not show (deleted, or not shared with the impersonated user). */
type Unreadable = { unreadable: string };

/** After an expired token, a resync that expires again is not retried forever. */
const MAX_RESYNCS = 2;

/**
 * Google Workspace room calendars as an ingest source. Per calendar (the room's resource e-mail)
 * the integration's cursor holds Google's `nextSyncToken`: with none, the calendar is listed in
 * full inside the window and its room counts as completely listed; with one, only changes since
 * are fetched. The cursor reached is handed to the pipeline through `checkpoint`, which saves it
 * with the rows. Unlisted bookings are never cancelled on an incremental sync (coverage "none").
 */
export function googleSource(options: GoogleSourceOptions): IngestSource {
  let reached: SyncCheckpoint | null = null;
  return {
    kind: "google",
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
          const calendarId = room.email.toLowerCase();
          const stored = previous[calendarId] ?? null;
          const calendar = { api: options.api, id: room.email, window: context.window, pageSize: options.pageSize ?? 250 };
          const listing = await listCalendar(calendar, stored);
          if ("unreadable" in listing) {
            // Keep its token: the next sync resumes where this calendar last succeeded.
            if (stored !== null) cursor[calendarId] = stored;
            yield { kind: "rejected", at: `google calendar ${calendarId}`, reason: listing.unreadable };
            continue;
          }
          for (const [index, item] of listing.items.entries()) {
            yield toGoogleRecord(item, calendarId, `google calendar ${calendarId} item ${index + 1}`);
          }
          cursor[calendarId] = listing.syncToken;
          if (listing.full) completeRooms.push(calendarId);
        }
        reached = { cursor, completeRooms };
      },
    },
    checkpoint() {
      if (reached === null) throw new Error("googleSource: checkpoint() before its records were consumed");
      return reached;
    },
  };
}

/**
 * Every page of one calendar. Buffered per calendar (one room's window is a few thousand events)
 * so that a `410 Gone` on any page restarts a clean full listing instead of mixing the two.
 */
async function listCalendar(calendar: Calendar, syncToken: string | null): Promise<Listing | Unreadable> {
  let token = syncToken;
  for (let resyncs = 0; ; resyncs += 1) {
    const outcome = await listPages(calendar, token);
    if (outcome !== "gone") return outcome;
    if (resyncs >= MAX_RESYNCS) throw new GoogleApiError(410, `calendar ${calendar.id}: Google kept answering 410 Gone to a full sync`);
    // The sync token expired (or Google wants a resync): drop it and list the calendar in full.
    token = null;
  }
}

async function listPages(calendar: Calendar, syncToken: string | null): Promise<Listing | Unreadable | "gone"> {
  const calendarId = calendar.id;
  const items: unknown[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const response = await calendar.api.get(eventsUrl(calendar, syncToken, pageToken));
    const answered = `Google answered ${response.status} ${googleErrorReason(response.body)}`;
    if (response.status === 410) return "gone";
    if (response.status === 404 || response.status === 403) {
      return { unreadable: `${answered}: the calendar is gone or not shared with the impersonated user; its bookings were not synced` };
    }
    if (response.status !== 200) throw new GoogleApiError(response.status, `calendar ${calendarId}: ${answered}`);
    const page = eventsPage.safeParse(response.body);
    if (!page.success) throw new GoogleApiError(200, `calendar ${calendarId}: Google answered with a page this sync cannot read`);
    items.push(...(page.data.items ?? []));
    if (page.data.nextPageToken) {
      pageToken = page.data.nextPageToken;
      continue;
    }
    // Only the last page carries nextSyncToken; without it the next sync could not be incremental.
    if (!page.data.nextSyncToken) throw new GoogleApiError(200, `calendar ${calendarId}: the last page carried no nextSyncToken`);
    return { items, syncToken: page.data.nextSyncToken, full: syncToken === null };
  }
}

/**
 * A full listing expands recurrences (`singleEvents`) inside the window. An incremental one sends
 * `syncToken` without timeMin/timeMax/orderBy/q/updatedMin, which Google refuses alongside it;
 * the other parameters stay as on the full listing, as Google requires.
 */
function eventsUrl(calendar: Calendar, syncToken: string | null, pageToken: string | undefined): URL {
  const { api, window } = calendar;
  const url = new URL(`${api.calendarBaseUrl}/calendars/${encodeURIComponent(calendar.id)}/events`);
  url.searchParams.set("singleEvents", "true");
  url.searchParams.set("maxResults", String(calendar.pageSize));
  url.searchParams.set("fields", GOOGLE_EVENT_FIELDS);
  if (syncToken !== null) {
    url.searchParams.set("syncToken", syncToken);
  } else {
    url.searchParams.set("timeMin", window.from.toISOString());
    url.searchParams.set("timeMax", window.to.toISOString());
  }
  if (pageToken) url.searchParams.set("pageToken", pageToken);
  return url;
}

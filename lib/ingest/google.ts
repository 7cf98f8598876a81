import { z } from "zod";
import type { IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "./directory-sync";
import { GOOGLE_EVENT_FIELDS, toGoogleRecord } from "./google-events";
import { GoogleApiError, googleErrorReason, type GoogleApi } from "./google-http";
import { calendarSyncSource, listWithResync, type CalendarListing } from "./calendar-sync";
import type { IngestSource } from "./pipeline";
import type { Window } from "./types";

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

/** What every request for one calendar shares. */
type Calendar = { api: GoogleApi; id: string; window: Window; pageSize: number };

/**
 * Google Workspace room calendars as an ingest source: per calendar (the room's resource e-mail)
 * the cursor is Google's `nextSyncToken` (see calendarSyncSource for how cursors and full listings
 * are handled).
 */
export function googleSource(options: GoogleSourceOptions): IngestSource {
  return calendarSyncSource({
    kind: "google",
    name: options.name,
    config: options.config,
    rooms: options.rooms,
    label: "google calendar",
    list: (id, syncToken, window) => {
      const calendar = { api: options.api, id, window, pageSize: options.pageSize ?? 250 };
      return listWithResync(
        (token) => listPages(calendar, token),
        syncToken,
        () => new GoogleApiError(410, `calendar ${id}: Google kept answering 410 Gone to a full sync`),
      );
    },
    toRecord: (item, calendar, at) => toGoogleRecord(item, calendar, at),
  });
}

/**
 * Every page of one calendar. Buffered per calendar (one room's window is a few thousand events)
 * so that a `410 Gone` on any page restarts a clean full listing instead of mixing the two.
 */
async function listPages(calendar: Calendar, syncToken: string | null): Promise<CalendarListing | "resync"> {
  const calendarId = calendar.id;
  const items: unknown[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const response = await calendar.api.get(eventsUrl(calendar, syncToken, pageToken));
    const answered = `Google answered ${response.status} ${googleErrorReason(response.body)}`;
    // The sync token expired (or Google wants a resync): list the calendar in full.
    if (response.status === 410) return "resync";
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
    return { items, cursor: page.data.nextSyncToken, full: syncToken === null };
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

import { z } from "zod";
import type { IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "./directory-sync";
import { toGraphRecord } from "./microsoft-events";
import { GraphApiError, graphErrorCode, type GraphApi, type GraphResponse } from "./microsoft-http";
import { calendarSyncSource, listWithResync, type CalendarListing } from "./calendar-sync";
import type { IngestSource } from "./pipeline";
import type { Window } from "./types";

export { createGraphApi, GRAPH_SCOPE, GraphApiError, type GraphApi, type MicrosoftConnection } from "./microsoft-http";
export { listMicrosoftRooms } from "./microsoft-rooms";

export type MicrosoftSourceOptions = {
  name: string;
  config: IntegrationConfig;
  api: GraphApi;
  /** The room mailboxes to sync: `listMicrosoftRooms`, after `syncRoomDirectory` has mapped them. */
  rooms: readonly DirectoryRoom[];
  /** Items per page, asked for with `Prefer: odata.maxpagesize`. */
  pageSize?: number;
};

const deltaPage = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().optional(),
  "@odata.deltaLink": z.string().optional(),
});

/** What every request for one room mailbox shares. */
type Mailbox = { api: GraphApi; id: string; window: Window; pageSize: number };

/**
 * Microsoft 365 room mailboxes as an ingest source: per mailbox the cursor is the whole
 * `@odata.deltaLink` of its calendarView/delta (see calendarSyncSource). The window of a delta link
 * is fixed when it is first listed; a full resync moves it.
 */
export function microsoftSource(options: MicrosoftSourceOptions): IngestSource {
  return calendarSyncSource({
    kind: "microsoft",
    name: options.name,
    config: options.config,
    rooms: options.rooms,
    label: "microsoft mailbox",
    list: (address, deltaLink, window) => {
      const mailbox = { api: options.api, id: address.toLowerCase(), window, pageSize: options.pageSize ?? 100 };
      // A stored link that is not under the configured Graph base (the base was changed) is not
      // followed with our token: the mailbox is listed again instead.
      const usable = deltaLink !== null && options.api.isGraphLink(deltaLink) ? deltaLink : null;
      return listWithResync(
        (link) => listPages(mailbox, link),
        usable,
        () => new GraphApiError(410, `mailbox ${mailbox.id}: Graph kept asking for a resync of a full listing`),
      );
    },
    toRecord: (item, mailbox, at) => toGraphRecord(item, mailbox, at),
  });
}

/** Graph's way of saying the delta link is no longer usable: list the mailbox again in full. */
function needsResync(response: GraphResponse): boolean {
  return response.status === 410 || graphErrorCode(response.body).toLowerCase() === "syncstatenotfound";
}

/** All pages of one mailbox, buffered so that a resync on any page starts a clean full listing. */
async function listPages(mailbox: Mailbox, deltaLink: string | null): Promise<CalendarListing | "resync"> {
  const { api } = mailbox;
  const fail = (status: number, problem: string) => new GraphApiError(status, `mailbox ${mailbox.id}: ${problem}`);
  const items: unknown[] = [];
  let url = deltaLink ?? initialUrl(mailbox);
  for (;;) {
    const response = await api.get(new URL(url), { prefer: `odata.maxpagesize=${mailbox.pageSize}` });
    const answered = `Graph answered ${response.status} ${graphErrorCode(response.body)}`;
    if (needsResync(response)) return "resync";
    if (response.status === 404 || response.status === 403) {
      const why = "the mailbox is gone or the app may not read it (Calendars.Read, application access policy)";
      return { unreadable: `${answered}: ${why}; its bookings were not synced` };
    }
    if (response.status !== 200) throw fail(response.status, answered);
    const page = deltaPage.safeParse(response.body);
    if (!page.success) throw fail(200, "Graph answered with a page this sync cannot read");
    items.push(...page.data.value);
    const next = page.data["@odata.nextLink"];
    const delta = page.data["@odata.deltaLink"];
    if ([next, delta].some((link) => link !== undefined && !api.isGraphLink(link))) {
      throw fail(200, "Graph's paging link points outside Graph; not followed");
    }
    if (next !== undefined) {
      url = next;
      continue;
    }
    if (delta === undefined) throw fail(200, "the last page carried neither @odata.nextLink nor @odata.deltaLink");
    return { items, cursor: delta, full: deltaLink === null };
  }
}

function initialUrl({ api, id: mailbox, window }: Mailbox): string {
  const url = new URL(`${api.graphBaseUrl}/users/${encodeURIComponent(mailbox)}/calendarView/delta`);
  url.searchParams.set("startDateTime", window.from.toISOString());
  url.searchParams.set("endDateTime", window.to.toISOString());
  return url.toString();
}

import { z } from "zod";
import type { IntegrationConfig } from "@/db/schema";
import type { DirectoryRoom } from "./directory-sync";
import { toGraphRecord } from "./microsoft-events";
import { GraphApiError, graphErrorCode, type GraphApi, type GraphResponse } from "./microsoft-http";
import type { IngestSource } from "./pipeline";
import type { ConnectorContext, SourceRecord, SyncCheckpoint, Window } from "./types";

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

type Listing = { items: unknown[]; deltaLink: string; full: boolean };

/** What every request for one room mailbox shares. */
type Mailbox = { api: GraphApi; id: string; window: Window; pageSize: number };
type Unreadable = { unreadable: string };

const MAX_RESYNCS = 2;

/**
 * Microsoft 365 room mailboxes as an ingest source. Per mailbox the integration's cursor holds the
 * whole `@odata.deltaLink` of its calendarView/delta: with none, the mailbox is listed in full for
 * the window and its room counts as completely listed; with one, only changes since are fetched.
 * The window of a delta link is fixed when it is first listed; a full resync moves it.
 */
export function microsoftSource(options: MicrosoftSourceOptions): IngestSource {
  let reached: SyncCheckpoint | null = null;
  return {
    kind: "microsoft",
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
          const mailbox = room.email.toLowerCase();
          const stored = previous[mailbox] ?? null;
          const listing = await listMailbox({ api: options.api, id: mailbox, window: context.window, pageSize: options.pageSize ?? 100 }, stored);
          if ("unreadable" in listing) {
            // Keep its link: the next sync resumes where this mailbox last succeeded.
            if (stored !== null) cursor[mailbox] = stored;
            yield { kind: "rejected", at: `microsoft mailbox ${mailbox}`, reason: listing.unreadable };
            continue;
          }
          for (const [index, item] of listing.items.entries()) {
            const record = toGraphRecord(item, mailbox, `microsoft mailbox ${mailbox} item ${index + 1}`);
            if (record !== null) yield record;
          }
          cursor[mailbox] = listing.deltaLink;
          if (listing.full) completeRooms.push(mailbox);
        }
        reached = { cursor, completeRooms };
      },
    },
    checkpoint() {
      if (reached === null) throw new Error("microsoftSource: checkpoint() before its records were consumed");
      return reached;
    },
  };
}

/** Graph's way of saying the delta link is no longer usable: list the mailbox again in full. */
function needsResync(response: GraphResponse): boolean {
  return response.status === 410 || graphErrorCode(response.body).toLowerCase() === "syncstatenotfound";
}

/** All pages of one mailbox, buffered so that a resync on any page starts a clean full listing. */
async function listMailbox(mailbox: Mailbox, deltaLink: string | null): Promise<Listing | Unreadable> {
  // A stored link that is not under the configured Graph base (the base was changed) is not
  // followed with our token: the mailbox is listed again instead.
  let link = deltaLink !== null && mailbox.api.isGraphLink(deltaLink) ? deltaLink : null;
  for (let resyncs = 0; ; resyncs += 1) {
    const outcome = await listPages(mailbox, link);
    if (outcome !== "resync") return outcome;
    if (resyncs >= MAX_RESYNCS) throw new GraphApiError(410, `mailbox ${mailbox.id}: Graph kept asking for a resync of a full listing`);
    link = null;
  }
}

async function listPages(mailbox: Mailbox, deltaLink: string | null): Promise<Listing | Unreadable | "resync"> {
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
    return { items, deltaLink: delta, full: deltaLink === null };
  }
}

function initialUrl({ api, id: mailbox, window }: Mailbox): string {
  const url = new URL(`${api.graphBaseUrl}/users/${encodeURIComponent(mailbox)}/calendarView/delta`);
  url.searchParams.set("startDateTime", window.from.toISOString());
  url.searchParams.set("endDateTime", window.to.toISOString());
  return url.toString();
}

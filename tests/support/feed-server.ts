import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Feed = { body: string; etag?: string; lastModified?: string; contentType?: string; status?: number };

/**
 * A loopback server for ICS / CSV subscriptions that honours conditional requests the way calendar
 * hosts do: If-None-Match against the ETag, else If-Modified-Since against Last-Modified → 304.
 */
export async function startFeedServer() {
  const feeds = new Map<string, Feed>();
  const requests: Array<{ path: string; query: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://feed.test");
    requests.push({ path: url.pathname, query: url.search, headers: request.headers });
    const feed = feeds.get(url.pathname);
    if (!feed) return response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    if (feed.status) return response.writeHead(feed.status).end();
    const inm = request.headers["if-none-match"];
    const ims = request.headers["if-modified-since"];
    const fresh = inm !== undefined ? inm === feed.etag : ims !== undefined && feed.lastModified !== undefined && Date.parse(ims) >= Date.parse(feed.lastModified);
    const validators = { ...(feed.etag ? { etag: feed.etag } : {}), ...(feed.lastModified ? { "last-modified": feed.lastModified } : {}) };
    if (fresh) return response.writeHead(304, validators).end();
    response.writeHead(200, { "content-type": feed.contentType ?? "text/calendar; charset=utf-8", ...validators }).end(feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    set(path: string, feed: Feed) {
      feeds.set(path, feed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A VCALENDAR of one-hour meetings in the room with this resource address; each event: [uid, ISO start (UTC)]. */
export function icsFeed(roomEmail: string, events: Array<[uid: string, start: string]>): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+/, "");
  const blocks = events.map(([uid, start]) => {
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    return [
      "BEGIN:VEVENT",
      `UID:${uid}`,
      "DTSTAMP:20260101T000000Z",
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(end)}`,
      "SUMMARY:Quarterly review with Dana Quill",
      "ORGANIZER:mailto:dana.quill@example.com",
      `ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:${roomEmail}`,
      "END:VEVENT",
    ].join("\r\n");
  });
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Roomlens test//EN", ...blocks, "END:VCALENDAR", ""].join("\r\n");
}

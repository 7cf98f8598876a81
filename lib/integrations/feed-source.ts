import type { IntegrationConfig } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { csvConnector, type CsvColumnMapping } from "@/lib/ingest/csv";
import { icsConnector } from "@/lib/ingest/ics";
import { spoolEncrypted } from "./feed-spool";
import { MAX_ICS_BYTES } from "@/lib/ingest/open-source";
import type { IngestSource } from "@/lib/ingest/pipeline";
import type { FetchPolicy } from "./fetch-guard";
import { guardedGet, readText } from "./guarded-fetch";

export type FeedSubscription = {
  kind: "ics" | "csv";
  name: string;
  config: IntegrationConfig;
  /** The URL to fetch, with its token if it has one. */
  url: string;
  /** The URL without query string: what messages and the stored config show. */
  label: string;
  cursor: Readonly<Record<string, string>> | null;
  mapping?: Partial<CsvColumnMapping>;
  now: Date;
  policy?: FetchPolicy;
};

export type OpenedFeed = {
  source: IngestSource;
  /** The server answered 304: nothing changed since the stored validators. */
  notModified: boolean;
  /** Releases what the source holds: the response if it was not read, a CSV feed's spooled body. Called after every sync. */
  dispose(): void;
};

/**
 * Recurrences are expanded into a window that moves with the calendar: an unchanged feed must still
 * be read now and then, or occurrences entering the look-ahead would never be stored. So a 304 is
 * honoured for this long after the last full read.
 */
export const FULL_READ_EVERY_MS = 24 * 3_600_000;

/**
 * Polls an ICS or CSV URL as an ingest source. The server's validators (ETag, Last-Modified) ride in
 * the integration's cursor, which the pipeline saves with the rows: the next poll asks with
 * If-None-Match / If-Modified-Since, and a 304 becomes a run that reads nothing and changes nothing.
 */
export async function openFeedSubscription(feed: FeedSubscription): Promise<OpenedFeed> {
  const cursor = feed.cursor ?? {};
  const lastFull = Date.parse(cursor.fullReadAt ?? "");
  const revalidate = Number.isFinite(lastFull) && feed.now.getTime() - lastFull < FULL_READ_EVERY_MS;
  const headers: Record<string, string> = {};
  if (revalidate && cursor.etag) headers["if-none-match"] = cursor.etag;
  if (revalidate && cursor.lastModified) headers["if-modified-since"] = cursor.lastModified;

  const response = await guardedGet(feed.url, { label: feed.label, headers, policy: feed.policy });
  const base = { kind: feed.kind, name: feed.name, config: feed.config };
  const checkedAt = feed.now.toISOString();
  if (response.status === 304) {
    response.body.resume();
    const unchanged = { ...cursor, checkedAt };
    return {
      notModified: true,
      dispose: () => {},
      source: { ...base, coverage: "none", connector: { async *records() {} }, checkpoint: () => ({ cursor: unchanged, completeRooms: [] }) },
    };
  }
  if (response.status !== 200) {
    response.body.destroy();
    throw new UserError(`${feed.label}: the server answered ${response.status}${advice(response.status)}`);
  }
  const validators: Record<string, string> = { fullReadAt: checkedAt, checkedAt };
  const etag = response.headers.etag;
  const lastModified = response.headers["last-modified"];
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  const checkpoint = () => ({ cursor: validators, completeRooms: [] });
  const dispose = () => response.body.destroy();

  if (feed.kind === "ics") {
    // node-ical parses a whole text, so the body is read before the source is handed over.
    const text = await readText(response.body, MAX_ICS_BYTES, feed.label);
    return { notModified: false, dispose, source: { ...base, coverage: "window", connector: icsConnector(text, feed.label), checkpoint } };
  }
  // Kept on disk (encrypted) for this sync, so that a re-import can read it twice (feed-spool.ts).
  const spool = await spoolEncrypted(response.body, feed.label);
  const connector = csvConnector({ label: feed.label, open: () => spool.open() }, feed.mapping ?? {}, { rereadable: true });
  return { notModified: false, dispose: spool.remove, source: { ...base, coverage: "observed", connector, checkpoint } };
}

function advice(status: number): string {
  if (status === 401 || status === 403) return " (the feed needs credentials: use its private or secret address, with the token)";
  if (status === 404 || status === 410) return " (the feed is gone: check the URL, or remove the integration)";
  if (status >= 500) return " (a problem at the feed's host; the next sync tries again)";
  return "";
}

import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { UserError } from "@/lib/errors";
import { csvConnector } from "./csv";
import { icsConnector } from "./ics";
import type { IngestSource } from "./pipeline";

export type SourceFormat = "ics" | "csv";

export type FileSourceOptions = {
  format?: SourceFormat;
  /** The feed's own room, stored in the integration's config. */
  room?: string;
  timeZone?: string;
  /** Integration name; defaults to the file's absolute path or the URL. */
  name?: string;
};

/** ICS is parsed whole by the library, so a feed larger than this is refused rather than exhausting memory. */
export const MAX_ICS_BYTES = 200 * 1024 * 1024;

const isUrl = (location: string) => /^https?:\/\//i.test(location);

/** Builds an ingest source for a local file or an http(s) URL; CSV is streamed, ICS read whole. */
export async function openFileSource(location: string, options: FileSourceOptions = {}): Promise<IngestSource> {
  // A URL's query string often carries an access token: it is used to fetch, never stored or printed.
  const resolved = isUrl(location) ? withoutQuery(location) : path.resolve(location);
  const label = isUrl(location) ? resolved : path.basename(location);
  const format = options.format ?? guessFormat(location);
  const name = options.name ?? resolved;
  const config = { source: resolved, ...(options.room ? { room: options.room } : {}), ...(options.timeZone ? { timeZone: options.timeZone } : {}) };

  if (!isUrl(location)) {
    const info = await stat(resolved).catch(() => null);
    if (!info?.isFile()) throw new UserError(`${location}: no such file`);
  }
  if (format === "ics") {
    const text = isUrl(location) ? await fetchText(location, label) : await readIcsFile(resolved);
    return { kind: "ics", name, config, connector: icsConnector(text, label), coverage: "window" };
  }
  if (isUrl(location)) {
    return { kind: "csv", name, config, connector: csvConnector({ open: () => fetchStream(location, label), label }), coverage: "observed" };
  }
  // A local file can be read twice: a re-import first looks for rows it already stored (unchanged-rows.ts).
  const connector = csvConnector({ open: () => createReadStream(resolved), label }, {}, { rereadable: true });
  return { kind: "csv", name, config, connector, coverage: "observed" };
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function guessFormat(location: string): SourceFormat {
  const extension = path.extname(new URL(location, "file:///").pathname).toLowerCase();
  if (extension === ".ics" || extension === ".ical" || extension === ".ifb") return "ics";
  if (extension === ".csv" || extension === ".txt") return "csv";
  throw new UserError(`${location}: cannot tell the format from the name; pass --format ics or --format csv`);
}

async function readIcsFile(file: string): Promise<string> {
  const info = await stat(file);
  if (info.size > MAX_ICS_BYTES) {
    throw new UserError(`${file}: ${Math.round(info.size / 1048576)} MB is larger than the ${MAX_ICS_BYTES / 1048576} MB ICS limit; split the feed`);
  }
  return readFile(file, "utf8");
}

/** `label` is the URL without its query string: what messages may show. */
async function fetchOk(url: string, label: string): Promise<Response> {
  const response = await fetch(url, { redirect: "follow" }).catch((error: Error) => {
    throw new UserError(`${label}: cannot fetch (${error.cause instanceof Error ? error.cause.message : error.message})`);
  });
  if (!response.ok) throw new UserError(`${label}: the server answered ${response.status} ${response.statusText}`);
  return response;
}

async function fetchText(url: string, label: string): Promise<string> {
  const response = await fetchOk(url, label);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_ICS_BYTES) throw new UserError(`${label}: ${Math.round(declared / 1048576)} MB is larger than the ICS limit`);
  const text = await response.text();
  if (text.length > MAX_ICS_BYTES) throw new UserError(`${label}: larger than the ICS limit`);
  return text;
}

function fetchStream(url: string, label: string): Readable {
  // The connector opens its input lazily; a failed request surfaces as a stream error it reports.
  const body = fetchOk(url, label).then((response) => {
    if (!response.body) throw new UserError(`${label}: empty response`);
    return response.body;
  });
  return Readable.from(
    (async function* () {
      const reader = (await body).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    })(),
  );
}

import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { UserError } from "@/lib/errors";
import { assertFetchAllowed, fetchPolicy, guardedLookup, type FetchPolicy } from "./fetch-guard";

export type GuardedResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as a stream; the caller reads or destroys it. */
  body: IncomingMessage;
};

export type GuardedGetOptions = {
  /** The URL as it may be shown (no query string): every message uses it, never the real URL. */
  label: string;
  headers?: Record<string, string>;
  policy?: FetchPolicy;
  maxRedirects?: number;
  /** Idle time allowed while connecting and between chunks of the body. */
  timeoutMs?: number;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET through the fetch guard, following redirects by hand so that every hop is checked before it
 * is requested and connected to through `guardedLookup`. Node's http client, not `fetch`, because
 * only it lets the address check run inside the connection itself.
 */
export async function guardedGet(url: string, options: GuardedGetOptions): Promise<GuardedResponse> {
  const policy = options.policy ?? fetchPolicy();
  const maxRedirects = options.maxRedirects ?? 5;
  let target = new URL(url);
  for (let hop = 0; ; hop += 1) {
    await assertFetchAllowed(target, options.label, policy);
    const response = await requestOnce(target, options, policy);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || location === undefined) {
      return { status: response.statusCode ?? 0, headers: response.headers, body: response };
    }
    response.destroy();
    if (hop >= maxRedirects) throw new UserError(`${options.label}: more than ${maxRedirects} redirects`);
    target = new URL(location, target);
  }
}

function requestOnce(url: URL, options: GuardedGetOptions, policy: FetchPolicy): Promise<IncomingMessage> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "GET",
        headers: { "user-agent": "Roomlens", accept: "*/*", ...options.headers },
        lookup: guardedLookup(policy, options.label),
        // No pooled sockets: every connection is made, and checked, for this request.
        agent: false,
        timeout: timeoutMs,
      },
      resolve,
    );
    request.on("timeout", () => request.destroy(new UserError(`${options.label}: no answer for ${Math.round(timeoutMs / 1000)} s`)));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof UserError) return reject(error);
      // Messages of the socket layer can quote the full URL; only the label and the code are shown.
      reject(new UserError(`${options.label}: cannot fetch (${error.code ?? error.message})`));
    });
    request.end();
  });
}

/** Reads a whole body as UTF-8 text, refusing it once it grows past `maxBytes`. */
export async function readText(body: IncomingMessage, maxBytes: number, label: string): Promise<string> {
  const declared = Number(body.headers["content-length"] ?? "0");
  if (declared > maxBytes) {
    body.destroy();
    throw new UserError(`${label}: ${Math.round(declared / 1048576)} MB is larger than the ${Math.round(maxBytes / 1048576)} MB limit`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > maxBytes) throw new UserError(`${label}: larger than the ${Math.round(maxBytes / 1048576)} MB limit`);
      chunks.push(bytes);
    }
  } catch (error) {
    body.destroy();
    if (error instanceof UserError) throw error;
    const code = error instanceof Error && "code" in error ? String(error.code) : "connection lost";
    throw new UserError(`${label}: the download broke off (${code}); the next sync tries again`);
  }
  return Buffer.concat(chunks).toString("utf8");
}

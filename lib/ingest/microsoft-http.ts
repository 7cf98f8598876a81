import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { UserError } from "@/lib/errors";

/** App-only access: the permissions granted to the app registration, nothing per user. */
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export type MicrosoftConnection = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Tests point these two at a local server. */
  authorityUrl?: string;
  graphBaseUrl?: string;
};

/** Graph says how long to wait (`Retry-After`); without it, a doubling wait. Injected in tests. */
export type GraphRetry = {
  sleep: (ms: number) => Promise<void>;
  maxRetries: number;
  fallbackDelayMs: number;
};

export const defaultGraphRetry: GraphRetry = { sleep: (ms) => delay(ms), maxRetries: 6, fallbackDelayMs: 2000 };

export type GraphResponse = { status: number; body: unknown };

export type GraphApi = {
  graphBaseUrl: string;
  /** True for a link under the configured Graph base: only such links get the bearer token. */
  isGraphLink(link: string): boolean;
  /** GET with a bearer token; waits out throttling; any other status is the caller's. */
  get(url: URL, headers?: Record<string, string>): Promise<GraphResponse>;
  /** POST / PATCH a JSON body, as `get` (only change-notification subscriptions write; see lib/integrations/push-subscriptions.ts). */
  write(method: "POST" | "PATCH", url: URL, body: unknown): Promise<GraphResponse>;
};

export class GraphApiError extends UserError {
  override name = "GraphApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 60_000;
const errorBody = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });
const tokenBody = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const tokenError = z.object({ error: z.string(), error_description: z.string().optional() });

/** Graph's `error.code` ("syncStateNotFound", "ErrorItemNotFound", …), or "". */
export function graphErrorCode(body: unknown): string {
  const parsed = errorBody.safeParse(body);
  return parsed.success ? (parsed.data.error.code ?? "") : "";
}

export function createGraphApi(connection: MicrosoftConnection, retry: GraphRetry = defaultGraphRetry): GraphApi {
  const authority = trimSlash(connection.authorityUrl ?? "https://login.microsoftonline.com");
  const graphBaseUrl = trimSlash(connection.graphBaseUrl ?? "https://graph.microsoft.com/v1.0");
  const tokenUrl = `${authority}/${encodeURIComponent(connection.tenantId)}/oauth2/v2.0/token`;
  let cached: { value: string; expiresAt: number } | null = null;

  /** 429 (and 503/504, which Graph also sends with Retry-After) are waited out, a bounded number of times. */
  async function send(request: () => Promise<Response>, what: string): Promise<GraphResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await request();
      if (![429, 503, 504].includes(response.status)) return { status: response.status, body: await readBody(response) };
      await response.body?.cancel();
      if (attempt >= retry.maxRetries) {
        const advice = "sync fewer rooms at once or less often";
        throw new GraphApiError(response.status, `${what}: Microsoft Graph still throttled (${response.status}) after ${retry.maxRetries} retries; ${advice}`);
      }
      await retry.sleep(retryAfterMs(response.headers.get("retry-after")) ?? retry.fallbackDelayMs * 2 ** attempt);
    }
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > Date.now() + 60_000) return cached.value;
    const body = new URLSearchParams({
      client_id: connection.clientId,
      client_secret: connection.clientSecret,
      scope: GRAPH_SCOPE,
      grant_type: "client_credentials",
    });
    const response = await send(() => timedFetch(tokenUrl, { method: "POST", body }), "token request");
    const token = tokenBody.safeParse(response.body);
    if (response.status !== 200 || !token.success) {
      const refusal = tokenError.safeParse(response.body);
      const reason = refusal.success ? [refusal.data.error, refusal.data.error_description].filter(Boolean).join(": ") : "";
      throw new GraphApiError(
        response.status,
        `Microsoft Entra refused the client-credentials token request (${response.status} ${reason}). Check the tenant id, ` +
          "client id and client secret (secrets expire), and that the app has admin-consented Place.Read.All and Calendars.Read",
      );
    }
    cached = { value: token.data.access_token, expiresAt: Date.now() + token.data.expires_in * 1000 };
    return cached.value;
  }

  return {
    graphBaseUrl,
    isGraphLink(link) {
      const base = new URL(graphBaseUrl);
      const url = URL.canParse(link) ? new URL(link) : null;
      return url !== null && url.origin === base.origin && url.pathname.startsWith(`${base.pathname}/`);
    },
    get: (url, headers = {}) => authorized("GET", url, { headers }),
    write: (method, url, body) => authorized(method, url, { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  };

  async function authorized(method: string, url: URL, init: { headers: Record<string, string>; body?: string }): Promise<GraphResponse> {
    const what = `${method} ${url.pathname}`;
    const call = async () => timedFetch(url, { method, body: init.body, headers: { ...init.headers, authorization: `Bearer ${await accessToken()}` } });
    const response = await send(call, what);
    if (response.status !== 401) return response;
    // The token expired early or was revoked: a new one, once.
    cached = null;
    return send(call, what);
  }
}

/** `Retry-After` as seconds (what Graph sends) or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function timedFetch(url: URL | string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch((error: Error) => {
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    throw new GraphApiError(0, `cannot reach ${new URL(url).origin} (${cause})`);
  });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    // Not JSON (a gateway's HTML page): the status decides.
    return text;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

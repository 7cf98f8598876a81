import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { UserError } from "@/lib/errors";
import { buildServiceAccountAssertion, type ServiceAccountKey } from "./google-jwt";

/** Read-only scopes, the least that room directory and events need; the admin grants exactly these. */
export const GOOGLE_SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly",
  "https://www.googleapis.com/auth/calendar.events.readonly",
] as const;

export type GoogleConnection = {
  key: ServiceAccountKey;
  /** A Workspace admin the service account impersonates (domain-wide delegation). */
  subject: string;
  /** Admin SDK customer; "my_customer" is the subject's own. */
  customer?: string;
  /** Overrides the key file's token_uri; tests point these three at a local server. */
  tokenUrl?: string;
  calendarBaseUrl?: string;
  directoryBaseUrl?: string;
};

/** Truncated exponential backoff, as Google asks for on quota errors. Injected in tests. */
export type GoogleRetry = {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultGoogleRetry: GoogleRetry = {
  sleep: (ms) => delay(ms),
  random: Math.random,
  maxRetries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 64_000,
};

export type ApiResponse = { status: number; body: unknown };

export type GoogleApi = {
  calendarBaseUrl: string;
  directoryBaseUrl: string;
  customer: string;
  /** GET with a bearer token; retries quota and server errors; any other status is the caller's. */
  get(url: URL): Promise<ApiResponse>;
  /** POST a JSON body, as `get` (only push channels write: lib/integrations/push-channels.ts). */
  post(url: URL, body: unknown): Promise<ApiResponse>;
};

/** Google answered in a way the sync cannot continue from; the message says what to do. */
export class GoogleApiError extends UserError {
  override name = "GoogleApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 60_000;
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const QUOTA_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

const errorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    errors: z.array(z.object({ domain: z.string().optional(), reason: z.string().optional() })).optional(),
  }),
});
const tokenBody = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const tokenError = z.object({ error: z.string(), error_description: z.string().optional() });

/** The first `reason` of a Google error body, for messages and decisions. */
export function googleErrorReason(body: unknown): string {
  const parsed = errorBody.safeParse(body);
  return parsed.success ? (parsed.data.error.errors?.[0]?.reason ?? parsed.data.error.message ?? "") : "";
}

/** 429, and 403 whose reasons are usage limits, are quota errors; 403 for anything else is not. */
function isRetryable(response: ApiResponse): boolean {
  if (response.status === 429 || [500, 502, 503, 504].includes(response.status)) return true;
  if (response.status !== 403) return false;
  const parsed = errorBody.safeParse(response.body);
  const errors = parsed.success ? (parsed.data.error.errors ?? []) : [];
  return errors.some((e) => e.domain === "usageLimits" || QUOTA_REASONS.has(e.reason ?? ""));
}

export function createGoogleApi(connection: GoogleConnection, retry: GoogleRetry = defaultGoogleRetry): GoogleApi {
  const tokenUrl = connection.tokenUrl ?? connection.key.tokenUri ?? "https://oauth2.googleapis.com/token";
  let cached: { value: string; expiresAt: number } | null = null;

  /** Retries what Google says to retry, waiting base·2ⁿ (capped) plus up to a base of jitter. */
  async function send(request: () => Promise<ApiResponse>, what: string): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await request();
      if (!isRetryable(response)) return response;
      if (attempt >= retry.maxRetries) {
        throw new GoogleApiError(
          response.status,
          `${what}: Google still answered ${response.status} ${googleErrorReason(response.body)} after ${retry.maxRetries} retries ` +
            "(API quota exhausted: raise the Calendar/Admin SDK quota in the Cloud console or sync less often)",
        );
      }
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
      await retry.sleep(backoff + Math.floor(retry.random() * retry.baseDelayMs));
    }
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > Date.now() + 60_000) return cached.value;
    const assertion = buildServiceAccountAssertion(connection.key, {
      subject: connection.subject,
      scopes: GOOGLE_SCOPES,
      audience: tokenUrl,
      issuedAt: Math.floor(Date.now() / 1000),
    });
    const body = new URLSearchParams({ grant_type: JWT_BEARER, assertion });
    const response = await send(() => fetchJson(tokenUrl, { method: "POST", body }), "token request");
    const token = tokenBody.safeParse(response.body);
    if (response.status !== 200 || !token.success) {
      const refusal = tokenError.safeParse(response.body);
      const reason = refusal.success ? [refusal.data.error, refusal.data.error_description].filter(Boolean).join(": ") : "";
      throw new GoogleApiError(
        response.status,
        `Google refused the service account's token request (${response.status} ${reason}). Check that domain-wide ` +
          `delegation lists the service account's client id with the scopes ${GOOGLE_SCOPES.join(", ")}, ` +
          "and that the impersonated user is a Workspace admin",
      );
    }
    cached = { value: token.data.access_token, expiresAt: Date.now() + token.data.expires_in * 1000 };
    return cached.value;
  }

  return {
    calendarBaseUrl: trimSlash(connection.calendarBaseUrl ?? "https://www.googleapis.com/calendar/v3"),
    directoryBaseUrl: trimSlash(connection.directoryBaseUrl ?? "https://admin.googleapis.com/admin/directory/v1"),
    customer: connection.customer ?? "my_customer",
    get: (url) => authorized("GET", url, {}),
    post: (url, body) => authorized("POST", url, { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  };

  async function authorized(method: string, url: URL, init: { headers?: Record<string, string>; body?: string }): Promise<ApiResponse> {
    const what = `${method} ${url.pathname}`;
    const call = async () => fetchJson(url, { method, body: init.body, headers: { ...init.headers, authorization: `Bearer ${await accessToken()}` } });
    const response = await send(call, what);
    if (response.status !== 401) return response;
    // The token was revoked or expired early: fetch a new one, once.
    cached = null;
    return send(call, what);
  }
}

async function fetchJson(url: URL | string, init: RequestInit): Promise<ApiResponse> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch((error: Error) => {
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    throw new GoogleApiError(0, `cannot reach ${new URL(url).origin} (${cause})`);
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy): keep the text for the status check.
  }
  return { status: response.status, body };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

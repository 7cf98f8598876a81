import { generateKeyPairSync, verify, type KeyObject } from "node:crypto";
import { decodeToken, encodeToken, startFakeServer, type FakeReply, type FakeRequest, type FakeServer } from "./fake-http";

/** A Google event as the Calendar API returns it (real field names; titles included on purpose). */
type GoogleTime = { dateTime?: string; date?: string; timeZone?: string };
export type GoogleEventJson = { id: string; status?: string; start?: GoogleTime; end?: GoogleTime } & Record<string, unknown>;

type Stored = { event: GoogleEventJson; seq: number };
type Failure = { status: 403 | 429 | 500; domain: string; reason: string };

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Parameters Google refuses next to `syncToken`. */
const NOT_WITH_SYNC_TOKEN = ["timeMin", "timeMax", "orderBy", "q", "updatedMin", "iCalUID"];
export const FAKE_CLIENT_EMAIL = "roomlens-sync@roomlens-test.iam.gserviceaccount.com";

/**
 * Google's token endpoint, Admin SDK `resources.calendars` and Calendar `events.list` as documented:
 * the token endpoint verifies the RS256 assertion with the service account's public key and its
 * claims; events.list pages with `pageToken`, puts `nextSyncToken` on the last page only, answers
 * a `syncToken` with the changes since (cancelled events as stubs where stored so), refuses time
 * filters next to it, and answers an expired one with 410 Gone. It ignores the `fields` mask and
 * sends titles, descriptions and locations anyway, so tests prove the client never keeps them.
 */
export type FakeChannel = { id: string; resourceId: string; calendarId: string; address: string; token: string; expiration: string; stopped: boolean; messages: number };

/** How Google delivers a channel message: a POST with X-Goog-* headers and no body. Tests route it to a handler. */
type Deliver = (address: string, headers: Record<string, string>) => Promise<{ status: number }>;

export async function startFakeGoogle(options: { subject: string; directoryPageSize?: number; deliver?: Deliver }) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const calendars = new Map<string, Map<string, Stored>>();
  const epochs = new Map<string, number>();
  const issued = new Set<string>();
  const failures: Failure[] = [];
  const assertions: Array<Record<string, unknown>> = [];
  const channels: FakeChannel[] = [];
  let seq = 0;
  let resources: Array<Record<string, unknown>> = [];
  let origin = "";
  const base = () => origin;

  const calendar = (id: string) => {
    let events = calendars.get(id);
    if (!events) calendars.set(id, (events = new Map()));
    return events;
  };
  const googleError = (status: number, reason: string, message: string, domain = "global"): FakeReply => ({
    status,
    body: { error: { code: status, message, errors: [{ domain, reason, message }] } },
  });

  function token(request: FakeRequest): FakeReply {
    const form = new URLSearchParams(request.body);
    if (form.get("grant_type") !== JWT_BEARER) return { status: 400, body: { error: "unsupported_grant_type" } };
    const claims = verifyAssertion(form.get("assertion") ?? "", publicKey);
    if (claims === null) return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } };
    assertions.push(claims);
    const now = Math.floor(Date.now() / 1000);
    const scopes = String(claims.scope).split(" ");
    if (claims.iss !== FAKE_CLIENT_EMAIL || claims.aud !== `${base()}/token` || claims.sub !== options.subject) {
      return { status: 400, body: { error: "invalid_grant", error_description: "Invalid email or User ID" } };
    }
    if (Number(claims.exp) - Number(claims.iat) > 3600 || Number(claims.exp) < now || Number(claims.iat) > now + 60) {
      return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT: Token must be a short-lived token" } };
    }
    if (!scopes.includes("https://www.googleapis.com/auth/calendar.events.readonly") || !scopes.some((s) => s.includes("resource.calendar"))) {
      return { status: 401, body: { error: "unauthorized_client", error_description: "Client is unauthorized to retrieve access tokens using this method" } };
    }
    const accessToken = `ya29.fake-${issued.size + 1}`;
    issued.add(accessToken);
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: "Bearer" } };
  }

  function directory(request: FakeRequest): FakeReply {
    const pageSize = Math.min(Number(request.url.searchParams.get("maxResults") ?? 100), options.directoryPageSize ?? 100);
    const offset = Number(decodeToken(request.url.searchParams.get("pageToken") ?? "")?.offset ?? 0);
    const items = resources.slice(offset, offset + pageSize);
    const more = offset + pageSize < resources.length;
    return { status: 200, body: { kind: "admin#directory#resources#calendars#calendarResourcesList", items, ...(more ? { nextPageToken: encodeToken({ offset: offset + pageSize }) } : {}) } };
  }

  function events(request: FakeRequest, calendarId: string): FakeReply {
    const failure = failures.shift();
    if (failure) return googleError(failure.status, failure.reason, "Rate Limit Exceeded", failure.domain);
    if (!calendars.has(calendarId)) return googleError(404, "notFound", "Not Found");
    const params = request.url.searchParams;
    if (params.get("singleEvents") !== "true") return googleError(400, "invalid", "this fake expects singleEvents=true");
    const syncToken = params.get("syncToken");
    if (syncToken !== null && NOT_WITH_SYNC_TOKEN.some((p) => params.has(p))) {
      return googleError(400, "invalid", "Sync token cannot be combined with time or query filters");
    }
    const page = decodeToken(params.get("pageToken") ?? "");
    // The listing's state rides in the page token, so the sync token of the last page covers
    // exactly what existed when the first page was asked for.
    const state = page ?? (syncToken === null ? { since: -1, upTo: seq, epoch: epochs.get(calendarId) ?? 0, offset: 0 } : fromSyncToken(calendarId, syncToken));
    if (state === null) return googleError(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
    const since = Number(state.since);
    const all = [...calendar(calendarId).values()].filter(({ event, seq: s }) =>
      since < 0 ? event.status !== "cancelled" && overlaps(event, params.get("timeMin"), params.get("timeMax")) : s > since,
    );
    const size = Number(params.get("maxResults") ?? 250);
    const offset = Number(state.offset);
    const items = all.slice(offset, offset + size).map((s) => s.event);
    const next = offset + size < all.length ? { nextPageToken: encodeToken({ ...state, offset: offset + size }) } : { nextSyncToken: encodeToken({ calendarId, since: Number(state.upTo), epoch: Number(state.epoch) }) };
    return { status: 200, body: { kind: "calendar#events", items, ...next } };
  }

  function fromSyncToken(calendarId: string, syncToken: string) {
    const decoded = decodeToken(syncToken);
    if (decoded === null || decoded.calendarId !== calendarId || Number(decoded.epoch) !== (epochs.get(calendarId) ?? 0)) return null;
    return { since: Number(decoded.since), upTo: seq, epoch: Number(decoded.epoch), offset: 0 };
  }

  /** Sends one message on a channel, with the headers Google documents for `events.watch`. */
  async function send(channel: FakeChannel, state: "sync" | "exists" | "not_exists") {
    const headers = {
      "x-goog-channel-id": channel.id,
      "x-goog-channel-token": channel.token,
      "x-goog-channel-expiration": new Date(Number(channel.expiration)).toUTCString(),
      "x-goog-resource-id": channel.resourceId,
      "x-goog-resource-uri": `${base()}/calendar/v3/calendars/${encodeURIComponent(channel.calendarId)}/events?alt=json`,
      "x-goog-resource-state": state,
      "x-goog-message-number": String((channel.messages += 1)),
    };
    return (options.deliver ?? (async () => ({ status: 0 })))(channel.address, headers);
  }

  /** events.watch: opens a web_hook channel (https only) and, as Google does, sends its `sync` message. */
  async function watch(request: FakeRequest, calendarId: string): Promise<FakeReply> {
    if (!calendars.has(calendarId)) return googleError(404, "notFound", "Not Found");
    const body = JSON.parse(request.body) as { id?: string; type?: string; address?: string; token?: string; params?: { ttl?: string } };
    if (!body.id || !/^[A-Za-z0-9\-_+/=]{1,64}$/.test(body.id) || body.type !== "web_hook") return googleError(400, "invalid", "Invalid channel id or type");
    if (!body.address?.startsWith("https://")) return googleError(400, "push.webhookUrlNotHttps", "WebHook callback must be HTTPS");
    if ((body.token?.length ?? 0) > 256) return googleError(400, "invalid", "Channel token too long");
    const ttl = Math.min(Number(body.params?.ttl ?? 604800), 604800);
    const channel: FakeChannel = { id: body.id, resourceId: `res-${calendarId}`, calendarId, address: body.address, token: body.token ?? "", expiration: String(Date.now() + ttl * 1000), stopped: false, messages: 0 };
    channels.push(channel);
    await send(channel, "sync");
    return { status: 200, body: { kind: "api#channel", id: channel.id, resourceId: channel.resourceId, resourceUri: `${base()}/calendar/v3/calendars/${calendarId}/events`, token: channel.token, expiration: channel.expiration } };
  }

  function stop(request: FakeRequest): FakeReply {
    const body = JSON.parse(request.body) as { id?: string; resourceId?: string };
    const channel = channels.find((c) => c.id === body.id && c.resourceId === body.resourceId && !c.stopped);
    if (!channel) return googleError(404, "notFound", "Channel not found");
    channel.stopped = true;
    return { status: 204 };
  }

  const server: FakeServer = await startFakeServer((request) => {
    const path = request.url.pathname;
    if (request.method === "POST" && path === "/token") return token(request);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!bearer || !issued.has(bearer)) return googleError(401, "authError", "Invalid Credentials");
    if (/^\/admin\/directory\/v1\/customer\/[^/]+\/resources\/calendars$/.test(path)) return directory(request);
    if (request.method === "POST" && path === "/calendar/v3/channels/stop") return stop(request);
    const watched = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/watch$/.exec(path);
    if (request.method === "POST" && watched?.[1]) return watch(request, decodeURIComponent(watched[1]));
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(path);
    if (match?.[1]) return events(request, decodeURIComponent(match[1]));
    return googleError(404, "notFound", `no route ${path}`);
  });

  const url = (origin = server.url);
  return {
    requests: server.requests,
    tokenUrl: `${url}/token`,
    calendarBaseUrl: `${url}/calendar/v3`,
    directoryBaseUrl: `${url}/admin/directory/v1`,
    publicKey,
    /** The key file an admin downloads, with this server's token endpoint as token_uri. */
    keyFile(key: KeyObject = privateKey): string {
      const pem = key.export({ type: "pkcs8", format: "pem" }).toString();
      return JSON.stringify({ type: "service_account", project_id: "roomlens-test", private_key_id: "key-1", private_key: pem, client_email: FAKE_CLIENT_EMAIL, token_uri: `${url}/token` });
    },
    /** Verified claims of every assertion the token endpoint accepted. */
    assertions,
    setResources(list: Array<Record<string, unknown>>) {
      resources = list;
    },
    addCalendar(calendarId: string) {
      calendar(calendarId);
    },
    /** Inserts or replaces an event; it becomes a change for every sync token issued before. */
    putEvent(calendarId: string, event: GoogleEventJson) {
      seq += 1;
      calendar(calendarId).set(event.id, { event, seq });
    },
    /** Invalidates every sync token of the calendar, as Google does after a while. */
    expireSyncTokens(calendarId: string) {
      epochs.set(calendarId, (epochs.get(calendarId) ?? 0) + 1);
    },
    /** Every channel opened, stopped ones included. */
    channels: () => channels.map((channel) => ({ ...channel })),
    /** Google announces a change of the calendar on each of its open channels; the answers' statuses. */
    announceChange: async (calendarId: string) => {
      const open = channels.filter((c) => c.calendarId === calendarId && !c.stopped);
      return Promise.all(open.map(async (channel) => (await send(channel, "exists")).status));
    },
    /** The next events.list requests fail with these quota errors, one each. */
    failNext(...list: Failure[]) {
      failures.push(...list);
    },
    close: () => server.close(),
  };
}

function verifyAssertion(jwt: string, publicKey: KeyObject): Record<string, unknown> | null {
  const [header, payload, signature] = jwt.split(".");
  if (!header || !payload || !signature) return null;
  const headerJson = decodeToken(header);
  if (headerJson?.alg !== "RS256" || headerJson.typ !== "JWT") return null;
  if (!verify("sha256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))) return null;
  return decodeToken(payload);
}

function overlaps(event: GoogleEventJson, timeMin: string | null, timeMax: string | null): boolean {
  const start = Date.parse(event.start?.dateTime ?? event.start?.date ?? "");
  const end = Date.parse(event.end?.dateTime ?? event.end?.date ?? "");
  return (timeMin === null || end > Date.parse(timeMin)) && (timeMax === null || start < Date.parse(timeMax));
}

import { decodeToken, encodeToken, startFakeServer, type FakeReply, type FakeRequest } from "./fake-http";

/** An event as Microsoft Graph returns it from a room mailbox (real field names; subject included on purpose). */
export type GraphEventJson = {
  id: string;
  type?: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
} & Record<string, unknown>;

type Stored = { event: GraphEventJson; seq: number; removed: boolean };
type Expiry = { status: 410 | 400; code: string };

export const FAKE_TENANT = "contoso-tenant-id";
export const FAKE_CLIENT = { id: "roomlens-app-id", secret: "roomlens-app-secret" };

/**
 * The Microsoft identity platform's client-credentials token endpoint and the Graph calls a room
 * sync makes, as documented: `/places/microsoft.graph.room` paged by `@odata.nextLink`;
 * `/users/{room}/calendarView/delta` with startDateTime/endDateTime, paged by `@odata.nextLink`
 * (`Prefer: odata.maxpagesize`) and closed by an `@odata.deltaLink` that later answers the changes
 * since, deletions as `@removed`; an expired link answers `syncStateNotFound`; throttling is 429
 * with `Retry-After` in seconds.
 */
export type FakeSubscription = { id: string; resource: string; changeType: string; notificationUrl: string; lifecycleNotificationUrl?: string; clientState?: string; expirationDateTime: string };

/** Graph's validation POST to a notification URL; by default a real request, tests may route it to a handler. */
type Validate = (notificationUrl: string, validationToken: string) => Promise<{ status: number; type: string | null; text: string }>;

const validateOverHttp: Validate = async (notificationUrl, validationToken) => {
  const response = await fetch(`${notificationUrl}?validationToken=${encodeURIComponent(validationToken)}`, { method: "POST", signal: AbortSignal.timeout(10_000) });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
};

export async function startFakeMicrosoft(options: { placesPageSize?: number; validate?: Validate } = {}) {
  const mailboxes = new Map<string, Map<string, Stored>>();
  const epochs = new Map<string, number>();
  const expiries = new Map<string, Expiry>();
  const issued = new Set<string>();
  const throttles: Array<string | null> = [];
  const subscriptions = new Map<string, FakeSubscription>();
  let subscriptionCount = 0;
  let places: Array<Record<string, unknown>> = [];
  let seq = 0;
  let origin = "";
  const graph = () => `${origin}/v1.0`;

  const mailbox = (id: string) => {
    let events = mailboxes.get(id);
    if (!events) mailboxes.set(id, (events = new Map()));
    return events;
  };
  const graphError = (status: number, code: string, message: string): FakeReply => ({ status, body: { error: { code, message } } });

  function token(request: FakeRequest): FakeReply {
    const form = new URLSearchParams(request.body);
    if (form.get("grant_type") !== "client_credentials") return { status: 400, body: { error: "unsupported_grant_type" } };
    if (form.get("scope") !== "https://graph.microsoft.com/.default") return { status: 400, body: { error: "invalid_scope", error_description: "AADSTS70011: The provided value for scope is not valid." } };
    if (form.get("client_id") !== FAKE_CLIENT.id || form.get("client_secret") !== FAKE_CLIENT.secret) {
      return { status: 401, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." } };
    }
    const accessToken = `eyJ0eXAi.fake-${issued.size + 1}`;
    issued.add(accessToken);
    return { status: 200, body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  function listPlaces(request: FakeRequest): FakeReply {
    const size = options.placesPageSize ?? 100;
    const skip = Number(request.url.searchParams.get("$skip") ?? 0);
    const more = skip + size < places.length;
    return {
      status: 200,
      body: {
        "@odata.context": `${graph()}/$metadata#places/microsoft.graph.room`,
        value: places.slice(skip, skip + size),
        ...(more ? { "@odata.nextLink": `${graph()}/places/microsoft.graph.room?$skip=${skip + size}` } : {}),
      },
    };
  }

  function delta(request: FakeRequest, id: string): FakeReply {
    const throttle = throttles.shift();
    if (throttle !== undefined) {
      return { ...graphError(429, "TooManyRequests", "Application is over its MailboxConcurrency limit."), headers: throttle === null ? {} : { "retry-after": throttle } };
    }
    if (!mailboxes.has(id)) return graphError(404, "ErrorInvalidUser", "The requested user is invalid.");
    const params = request.url.searchParams;
    const epoch = epochs.get(id) ?? 0;
    let state: Record<string, string | number>;
    if (params.has("$skiptoken")) {
      state = decodeToken(params.get("$skiptoken") ?? "") ?? {};
    } else if (params.has("$deltatoken")) {
      const decoded = decodeToken(params.get("$deltatoken") ?? "");
      if (!decoded || Number(decoded.epoch) !== epoch) {
        const expiry = expiries.get(id) ?? { status: 410, code: "syncStateNotFound" };
        return graphError(expiry.status, expiry.code, "The sync state generation is not found.");
      }
      state = { ...decoded, upTo: seq, offset: 0 };
    } else {
      const start = params.get("startDateTime");
      const end = params.get("endDateTime");
      if (!start || !end) return graphError(400, "ErrorInvalidParameter", "startDateTime and endDateTime are required.");
      state = { start, end, since: -1, upTo: seq, epoch, offset: 0 };
    }
    const since = Number(state.since);
    const [from, to] = [Date.parse(String(state.start)), Date.parse(String(state.end))];
    // calendarView lists occurrences, never series masters; a first listing leaves deletions out.
    const all = [...mailbox(id).values()].filter(
      (s) => (since < 0 ? !s.removed : s.seq > since) && s.event.type !== "seriesMaster" && (s.removed || overlaps(s.event, from, to)),
    );
    const size = Number(/odata\.maxpagesize=(\d+)/.exec(String(request.headers.prefer ?? ""))?.[1] ?? 10);
    const offset = Number(state.offset);
    const value = all.slice(offset, offset + size).map((s) => (s.removed ? { "@odata.type": "#microsoft.graph.event", id: s.event.id, "@removed": { reason: "deleted" } } : s.event));
    const link = `${graph()}/users/${encodeURIComponent(id)}/calendarView/delta`;
    const next =
      offset + size < all.length
        ? { "@odata.nextLink": `${link}?$skiptoken=${encodeToken({ ...state, offset: offset + size })}` }
        : { "@odata.deltaLink": `${link}?$deltatoken=${encodeToken({ start: String(state.start), end: String(state.end), since: Number(state.upTo), epoch: Number(state.epoch) })}` };
    return { status: 200, body: { "@odata.context": `${graph()}/$metadata#Collection(event)`, value, ...next } };
  }

  /**
   * POST /subscriptions as documented: Graph first POSTs `?validationToken=…` to the notification URL
   * and wants the token back as text/plain with 200 within 10 s, else 400 ValidationError; it answers
   * 201 with the subscription and the expirationDateTime it granted. PATCH renews; an unknown id is 404.
   */
  async function subscribe(request: FakeRequest): Promise<FakeReply> {
    const body = JSON.parse(request.body) as Partial<FakeSubscription>;
    if (!body.notificationUrl || !body.resource || !body.changeType || !body.expirationDateTime) return graphError(400, "InvalidRequest", "missing subscription properties");
    if (Number.isNaN(Date.parse(body.expirationDateTime))) return graphError(400, "InvalidRequest", "expirationDateTime is not a date");
    if ((body.clientState?.length ?? 0) > 128) return graphError(400, "InvalidRequest", "clientState is longer than 128 characters");
    subscriptionCount += 1;
    const token = `Validation: Testing client application ${subscriptionCount}`;
    const echo = await (options.validate ?? validateOverHttp)(body.notificationUrl, token).catch(() => null);
    if (echo?.status !== 200 || !echo.type?.startsWith("text/plain") || echo.text !== token) {
      return graphError(400, "ValidationError", "Subscription validation request failed. Response must exactly match validationToken query parameter.");
    }
    const id = `sub-${subscriptionCount}`;
    const stored: FakeSubscription = { id, resource: body.resource, changeType: body.changeType, notificationUrl: body.notificationUrl, lifecycleNotificationUrl: body.lifecycleNotificationUrl, clientState: body.clientState, expirationDateTime: body.expirationDateTime };
    subscriptions.set(id, stored);
    return { status: 201, body: { "@odata.context": `${graph()}/$metadata#subscriptions/$entity`, ...stored } };
  }

  function renew(request: FakeRequest, id: string): FakeReply {
    const stored = subscriptions.get(id);
    if (!stored) return graphError(404, "ResourceNotFound", `The object was not found. ${id}`);
    const body = JSON.parse(request.body) as { expirationDateTime?: string };
    if (!body.expirationDateTime || Number.isNaN(Date.parse(body.expirationDateTime))) return graphError(400, "InvalidRequest", "expirationDateTime is required");
    stored.expirationDateTime = body.expirationDateTime;
    return { status: 200, body: { ...stored } };
  }

  const server = await startFakeServer((request) => {
    const path = request.url.pathname;
    if (request.method === "POST" && path === `/${FAKE_TENANT}/oauth2/v2.0/token`) return token(request);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!bearer || !issued.has(bearer)) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    if (path === "/v1.0/places/microsoft.graph.room") return listPlaces(request);
    if (request.method === "POST" && path === "/v1.0/subscriptions") return subscribe(request);
    const subscription = /^\/v1\.0\/subscriptions\/([^/]+)$/.exec(path);
    if (request.method === "PATCH" && subscription?.[1]) return renew(request, decodeURIComponent(subscription[1]));
    const match = /^\/v1\.0\/users\/([^/]+)\/calendarView\/delta$/.exec(path);
    if (match?.[1]) return delta(request, decodeURIComponent(match[1]).toLowerCase());
    return graphError(400, "BadRequest", `Resource not found for the segment '${path}'.`);
  });
  origin = server.url;

  return {
    requests: server.requests,
    authorityUrl: origin,
    graphBaseUrl: graph(),
    setPlaces(list: Array<Record<string, unknown>>) {
      places = list;
    },
    addMailbox(id: string) {
      mailbox(id);
    },
    /** Inserts or replaces an event; it is a change for every delta link issued before. */
    putEvent(id: string, event: GraphEventJson) {
      seq += 1;
      mailbox(id).set(event.id, { event, seq, removed: false });
    },
    /** Deletes an event; delta links issued before report it as `@removed`. */
    removeEvent(id: string, eventId: string) {
      const stored = mailbox(id).get(eventId);
      if (!stored) throw new Error(`no event ${eventId}`);
      seq += 1;
      mailbox(id).set(eventId, { ...stored, seq, removed: true });
    },
    /** Invalidates the mailbox's delta links; they then answer with this status and error code. */
    expireDeltaLinks(id: string, expiry: Expiry = { status: 410, code: "syncStateNotFound" }) {
      epochs.set(id, (epochs.get(id) ?? 0) + 1);
      expiries.set(id, expiry);
    },
    /** The next delta requests answer 429, each with this Retry-After (null: none). */
    throttleNext(...retryAfter: Array<string | null>) {
      throttles.push(...retryAfter);
    },
    /** The subscriptions opened and not removed, as Graph keeps them. */
    subscriptions: () => [...subscriptions.values()].map((entry) => ({ ...entry })),
    /** Graph removes a subscription (expired, or deleted by a tenant admin). */
    dropSubscription(id: string) {
      subscriptions.delete(id);
    },
    close: () => server.close(),
  };
}

/** Graph's local times carry no offset; with the UTC default they are UTC. */
function overlaps(event: GraphEventJson, from: number, to: number): boolean {
  const instant = (value: { dateTime: string }) => Date.parse(`${value.dateTime.slice(0, 19)}Z`);
  return instant(event.end) > from && instant(event.start) < to;
}

import { z } from "zod";
import type { IntegrationConfig, IntegrationKind } from "@/db/schema";
import { isValidTimeZone } from "@/lib/time-zones";

/**
 * The non-secret settings of each kind of integration, parsed once at the edge (a form, the CLI, a
 * stored row). Stored in `integrations.config` together with `source`, a label fit to show.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const timeZone = text(64).refine(isValidTimeZone, "not an IANA time zone (e.g. Europe/London)");
const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http:// or https:// address");

/** Column names of a CSV export (see lib/ingest/csv-mapping.ts); only room, start and end are required. */
const csvMapping = z.strictObject({
  room: text(100).optional(),
  start: text(100).optional(),
  end: text(100).optional(),
  organizer: text(100).optional(),
  attendees: text(100).optional(),
  status: text(100).optional(),
  checkedIn: text(100).optional(),
  bookedAt: text(100).optional(),
  private: text(100).optional(),
  recurring: text(100).optional(),
  id: text(100).optional(),
});

/** Google and Microsoft have sovereign / national clouds at other addresses; tests use local fakes. */
const googleEndpoints = z.strictObject({ tokenUrl: httpUrl.optional(), calendarBaseUrl: httpUrl.optional(), directoryBaseUrl: httpUrl.optional() });
const microsoftEndpoints = z.strictObject({ authorityUrl: httpUrl.optional(), graphBaseUrl: httpUrl.optional() });

export const settingsSchemas = {
  /** An ICS subscription: polled on the schedule with ETag / If-Modified-Since. */
  ics: z.strictObject({ url: httpUrl, room: text(200).optional(), timeZone: timeZone.optional() }),
  /** A CSV export a booking tool publishes at a URL. */
  csv: z.strictObject({ url: httpUrl, room: text(200).optional(), timeZone: timeZone.optional(), mapping: csvMapping.optional() }),
  /** Secret: the service account's JSON key file. `subject`: the Workspace admin it impersonates. */
  google: z.strictObject({
    subject: z.email().max(320),
    customer: text(100).optional(),
    timeZone: timeZone.optional(),
    endpoints: googleEndpoints.optional(),
  }),
  /** Secret: the app registration's client secret. */
  microsoft: z.strictObject({
    tenantId: text(100),
    clientId: text(100),
    timeZone: timeZone.optional(),
    endpoints: microsoftEndpoints.optional(),
  }),
  /** Secret: the HMAC signing secret, generated when the integration is added. */
  webhook: z.strictObject({}),
} as const satisfies Record<IntegrationKind, z.ZodType>;

export type IntegrationSettings = { [K in IntegrationKind]: { kind: K } & z.output<(typeof settingsSchemas)[K]> }[IntegrationKind];
export type SettingsOf<K extends IntegrationKind> = Extract<IntegrationSettings, { kind: K }>;

/** Which kinds need a secret from the admin, and what it is (for forms and messages). */
export const secretLabels: Record<IntegrationKind, string | null> = {
  ics: null,
  csv: null,
  google: "service-account key (JSON)",
  microsoft: "client secret",
  webhook: "signing secret (generated when left empty)",
};

/** Parses the settings typed into a form or the CLI; a zod error names the fields. */
export function parseSettings(kind: IntegrationKind, input: unknown): IntegrationSettings {
  return { kind, ...settingsSchemas[kind].parse(input ?? {}) } as IntegrationSettings;
}

/**
 * The form of a feed URL that may be shown and stored in clear. Feed hosts put access tokens in the
 * query string and in the path too (Google's "secret address" .../private-<token>/basic.ics, Outlook's
 * published calendars), so only the scheme, host and last path segment are kept; the whole URL is the
 * integration's secret, stored encrypted.
 */
export function displayFeedUrl(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split("/").filter(Boolean);
  const last = segments.at(-1);
  const path = last === undefined ? "/" : segments.length > 1 ? `/…/${last}` : `/${last}`;
  return `${parsed.protocol}//${parsed.host}${path}`;
}

/** The `config` column for these settings: a `source` label plus the settings (a feed URL without its secret part). */
export function toStoredConfig(settings: IntegrationSettings): IntegrationConfig {
  const { kind, ...rest } = settings;
  switch (settings.kind) {
    case "ics":
    case "csv": {
      const shown = displayFeedUrl(settings.url);
      return { ...rest, url: shown, source: shown };
    }
    case "google":
      return { ...rest, source: `google:${settings.subject.slice(settings.subject.indexOf("@") + 1)}` };
    case "microsoft":
      return { ...rest, source: `microsoft:${settings.tenantId}` };
    case "webhook":
      return { ...rest, source: kind };
  }
}

/**
 * The settings of a stored row, or a message saying what is wrong. A feed's `url` here is its display
 * form; the URL fetched is the secret. Rows made by `import <url>` carry only `source` (the URL without
 * its query) and no secret: that is their feed URL. Rows made by `import <file>` cannot be pulled.
 */
export function readStoredSettings(kind: IntegrationKind, config: IntegrationConfig): IntegrationSettings | { problem: string } {
  const { source, ...rest } = config;
  const candidate = (kind === "ics" || kind === "csv") && rest.url === undefined && /^https?:\/\//i.test(source) ? { ...rest, url: source } : rest;
  // Stored rows may carry fields of older releases: read leniently (unknown keys dropped).
  const parsed = z.object(settingsSchemas[kind].shape).safeParse(candidate);
  if (parsed.success) return { kind, ...parsed.data } as IntegrationSettings;
  if ((kind === "ics" || kind === "csv") && candidate.url === undefined) {
    return { problem: "imported from a file with the command line; import the file again (`import <file> --name NAME`) to update it" };
  }
  return { problem: `its stored settings are incomplete (${describeIssues(parsed.error)}); edit the integration` };
}

/** "url: must be an http:// or https:// address; subject: Invalid email address" */
export function describeIssues(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`)
    .join("; ");
}

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { integrations } from "@/db/schema";
import { defaultTimeZone, ingestWindow } from "@/lib/context";
import { csvConnector } from "@/lib/ingest/csv";
import { icsConnector } from "@/lib/ingest/ics";
import { listGoogleRooms } from "@/lib/ingest/google";
import { listMicrosoftRooms } from "@/lib/ingest/microsoft";
import { MAX_ICS_BYTES } from "@/lib/ingest/open-source";
import type { ConnectorContext, Window } from "@/lib/ingest/types";
import { UserError } from "@/lib/errors";
import { describeIssues, displayFeedUrl, settingsSchemas, type IntegrationSettings } from "./config";
import { IntegrationNotFoundError } from "./errors";
import { explainFailure } from "./failures";
import type { FetchPolicy } from "./fetch-guard";
import { guardedGet, readText } from "./guarded-fetch";
import type { SecretsKey } from "./secrets";
import { connectGoogle, connectMicrosoft, readSecret, settingsOf } from "./sources";

/** The outcome of "Test connection": what was reached, or what failed and what to do. Nothing is written. */
export type ConnectionTest = { ok: true; message: string } | { ok: false; message: string; advice: string };

export type TestOptions = { policy?: FetchPolicy; secretsKey?: SecretsKey; log?: (line: string) => void };

/** How many CSV rows the test reads: enough to show the columns resolve and times parse. */
const CSV_SAMPLE_ROWS = 20;

/** Tests a saved integration with its stored settings and secret. */
export async function testConnection(database: Database, integrationId: number, options: TestOptions = {}): Promise<ConnectionTest> {
  const [row] = await database.db.select().from(integrations).where(eq(integrations.id, integrationId));
  if (!row) throw new IntegrationNotFoundError(integrationId);
  return attempt(options, async () => {
    const settings = settingsOf(row);
    if (settings.kind === "webhook") {
      return `ready: the sender POSTs signed batches to /api/ingest/${row.id}${row.lastSyncAt ? `; last batch ${row.lastSyncAt.toISOString()}` : "; no batch received yet"}`;
    }
    const secret = readSecret(row, options.secretsKey);
    return probe(settings, secret, await ingestWindow(database), options.policy);
  });
}

/**
 * Tests settings typed into a form before they are saved: `secret` is the key, client secret or
 * (for a feed) nothing — the URL in `config` carries its own token.
 */
export async function testDraftConnection(
  database: Database,
  draft: { kind: IntegrationSettings["kind"]; config: unknown; secret?: string },
  options: TestOptions = {},
): Promise<ConnectionTest> {
  return attempt(options, async () => {
    const parsed = settingsSchemas[draft.kind].safeParse(draft.config ?? {});
    if (!parsed.success) throw new UserError(describeIssues(parsed.error));
    const settings = { kind: draft.kind, ...parsed.data } as IntegrationSettings;
    if (settings.kind === "webhook") return "ready: save it to get its address and signing secret";
    const secret = settings.kind === "ics" || settings.kind === "csv" ? settings.url : (draft.secret ?? null);
    return probe(settings, secret, await ingestWindow(database), options.policy);
  });
}

async function attempt(options: TestOptions, run: () => Promise<string>): Promise<ConnectionTest> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    return { ok: false, ...explainFailure(error, options.log) };
  }
}

async function probe(settings: Exclude<IntegrationSettings, { kind: "webhook" }>, secret: string | null, window: Window, policy?: FetchPolicy): Promise<string> {
  const missing = (what: string) => new UserError(`no ${what} is stored; edit the integration and enter it`);
  switch (settings.kind) {
    case "google": {
      if (secret === null) throw missing("service-account key");
      const rooms = await listGoogleRooms(await connectGoogle(settings, secret, policy));
      return `signed in as the service account for ${settings.subject}; ${rooms.length} room calendars found`;
    }
    case "microsoft": {
      if (secret === null) throw missing("client secret");
      const rooms = await listMicrosoftRooms(await connectMicrosoft(settings, secret, policy));
      return `signed in to tenant ${settings.tenantId}; ${rooms.length} room mailboxes found`;
    }
    case "ics":
    case "csv":
      return probeFeed(settings, secret ?? settings.url, window, policy);
  }
}

async function probeFeed(settings: Extract<IntegrationSettings, { kind: "ics" | "csv" }>, url: string, window: Window, policy?: FetchPolicy): Promise<string> {
  const label = displayFeedUrl(settings.url);
  const response = await guardedGet(url, { label, policy });
  if (response.status !== 200) {
    response.body.destroy();
    throw new UserError(`${label}: the server answered ${response.status}`);
  }
  const context: ConnectorContext = { window, timeZone: settings.timeZone ?? defaultTimeZone(), defaultRoom: settings.room ?? null };
  const counts = { booking: 0, rejected: 0, other: 0 };
  const connector =
    settings.kind === "ics"
      ? icsConnector(await readText(response.body, MAX_ICS_BYTES, label), label)
      : csvConnector({ label, open: () => response.body }, settings.kind === "csv" ? (settings.mapping ?? {}) : {});
  try {
    for await (const record of connector.records(context)) {
      if (record.kind === "booking") counts.booking += 1;
      else if (record.kind === "rejected") counts.rejected += 1;
      else counts.other += 1;
      if (settings.kind === "csv" && counts.booking + counts.rejected + counts.other >= CSV_SAMPLE_ROWS) break;
    }
  } finally {
    response.body.destroy();
  }
  const read = settings.kind === "ics" ? `${counts.booking} bookings in the sync window` : `the first ${counts.booking + counts.rejected + counts.other} rows read`;
  return `reached ${label}: ${read}${counts.rejected > 0 ? `, ${counts.rejected} rejected (the sync report will name them)` : ""}`;
}

import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { integrations, type Integration, type IntegrationKind } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { ingestWindow } from "@/lib/context";
import { ingest, type SyncReport } from "@/lib/ingest/pipeline";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { IntegrationNotFoundError } from "./errors";
import { explainFailure, recordFailure, type SyncFailure } from "./failures";
import type { FetchPolicy } from "./fetch-guard";
import { nextSyncAt } from "./next-sync";
import { runExclusive, type SyncProgress } from "./progress";
import type { SecretsKey } from "./secrets";
import { isPullable, prepareSource } from "./sources";

export type { SyncFailure } from "./failures";
export type { SyncProgress } from "./progress";
export { IntegrationNotFoundError } from "./errors";
export { nextSyncAt } from "./next-sync";
export { testConnection, testDraftConnection, type ConnectionTest } from "./test-connection";

type Named = { integrationId: number; name: string; kind: IntegrationKind };

/** What one sync did. A failure was recorded as a failed run (`runId`) unless even that failed. */
export type SyncOutcome =
  | (Named & { ok: true; report: SyncReport; notModified: boolean })
  | (Named & { ok: false; failure: SyncFailure; runId: number | null });

export type SyncOptions = {
  now?: Date;
  /** Overrides for tests; by default both come from the environment. */
  policy?: FetchPolicy;
  secretsKey?: SecretsKey;
  log?: (line: string) => void;
};

async function findIntegration(database: Database, integrationId: number): Promise<Integration> {
  const [row] = await database.db.select().from(integrations).where(eq(integrations.id, integrationId));
  if (!row) throw new IntegrationNotFoundError(integrationId);
  return row;
}

/**
 * Pulls one integration through the ingest pipeline: its rows and its new cursor are saved in one
 * transaction, so a sync that dies anywhere leaves the integration exactly where the last one ended.
 * Expected and unexpected failures alike are recorded as a failed run with an explanation and
 * returned, not thrown; only an unknown id or a webhook (nothing to pull) throws.
 */
export async function syncIntegration(
  database: Database,
  keys: PseudonymKeys,
  integrationId: number,
  onProgress?: (progress: SyncProgress) => void,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const integration = await findIntegration(database, integrationId);
  if (integration.kind === "webhook") {
    throw new UserError(`integration "${integration.name}" is a webhook: bookings are pushed to it, there is nothing to pull`);
  }
  const named: Named = { integrationId, name: integration.name, kind: integration.kind };
  return runExclusive(integrationId, async (update) => {
    const report = (change: Partial<SyncProgress>) => onProgress?.({ ...update(change) });
    const startedAt = new Date();
    const now = options.now ?? startedAt;
    report({ phase: "connecting" });
    let prepared: Awaited<ReturnType<typeof prepareSource>> | undefined;
    try {
      prepared = await prepareSource(database, integration, { now, policy: options.policy, secretsKey: options.secretsKey });
      const result = await ingest(database, prepared.source, {
        keys,
        window: await ingestWindow(database, now),
        timeZone: prepared.timeZone,
        defaultRoom: prepared.defaultRoom,
        onProgress: (recordsRead) => report({ phase: "reading", recordsRead }),
      });
      report({ phase: "finished", recordsRead: result.fetched });
      return { ...named, ok: true, report: result, notModified: prepared.notModified };
    } catch (error) {
      const failure = explainFailure(error, options.log);
      report({ phase: "failed" });
      const runId = await recordFailure(database.db, integrationId, startedAt, failure).catch(() => null);
      return { ...named, ok: false, failure, runId };
    } finally {
      prepared?.dispose();
    }
  });
}

export type SyncAllOptions = SyncOptions & {
  /** Only integrations whose schedule says a sync is due (the scheduler's call). */
  dueOnly?: boolean;
  onProgress?: (progress: SyncProgress) => void;
};

/**
 * Syncs every enabled integration that can be pulled, one after the other (one embedded database,
 * two cores). A failing integration is recorded and reported; the others still run.
 */
export async function syncAll(database: Database, keys: PseudonymKeys, options: SyncAllOptions = {}): Promise<SyncOutcome[]> {
  const now = options.now ?? new Date();
  const rows = await database.db.select().from(integrations).where(eq(integrations.enabled, true)).orderBy(asc(integrations.id));
  const chosen = rows.filter((row) => {
    if (!isPullable(row)) return false;
    const due = nextSyncAt(row);
    return !options.dueOnly || (due !== null && due.getTime() <= now.getTime());
  });
  const outcomes: SyncOutcome[] = [];
  for (const row of chosen) {
    try {
      outcomes.push(await syncIntegration(database, keys, row.id, options.onProgress, options));
    } catch (error) {
      // Removed or changed while the others ran: report it and carry on.
      const failure = explainFailure(error, options.log);
      outcomes.push({ integrationId: row.id, name: row.name, kind: row.kind, ok: false, failure, runId: null });
    }
  }
  return outcomes;
}

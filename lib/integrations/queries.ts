import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations, syncRuns, type IntegrationKind, type SyncRun } from "@/db/schema";
import { readStoredSettings, type IntegrationSettings } from "./config";
import { IntegrationNotFoundError } from "./errors";
import { nextSyncAt } from "./next-sync";

export type SyncRunSummary = Omit<SyncRun, "integrationId">;

/** What the console and the CLI show of an integration. It never carries the secret, only whether one is set. */
export type IntegrationSummary = {
  id: number;
  kind: IntegrationKind;
  name: string;
  enabled: boolean;
  /** What it reads, fit to show (a feed URL without its token, "microsoft:<tenant>"). */
  source: string;
  /** The non-secret settings, as an edit form starts from; null for a file import made on the command line. */
  settings: IntegrationSettings | null;
  hasSecret: boolean;
  /** Whether "Sync now" applies: false for webhooks (pushed to) and file imports. */
  syncable: boolean;
  syncIntervalMinutes: number | null;
  nextSyncAt: Date | null;
  lastStatus: "succeeded" | "partial" | "failed" | null;
  lastSyncAt: Date | null;
  lastRun: SyncRunSummary | null;
  /** The last run's error with what to do, when it failed. */
  lastError: string | null;
  /** Where a webhook's sender POSTs to. */
  webhookPath: string | null;
  createdAt: Date;
};

const columns = {
  id: integrations.id,
  kind: integrations.kind,
  name: integrations.name,
  config: integrations.config,
  enabled: integrations.enabled,
  hasSecret: sql<boolean>`${integrations.secretEncrypted} IS NOT NULL`,
  syncIntervalMinutes: integrations.syncIntervalMinutes,
  lastStatus: integrations.lastStatus,
  lastSyncAt: integrations.lastSyncAt,
  createdAt: integrations.createdAt,
};

const selectRows = (db: Db) => db.select(columns).from(integrations);
type Row = Awaited<ReturnType<typeof selectRows>>[number];

function summarise(row: Row, lastRun: SyncRunSummary | null): IntegrationSummary {
  const settings = readStoredSettings(row.kind, row.config);
  const readable = "problem" in settings ? null : settings;
  const status = row.lastStatus;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    source: row.config.source,
    settings: readable,
    hasSecret: row.hasSecret,
    syncable: row.kind !== "webhook" && readable !== null,
    syncIntervalMinutes: row.syncIntervalMinutes,
    nextSyncAt: readable === null ? null : nextSyncAt(row),
    lastStatus: status === "succeeded" || status === "partial" || status === "failed" ? status : null,
    lastSyncAt: row.lastSyncAt,
    lastRun,
    lastError: lastRun?.status === "failed" ? lastRun.error : null,
    webhookPath: row.kind === "webhook" ? `/api/ingest/${row.id}` : null,
    createdAt: row.createdAt,
  };
}

async function latestRuns(db: Db, ids: number[]): Promise<Map<number, SyncRun>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([syncRuns.integrationId])
    .from(syncRuns)
    .where(inArray(syncRuns.integrationId, ids))
    .orderBy(syncRuns.integrationId, desc(syncRuns.startedAt), desc(syncRuns.id));
  return new Map(rows.map((run) => [run.integrationId, run]));
}

const withoutOwner = ({ integrationId: _owner, ...run }: SyncRun): SyncRunSummary => run;

/** Every integration, by name, with its last run. */
export async function listIntegrations(db: Db): Promise<IntegrationSummary[]> {
  const rows = await selectRows(db).orderBy(integrations.name);
  const runs = await latestRuns(db, rows.map((row) => row.id));
  return rows.map((row) => {
    const run = runs.get(row.id);
    return summarise(row, run ? withoutOwner(run) : null);
  });
}

export async function getIntegration(db: Db, id: number): Promise<IntegrationSummary> {
  const [row] = await selectRows(db).where(eq(integrations.id, id));
  if (!row) throw new IntegrationNotFoundError(id);
  const run = (await latestRuns(db, [id])).get(id);
  return summarise(row, run ? withoutOwner(run) : null);
}

/** The history of sync runs, newest first, with counts and the first rejection reasons. */
export async function listSyncRuns(db: Db, integrationId: number, options: { limit?: number; status?: SyncRun["status"] } = {}): Promise<SyncRunSummary[]> {
  const rows = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.integrationId, integrationId), options.status ? eq(syncRuns.status, options.status) : undefined))
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(Math.min(Math.max(options.limit ?? 20, 1), 500));
  return rows.map(withoutOwner);
}

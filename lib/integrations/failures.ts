import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations, syncRuns } from "@/db/schema";
import { UnparseableSourceError, UserError } from "@/lib/errors";
import { GoogleApiError } from "@/lib/ingest/google";
import { GraphApiError } from "@/lib/ingest/microsoft";
import { FetchRefusedError } from "./fetch-guard";

/** Why a sync failed, in words an admin can act on. */
export type SyncFailure = { message: string; advice: string };

const RETRY = "The next sync tries again; if it keeps failing, check the integration's settings.";

/**
 * Expected failures (a UserError: a refused token, an unreachable feed, an unparseable file) are
 * shown as they are, with what to do. Anything else is a bug or an outage: its innermost cause is
 * logged on the server and the admin sees a generic message, never a driver error that could quote
 * row values or a URL with its token.
 */
export function explainFailure(error: unknown, log: (line: string) => void = console.error): SyncFailure {
  if (error instanceof FetchRefusedError) {
    return { message: error.message, advice: "Use the feed's public address, or ask the server's operator to add the host to ROOMLENS_FETCH_ALLOWLIST." };
  }
  if (error instanceof UnparseableSourceError) {
    return { message: error.message, advice: "Fix the file where it is published; nothing from it was imported, so stored bookings are unchanged." };
  }
  if (error instanceof GoogleApiError || error instanceof GraphApiError) {
    const service = error instanceof GoogleApiError ? "Google" : "Microsoft";
    if (error.status === 0) return { message: error.message, advice: `Check that this server can reach ${service} (proxy, firewall). ${RETRY}` };
    if (error.status === 400 || error.status === 401 || error.status === 403) {
      return { message: error.message, advice: `Check the ${service} credentials and permissions named above, then sync again.` };
    }
    return { message: error.message, advice: RETRY };
  }
  if (error instanceof UserError) return { message: error.message, advice: "Fix what the message names, then sync again." };
  log(`integration sync failed: ${innermost(error)}`);
  return {
    message: "An internal error stopped the sync; the details are in the server log.",
    advice: "Sync again. Nothing was saved from the failed run, so no booking was lost or counted twice.",
  };
}

/** The innermost cause's name and message: drizzle's outer message lists query parameters. */
function innermost(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner instanceof Error ? `${inner.name}: ${inner.message}` : String(inner);
}

/** The text stored in `sync_runs.error`: the message, then what to do. */
export function formatFailure(failure: SyncFailure): string {
  return `${failure.message}\nWhat to do: ${failure.advice}`;
}

/** Records a failed run and the integration's failed status, in one transaction; returns the run id. */
export async function recordFailure(db: Db, integrationId: number, startedAt: Date, failure: SyncFailure): Promise<number> {
  return db.transaction(async (tx) => {
    const finishedAt = new Date();
    const [run] = await tx
      .insert(syncRuns)
      .values({ integrationId, startedAt, finishedAt, status: "failed", error: formatFailure(failure) })
      .returning({ id: syncRuns.id });
    await tx.update(integrations).set({ lastStatus: "failed", lastSyncAt: finishedAt }).where(eq(integrations.id, integrationId));
    if (!run) throw new Error("sync run insert returned no row");
    return run.id;
  });
}

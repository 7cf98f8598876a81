import { defaultDataDir, openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { loadPseudonymKeys } from "@/lib/privacy/keys";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { getSettings } from "@/lib/settings";
import type { Window } from "@/lib/ingest/types";

/** What a command needs: a migrated database and the pseudonymisation keys. */
export type AppContext = { database: Database; keys: PseudonymKeys };

export async function openAppContext(env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  const keys = loadPseudonymKeys(env, env.ROOMLENS_DATA_DIR ?? defaultDataDir());
  const database = await openDatabase();
  await migrateDatabase(database);
  return { database, keys };
}

const DAY_MS = 86_400_000;
/** Recurrences are expanded this far ahead: bookings planned further out say little yet. */
export const LOOKAHEAD_DAYS = 90;

/** The ingest window: from the retention horizon back to LOOKAHEAD_DAYS ahead. */
export async function ingestWindow(database: Database, now = new Date()): Promise<Window> {
  const { retentionDays } = await getSettings(database.db);
  return { from: new Date(now.getTime() - retentionDays * DAY_MS), to: new Date(now.getTime() + LOOKAHEAD_DAYS * DAY_MS) };
}

/** The zone for times that carry none: ROOMLENS_TIME_ZONE, else the host's zone. */
export function defaultTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  return env.ROOMLENS_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

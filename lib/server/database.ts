import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

// One handle per server process, opened and migrated on first use (never at import time). Held on
// globalThis: Next.js bundles instrumentation.ts (the purge schedule) and the routes separately, each
// with its own copy of this module, and two PGlite instances on one data dir would corrupt it.
const slot = globalThis as typeof globalThis & { roomlensDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  slot.roomlensDatabase ??= openDatabase().then(async (database) => {
    await migrateDatabase(database);
    return database;
  });
  return slot.roomlensDatabase;
}

/** Closes the handle if one was opened; the embedded database must be closed to stay consistent. */
export async function closeDatabase(): Promise<void> {
  const current = slot.roomlensDatabase;
  slot.roomlensDatabase = undefined;
  if (current) await (await current).close();
}

import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

// One handle per server process, opened and migrated on first use (never at import time).
let opening: Promise<Database> | undefined;

export function getDatabase(): Promise<Database> {
  opening ??= openDatabase().then(async (database) => {
    await migrateDatabase(database);
    return database;
  });
  return opening;
}

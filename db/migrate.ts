import path from "node:path";
import type { Database } from "./client";
import { settings } from "./schema";

export const migrationsFolder = path.resolve(process.env.ROOMLENS_MIGRATIONS_DIR ?? "db/migrations");

/** Applies the committed drizzle-kit migrations, then makes sure the settings row exists. */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.applyMigrations(migrationsFolder);
  await database.db.insert(settings).values({ id: 1 }).onConflictDoNothing();
}

import path from "node:path";
import type { Database } from "./client";
import { ensureRollups } from "@/lib/analytics/rollup-refresh";
import { settings } from "./schema";

export const migrationsFolder = path.resolve(process.env.ROOMLENS_MIGRATIONS_DIR ?? "db/migrations");

/**
 * Applies the committed drizzle-kit migrations, makes sure the settings row exists, and builds the
 * dashboards' rollups if bookings predate them (a database from before rollups, or a direct bulk load).
 */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.applyMigrations(migrationsFolder);
  await database.db.insert(settings).values({ id: 1 }).onConflictDoNothing();
  await ensureRollups(database.db);
}

import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, openPglite, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; the Postgres server too when DATABASE_URL is set (as in CI). */
export function databaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export type TestDatabase = Database & { drop(): Promise<void> };

/** A fresh, migrated database: in-memory PGlite, or a new database on the server dropped afterwards. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await openPglite(undefined);
    await migrateDatabase(database);
    return { ...database, drop: () => database.close() };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL is not set");
  const name = `roomlens_it_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    ...database,
    async drop() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export const testKeys: PseudonymKeys = {
  current: { version: 1, secret: "test-secret-key-0123456789" },
  live: [{ version: 1, secret: "test-secret-key-0123456789" }],
};

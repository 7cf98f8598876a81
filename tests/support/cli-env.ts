import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, openPglite, type Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { runCli } from "@/lib/cli";
import type { DatabaseKind } from "./databases";

export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * Runs the real CLI in-process against its own database: an on-disk PGlite data dir, or a new
 * database on the Postgres server. `inspect` opens the same database for assertions. `overrides`
 * replace its variables (the CLI reads an empty DATABASE_URL or ROOMLENS_PSEUDONYM_KEY as unset).
 */
export async function createCliEnvironment(kind: DatabaseKind, overrides: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "roomlens-cli-"));
  let url: string | undefined;
  let admin: postgres.Sql | undefined;
  let name = "";
  if (kind === "postgres") {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error("DATABASE_URL is not set");
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    name = `roomlens_cli_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = `/${name}`;
    url = dbUrl.toString();
  }
  const env = {
    DATABASE_URL: url ?? "",
    ROOMLENS_DATA_DIR: dataDir,
    ROOMLENS_PSEUDONYM_KEY: "cli-test-key-0123456789",
    ROOMLENS_TIME_ZONE: "Europe/London",
    ...overrides,
  };

  return {
    dataDir,
    /** The Postgres database's address (undefined on PGlite), for tests that open it as the server would. */
    databaseUrl: url,
    async run(...argv: string[]): Promise<CliRun> {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      const out: string[] = [];
      const err: string[] = [];
      try {
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
        return { code, stdout: out.join("\n"), stderr: err.join("\n") };
      } finally {
        process.env = saved;
      }
    },
    /** Opens the CLI's database (PGlite allows one user at a time, so close it before the next run). */
    async inspect<T>(fn: (database: Database) => Promise<T>): Promise<T> {
      const database = url ? await openDatabase({ url }) : await openPglite(path.join(dataDir, "db"));
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    async cleanup() {
      if (admin) {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table (all schemas but the system ones), as JSON: what a probe searches. */
export async function dumpAllTables(database: Database): Promise<string> {
  const tables = await queryRows<{ schema: string; name: string }>(
    database.db,
    sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
        ORDER BY 1, 2`,
  );
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    dump[`${table.schema}.${table.name}`] = await queryRows(
      database.db,
      sql.raw(`SELECT * FROM "${table.schema}"."${table.name}" ORDER BY 1`),
    );
  }
  return JSON.stringify(dump);
}

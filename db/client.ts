import { mkdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { UserError } from "@/lib/errors";
import * as schema from "./schema/index";

/** The one typed query handle; the same query code runs on both servers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Rows for COPY, already encoded as CSV: each item one or more whole lines (each ending in "\n"). */
export type CsvLines = AsyncIterable<string>;

export type Database = {
  db: Db;
  kind: "postgres" | "pglite";
  /** Streams CSV lines into `table (columns)` with COPY — the bulk path (drizzle inserts are ~6 % of its speed). */
  copyCsv(table: string, columns: readonly string[], lines: CsvLines): Promise<void>;
  /** Applies drizzle-kit's committed migrations with this driver's own migrator. */
  applyMigrations(folder: string): Promise<void>;
  close(): Promise<void>;
};

export type DatabaseOptions = { url?: string; dataDir?: string };

const drizzleConfig = { schema, casing: "snake_case" } as const;

export function defaultDataDir(): string {
  return process.env.ROOMLENS_DATA_DIR ?? path.resolve(".roomlens");
}

/** DATABASE_URL set → the Postgres server via postgres.js; unset → embedded PGlite in the data dir. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? (process.env.DATABASE_URL || undefined);
  return url ? openPostgres(url) : openPglite(path.join(options.dataDir ?? defaultDataDir(), "db"));
}

function openPostgres(url: string): Database {
  // No JIT: the dashboard's queries are priced high enough to trigger it, and compiling costs them
  // 0.1–1 s each while saving far less (measured on the rollup queries at 1 M bookings).
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { jit: "off" } });
  const db = drizzlePostgres(client, drizzleConfig);
  return {
    db,
    kind: "postgres",
    applyMigrations: (migrationsFolder) => migratePostgres(db, { migrationsFolder }),
    async copyCsv(table, columns, lines) {
      const writable = await client
        .unsafe(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM STDIN WITH (FORMAT csv)`)
        .writable();
      await pipeline(Readable.from(batchLines(lines)), writable);
    },
    close: () => client.end(),
  };
}

/** PGlite reads COPY input from one in-memory blob, so lines are sent in batches to keep memory flat. */
const PGLITE_COPY_BATCH_BYTES = 8 * 1024 * 1024;

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? await openPgliteDir(dataDir) : await PGlite.create();
  const copyStatement = (table: string, columns: readonly string[]) =>
    `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`;
  const db = drizzlePglite(client, drizzleConfig);
  return {
    db,
    kind: "pglite",
    applyMigrations: (migrationsFolder) => migratePglite(db, { migrationsFolder }),
    async copyCsv(table, columns, lines) {
      let batch: string[] = [];
      let bytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(copyStatement(table, columns), [], { blob: new Blob(batch) });
        batch = [];
        bytes = 0;
      };
      for await (const line of lines) {
        batch.push(line);
        bytes += line.length;
        if (bytes >= PGLITE_COPY_BATCH_BYTES) await flush();
      }
      await flush();
    },
    close: () => client.close(),
  };
}

/** One socket write per line costs more than the COPY itself; send ~64 KB at a time. */
async function* batchLines(lines: CsvLines): AsyncGenerator<string> {
  let batch = "";
  for await (const line of lines) {
    batch += line;
    if (batch.length >= 65_536) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

/**
 * PGlite's data dir does not survive its process being killed mid-write (or two processes opening
 * it): the next open aborts inside the wasm with no useful message. Say what happened and what to do.
 */
async function openPgliteDir(dataDir: string): Promise<PGlite> {
  try {
    return await PGlite.create(dataDir);
  } catch (error) {
    if (error instanceof Error && /Aborted/.test(error.message)) {
      throw new UserError(
        `the embedded database in ${dataDir} cannot be opened: it was probably damaged by an interrupted run or by ` +
          "two programs using it at once. Stop any other Roomlens process; if it still fails, move the folder away " +
          "and run the command again (demo data is rebuilt by `npm run demo`).",
      );
    }
    throw error;
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { locales } from "@/lib/i18n/locales";
import { inventory, neverCollected } from "@/lib/privacy/inventory";
import { audiences, pseudonymisations, purposes, retentions, sources } from "@/lib/privacy/inventory-terms";
import { createTestDatabase, type TestDatabase } from "../../support/databases";

/**
 * Tables the privacy panel's inventory deliberately leaves out, each with the reason. Everything else
 * the migrations create must be inventoried column by column (privacy invariant 7).
 */
const NOT_INVENTORIED = [
  // Sign-in tables (Auth.js and the role per user): they hold the signed-in person's own name and
  // e-mail, are never joined to bookings, and the panel describes them in a sentence. Name them
  // `auth_…` so this rule finds them; a sign-in table named otherwise fails this test on purpose.
  { reason: "sign-in", matches: (table: string) => table.startsWith("auth_") },
  // Unlogged per-import copies of already-gated rows (lib/ingest/staging.ts), dropped when the import
  // ends; they hold exactly the bookings columns. Never present after migrations, listed for clarity.
  { reason: "import staging", matches: (table: string) => table.startsWith("ingest_staging_") },
] as const;

/** Schemas that are not Roomlens data: Postgres' own catalogues and drizzle's migration journal. */
const SYSTEM_SCHEMAS = ["pg_catalog", "information_schema", "pg_toast", "drizzle"];

type ColumnRow = { table_schema: string; table_name: string; column_name: string };

describe("data inventory (privacy invariant 7)", () => {
  let database: TestDatabase;
  let stored: Set<string>;

  beforeAll(async () => {
    // PGlite is enough: the schema comes from the same committed migrations on both servers.
    database = await createTestDatabase("pglite");
    const rows = await queryRows<ColumnRow>(
      database.db,
      sql`SELECT table_schema, table_name, column_name FROM information_schema.columns
          WHERE table_schema NOT IN (${sql.join(SYSTEM_SCHEMAS.map((s) => sql`${s}`), sql`, `)})
            AND table_schema NOT LIKE 'pg_temp%' AND table_schema NOT LIKE 'pg_toast_temp%'`,
    );
    stored = new Set(
      rows
        .filter((row) => !NOT_INVENTORIED.some((rule) => rule.matches(row.table_name)))
        // Inventory names are bare table names: anything outside `public` shows up schema-qualified.
        .map((row) => `${row.table_schema === "public" ? "" : `${row.table_schema}.`}${row.table_name}.${row.column_name}`),
    );
  });
  afterAll(() => database.drop());

  const listed = () => inventory.flatMap((table) => table.columns.map((column) => `${table.table}.${column.column}`));

  it("lists every stored column", () => {
    const missing = [...stored].filter((column) => !listed().includes(column)).sort();
    expect(missing, "stored but not in lib/privacy/inventory.ts — describe them there").toEqual([]);
  });

  it("lists no column that is not stored", () => {
    const phantom = listed().filter((column) => !stored.has(column)).sort();
    expect(phantom, "in lib/privacy/inventory.ts but not in the database").toEqual([]);
  });

  it("lists each column once", () => {
    const names = listed();
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it("covers the tables the brief names, so the drift check is not vacuous", () => {
    const tables = new Set([...stored].map((column) => column.split(".")[0]));
    for (const table of ["rooms", "room_sources", "integrations", "sync_runs", "bookings", "exclusions", "settings", "audit_log"]) {
      expect(tables.has(table), table).toBe(true);
    }
  });
});

describe("data inventory text", () => {
  const texts = [
    ...inventory.flatMap((table) => [
      table.title,
      table.about,
      ...table.columns.flatMap((c) => [c.about, ...(typeof c.example === "string" ? [] : [c.example])]),
    ]),
    ...neverCollected.flatMap((item) => [item.what, item.why]),
    ...[purposes, sources, retentions, audiences, pseudonymisations].flatMap((terms) => Object.values(terms)),
  ];

  it("has every text in every language", () => {
    for (const text of texts) for (const locale of locales) expect(text[locale].trim(), JSON.stringify(text)).not.toBe("");
  });

  it("uses only the live placeholders the panel fills in", () => {
    const placeholders = texts.flatMap((text) => locales.flatMap((locale) => text[locale].match(/\{[^}]*\}/g) ?? []));
    // JSON examples like {"source":…} are examples, not placeholders; they are never filled.
    expect(placeholders.filter((p) => !p.startsWith('{"') && p !== "{k}" && p !== "{days}")).toEqual([]);
  });

  it("never uses an e-mail address of a person as an example", () => {
    const examples = inventory.flatMap((t) => t.columns.map((c) => (typeof c.example === "string" ? c.example : c.example.en)));
    // Room resource addresses are the only e-mail-shaped values Roomlens stores.
    expect(examples.filter((e) => e.includes("@") && !e.includes("@rooms."))).toEqual([]);
  });
});

import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { IrregularCsv, type CsvTexts } from "./csv-records";
import type { Connector } from "./types";

/** Past this many changed rows the second reading would hold too much: the file is read once, in full. */
const MAX_CHANGED_ROWS = 200_000;

export type UnchangedRows = {
  /** Rows staged as their bookings stand (`unchanged`), counted as read. */
  rows: number;
  /** The bookings those rows are (a booking listed twice is one). */
  bookings: number;
  /** The rows to parse, each with the digest its text had in the first reading. */
  changed: Map<number, string>;
};

/**
 * The first reading of a re-import of a CSV file that can be read twice (`Connector.rereadable`):
 * every row's text is digested (lib/ingest/line-digest.ts) without being parsed, and the digests go
 * to the server by COPY. One statement then stages each booking of the integration whose stored
 * digest is among them, flagged `unchanged`: the merge passes over those, and the cancellation of rows
 * that disappeared and the "observed" range see them as listed. Only the columns those read are copied
 * (every column cost this, the costliest statement of an unchanged re-import, a tenth more). What
 * remains are the changed rows: the caller parses only those, in a second reading.
 *
 * Returns null, with nothing staged, where the rows cannot be cut without parsing (csv-records.ts)
 * or too many changed: the caller then reads the file once, in full, as for a first import.
 */
export async function stageUnchangedRows(
  database: Database,
  staging: string,
  integrationId: number,
  source: NonNullable<Connector["rereadable"]>,
  digestRow: (layout: string, text: string) => string,
  onProgress?: (rows: number) => void,
  maxChangedRows = MAX_CHANGED_ROWS,
): Promise<UnchangedRows | null> {
  const { db } = database;
  const rowsTable = `${staging}_rows`;
  const table = sql.raw(`"${staging}"`);
  const rows = sql.raw(`"${rowsTable}"`);
  await db.execute(sql`CREATE UNLOGGED TABLE ${rows} (row integer NOT NULL, digest text NOT NULL)`);
  try {
    let texts: CsvTexts;
    try {
      texts = await source.texts();
    } catch (error) {
      if (error instanceof IrregularCsv) return null;
      throw error;
    }
    async function* lines(): AsyncGenerator<string> {
      let chunk = "";
      for await (const { row, text } of texts.records) {
        if (row % 10_000 === 0) onProgress?.(row);
        // A blank line is no booking; a row of empty cells is sent, finds nothing and is parsed.
        if (text === "") continue;
        chunk += `${row},${digestRow(texts.layout, text)}\n`;
        if (chunk.length >= 65_536) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk !== "") yield chunk;
    }
    try {
      await database.copyCsv(rowsTable, ["row", "digest"], lines());
    } catch (error) {
      if (error instanceof IrregularCsv) return null;
      throw error;
    }
    // Never analysed, the new tables would be guessed at a few rows, and a nested loop over the bookings chosen.
    await db.execute(sql`ANALYZE ${rows}`);
    const [found] = await queryRows<{ unchanged: number; bookings: number; rows: number }>(
      db,
      sql`
        WITH matched AS (
          INSERT INTO ${table} (seq, external_key, starts_at, ends_at, status, recurring, private, unchanged)
          SELECT r.row, b.external_key, b.starts_at, b.ends_at, b.status, b.recurring, b.private, true
          FROM ${rows} r JOIN bookings b ON b.integration_id = ${integrationId}::integer AND b.source_digest = r.digest
          RETURNING external_key
        )
        SELECT (SELECT count(*) FROM matched)::integer AS unchanged,
          (SELECT count(*) FROM (SELECT DISTINCT external_key FROM matched) k)::integer AS bookings,
          (SELECT count(*) FROM ${rows})::integer AS rows`,
    );
    const unchanged = found?.unchanged ?? 0;
    if ((found?.rows ?? 0) - unchanged > maxChangedRows) {
      await db.execute(sql`TRUNCATE ${table}`);
      return null;
    }
    const changedRows = await queryRows<{ row: number; digest: string }>(
      db,
      sql`SELECT r.row, r.digest FROM ${rows} r WHERE NOT EXISTS (SELECT 1 FROM ${table} s WHERE s.seq = r.row)`,
    );
    return { rows: unchanged, bookings: found?.bookings ?? 0, changed: new Map(changedRows.map(({ row, digest }) => [row, digest])) };
  } finally {
    await db.execute(sql`DROP TABLE IF EXISTS ${rows}`);
  }
}

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { placement } from "./local-time";

/**
 * The room-days a transaction's writes touched, for rollup-refresh.ts to recompute before commit.
 * A temporary table private to the transaction's connection, dropped at commit or rollback: a
 * refresh sees exactly its own writes, and concurrent imports never share a list.
 */
export const TOUCHED = sql.raw("pg_temp.rollup_touched");

async function ensureTouchedTable(tx: Db): Promise<void> {
  await tx.execute(
    sql`CREATE TEMP TABLE IF NOT EXISTS rollup_touched (room_id integer NOT NULL, day date NOT NULL, PRIMARY KEY (room_id, day)) ON COMMIT DROP`,
  );
}

/**
 * An INSERT into the touched list of every local day that `rows` (a CTE or subquery with room_id,
 * starts_at and ends_at) has a slot on, in its room's zone. Meant as a data-modifying CTE beside the
 * write that produced the rows, so old values (before an update or delete) are recorded too.
 */
export function insertTouchedDays(rows: SQL): SQL {
  return sql`INSERT INTO ${TOUCHED} (room_id, day)
    SELECT DISTINCT w.room_id, p.local_day + k.k
    FROM ${rows} w
    JOIN rooms r ON r.id = w.room_id
    CROSS JOIN LATERAL ${placement(sql`w.starts_at`, sql`w.ends_at`, sql`r.time_zone`)} p
    CROSS JOIN LATERAL generate_series(0, p.last_slot / 24) AS k(k)
    ON CONFLICT DO NOTHING`;
}

/**
 * The same INSERT for rows whose placement is already known (room_id, local_day, last_slot — stored with
 * every booking): no time-zone conversion. Rows without placement are skipped; `refreshTouchedRollups`
 * places those and records their days itself.
 */
export function insertPlacedDays(rows: SQL): SQL {
  return sql`INSERT INTO ${TOUCHED} (room_id, day)
    SELECT DISTINCT w.room_id, w.local_day + k.k
    FROM ${rows} w
    CROSS JOIN LATERAL generate_series(0, w.last_slot / 24) AS k(k)
    WHERE w.local_day IS NOT NULL
    ON CONFLICT DO NOTHING`;
}

/** Creates the touched list if this transaction has none yet; call before a statement that fills it. */
export async function startTouching(tx: Db): Promise<void> {
  await ensureTouchedTable(tx);
}

/**
 * Runs `write` — an UPDATE or DELETE on bookings ending in `RETURNING room_id, starts_at, ends_at` —
 * records the days of the rows it changed, and returns how many it changed (counted on the server:
 * a purge may delete millions).
 */
export async function writeAndTouch(tx: Db, write: SQL): Promise<number> {
  await ensureTouchedTable(tx);
  const [row] = await queryRows<{ count: number }>(
    tx,
    sql`WITH written AS (${write}), touched AS (${insertTouchedDays(sql`written`)})
        SELECT count(*)::integer AS count FROM written`,
  );
  return row?.count ?? 0;
}

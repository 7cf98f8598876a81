import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { GatedBooking } from "@/lib/privacy/gate";
import { isoInstantFormatter } from "./iso-instant";

/** Column order of the COPY input; must match `stagingLineWriter`. */
export const STAGING_COLUMNS = [
  "seq",
  "room_id",
  "external_key",
  "starts_at",
  "ends_at",
  "booked_at",
  "organizer_pseudonym",
  "key_version",
  "attendee_count",
  "status",
  "checked_in_at",
  "recurring",
  "private",
  "source_digest",
] as const;

/** Staging tables older than this are left over from a killed import and are dropped. */
const ABANDONED_AFTER_MS = 24 * 3_600_000;

/**
 * An unlogged table without indexes: COPY into it runs near psql's speed, and it is not a
 * TEMP table so COPY (on any pooled connection) and the merge (in a transaction) both see it.
 */
export async function createStagingTable(db: Db, name: string): Promise<void> {
  await dropAbandonedStagingTables(db);
  await db.execute(
    sql.raw(`CREATE UNLOGGED TABLE "${name}" (
      seq bigint NOT NULL,
      room_id integer,
      external_key text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      booked_at timestamptz,
      organizer_pseudonym text,
      key_version smallint,
      attendee_count integer,
      status text NOT NULL,
      checked_in_at timestamptz,
      recurring boolean NOT NULL,
      private boolean NOT NULL,
      source_digest text,
      -- A booking staged as it is stored, because its row's digest was found (unchanged-rows.ts): its
      -- key, time, status and flags only, which is what the merge and the cancellation read of it.
      unchanged boolean NOT NULL DEFAULT false
    )`),
  );
}

export async function dropStagingTable(db: Db, name: string): Promise<void> {
  await db.execute(sql.raw(`DROP TABLE IF EXISTS "${name}"`));
}

async function dropAbandonedStagingTables(db: Db): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'ingest_staging_%'`,
  );
  const cutoff = Date.now() - ABANDONED_AFTER_MS;
  for (const { name } of tables) {
    const createdMs = Number(/^ingest_staging_(\d+)_/.exec(name)?.[1]);
    if (createdMs < cutoff) await dropStagingTable(db, name);
  }
}

/**
 * A builder of CSV lines for COPY. Every value is a number, a timestamp, a fixed word or a hex/base64url
 * digest, so none needs quoting; an empty field is NULL.
 */
export function stagingLineWriter(): (seq: number, roomId: number | null, externalKey: string, b: GatedBooking, digest: string | null) => string {
  const iso = isoInstantFormatter();
  const orEmpty = (date: Date | null) => (date ? iso(date.getTime()) : "");
  return (seq, roomId, externalKey, b, digest) =>
    `${seq},${roomId ?? ""},${externalKey},${iso(b.start.getTime())},${iso(b.end.getTime())},${orEmpty(b.bookedAt)},${
      b.organizerPseudonym ?? ""
    },${b.keyVersion ?? ""},${b.attendeeCount ?? ""},${b.status},${orEmpty(b.checkedInAt)},${b.recurring ? "t" : "f"},${
      b.private ? "t" : "f"
    },${digest ?? ""}\n`;
}

import { randomUUID } from "node:crypto";
import { countDistinct, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { exclusions, organizers } from "@/db/schema";
import { refreshTouchedRollups, writeAndTouch } from "@/lib/analytics/rollup-refresh";
import { recordAudit } from "@/lib/audit";
import { pseudonymise, type PseudonymKeys } from "./pseudonymise";

export type ExclusionResult = { deletedBookings: number; alreadyExcluded: boolean };

/** The person's keyed hash under every live key version: old rows may carry an older version. */
function hashesOf(email: string, keys: PseudonymKeys) {
  return keys.live.map((key) => ({ personHash: pseudonymise(email, key), keyVersion: key.version }));
}

/** How many people are excluded (each may have a hash per key version). */
export async function countExcludedPeople(db: Db): Promise<number> {
  const [row] = await db.select({ n: countDistinct(exclusions.entryId) }).from(exclusions);
  return row?.n ?? 0;
}

/**
 * Excludes a person now and retroactively (invariant 4): their hashes join the exclusion list and
 * every booking they organised is deleted, and the rollups derived from them refreshed, in one
 * transaction. Only hashes are stored.
 */
export async function excludePerson(db: Db, keys: PseudonymKeys, email: string, actor: string): Promise<ExclusionResult> {
  const hashes = hashesOf(email, keys);
  return db.transaction(async (tx) => {
    // Someone excluded before a key rotation keeps one entry: the new version's hash joins it.
    const [existing] = await tx
      .select({ entryId: exclusions.entryId })
      .from(exclusions)
      .where(inArray(exclusions.personHash, hashes.map((h) => h.personHash)))
      .limit(1);
    const entryId = existing?.entryId ?? randomUUID();
    const added = await tx
      .insert(exclusions)
      .values(hashes.map((hash) => ({ ...hash, entryId })))
      .onConflictDoNothing()
      .returning({ id: exclusions.id });
    const pseudonyms = hashes.map((h) => h.personHash);
    const deleted = await writeAndTouch(
      tx,
      sql`DELETE FROM bookings WHERE organizer_pseudonym IN (SELECT jsonb_array_elements_text(${JSON.stringify(pseudonyms)}::jsonb))
          RETURNING room_id, starts_at, ends_at`,
    );
    // "Refreshes what was derived from them, in the same request" (invariant 4): the rollups of every
    // day they had a booking on, and their organizer id, which nothing may hold once they are gone.
    await refreshTouchedRollups(tx);
    await tx.delete(organizers).where(inArray(organizers.pseudonym, pseudonyms));
    // The planner's statistics are values sampled from the tables: a heavy booker's pseudonym may be
    // among the most common of `bookings`, or in the bounds of `organizers`. Taken again here, they see
    // the deletes above (a transaction's own deletes count as dead rows) and commit with them.
    if (deleted > 0) await tx.execute(sql`ANALYZE bookings, organizers`);
    // No identity, no hash, not even the number of bookings (a heavy booker could be recognised by
    // it): admins must not learn who opted out.
    await recordAudit(tx, actor, "exclusion.added");
    return { deletedBookings: deleted, alreadyExcluded: existing !== undefined && added.length === 0 };
  });
}

/** Re-includes a person for future ingests only; their deleted bookings do not come back. */
export async function includePerson(db: Db, keys: PseudonymKeys, email: string, actor: string): Promise<{ wasExcluded: boolean }> {
  const hashes = hashesOf(email, keys);
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(exclusions)
      .where(inArray(exclusions.personHash, hashes.map((h) => h.personHash)))
      .returning({ id: exclusions.id });
    await recordAudit(tx, actor, "exclusion.removed", {});
    return { wasExcluded: removed.length > 0 };
  });
}

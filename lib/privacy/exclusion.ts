import { randomUUID } from "node:crypto";
import { countDistinct, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, exclusions } from "@/db/schema";
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
 * every booking they organised is deleted, in one transaction. Only hashes are stored.
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
    const deleted = await tx
      .delete(bookings)
      .where(inArray(bookings.organizerPseudonym, hashes.map((h) => h.personHash)))
      .returning({ id: bookings.id });
    // No identity, no hash, not even the number of bookings (a heavy booker could be recognised by
    // it): admins must not learn who opted out.
    await recordAudit(tx, actor, "exclusion.added");
    return { deletedBookings: deleted.length, alreadyExcluded: existing !== undefined && added.length === 0 };
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

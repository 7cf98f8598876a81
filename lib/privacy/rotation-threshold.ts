import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";

/**
 * The organizer count a cell needs before it is shown, across key rotations (invariant 2 meets 5).
 *
 * After a rotation one person may hold two pseudonyms: bookings stored before it keep the old key's,
 * new ones get the new key's, and the two cannot be linked without the e-mail (that is the point).
 * Counting distinct pseudonyms would then count that person twice and could let a group of fewer
 * than k people reach k. The rule, conservative and provable: with V key versions among the stored
 * pseudonyms, a cell is shown only when it holds at least k × V distinct pseudonyms. Each person has
 * at most one pseudonym per version, so V × (people) ≥ pseudonyms ≥ k × V, hence people ≥ k. With
 * one version (no rotation yet, or every older row purged) this is plain k.
 *
 * Pages, exports and the API still state k itself: a shown cell does cover at least k people.
 */
export async function suppressionThreshold(db: Db, k: number): Promise<number> {
  return k * (await countPseudonymVersions(db));
}

/**
 * Key versions among stored pseudonyms (private bookings carry none); at least 1. Found by stepping
 * from one version to the next through the bookings_key_version index (a probe per version), as
 * `count(DISTINCT key_version)` reads every booking and every view asks this first.
 */
export async function countPseudonymVersions(db: Db): Promise<number> {
  const next = (after: SQL) =>
    sql`(SELECT min(key_version) FROM bookings WHERE organizer_pseudonym IS NOT NULL AND key_version > ${after})`;
  const [row] = await queryRows<{ versions: number }>(
    db,
    sql`WITH RECURSIVE versions(v) AS (
          SELECT min(key_version) FROM bookings WHERE organizer_pseudonym IS NOT NULL
          UNION ALL
          SELECT ${next(sql`versions.v`)} FROM versions WHERE versions.v IS NOT NULL
        )
        SELECT count(v)::integer AS versions FROM versions`,
  );
  return Math.max(1, row?.versions ?? 0);
}

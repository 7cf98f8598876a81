import { count, inArray, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, exclusions } from "@/db/schema";
import { pseudonymise, type PseudonymKeys } from "./pseudonymise";

export type MyDataStatus = {
  excluded: boolean;
  excludedSince: Date | null;
  /** Bookings currently held under the person's pseudonym, under every live key version. */
  bookings: number;
};

/**
 * A signed-in person's own status, computed from their e-mail on the fly: the exclusion list and
 * the bookings hold only keyed hashes, so nothing links them to the sign-in account.
 */
export async function getMyDataStatus(db: Db, keys: PseudonymKeys, email: string): Promise<MyDataStatus> {
  const hashes = keys.live.map((key) => pseudonymise(email, key));
  const [exclusion] = await db
    .select({ since: min(exclusions.since) })
    .from(exclusions)
    .where(inArray(exclusions.personHash, hashes));
  const [held] = await db
    .select({ n: count() })
    .from(bookings)
    .where(inArray(bookings.organizerPseudonym, hashes));
  const since = exclusion?.since ?? null;
  return { excluded: since !== null, excludedSince: since ? new Date(since) : null, bookings: held?.n ?? 0 };
}

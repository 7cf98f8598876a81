import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";
import { pruneOrganizers, refreshTouchedRollups, writeAndTouch } from "@/lib/analytics/rollup-refresh";
import { recordAudit } from "@/lib/audit";

const DAY_MS = 86_400_000;

export type PurgeResult = {
  /** Bookings deleted, whatever their key version (private occupancy-only rows included). */
  deletedBookings: number;
  /** Bookings that ended before this instant were deleted. */
  cutoff: Date;
  retentionDays: number;
};

/** The retention horizon: `days` whole 24-hour days before `now` (the ingest window uses the same). */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Deletes every booking that ended more than the retention period ago (invariant 6), records when it
 * ran and audit-logs the count, in one transaction. No key version is consulted: a purge by date
 * reaches rows pseudonymised under every key, live or retired.
 */
export async function purgeExpiredBookings(db: Db, now: Date, actor: string): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    // Locking the settings row makes a scheduled purge, a CLI purge and a retention change run one
    // after the other, so each purge uses the retention in force when it deletes.
    const [row] = await tx
      .select({ retentionDays: settings.retentionDays })
      .from(settings)
      .where(eq(settings.id, 1))
      .for("update");
    if (!row) throw new Error("settings row missing: run `npm run roomlens -- migrate`");
    const cutoff = retentionCutoff(now, row.retentionDays);
    // Counted on the server: a first purge may delete millions of rows, too many ids to return.
    const deletedBookings = await writeAndTouch(
      tx,
      sql`DELETE FROM bookings WHERE ends_at < ${cutoff.toISOString()}::timestamptz RETURNING room_id, starts_at, ends_at`,
    );
    // Nothing derived may outlive the bookings: rollups of the purged days, and organizer ids left unused.
    await refreshTouchedRollups(tx);
    await pruneOrganizers(tx);
    await tx.update(settings).set({ lastPurgeAt: now }).where(eq(settings.id, 1));
    await recordAudit(tx, actor, "retention.purged", {
      deletedBookings,
      cutoff: cutoff.toISOString(),
      retentionDays: row.retentionDays,
    });
    return { deletedBookings, cutoff, retentionDays: row.retentionDays };
  });
}

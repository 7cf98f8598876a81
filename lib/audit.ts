import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditDetails = Record<string, string | number | boolean | null>;

/** Appends one entry. Details never carry the identity of a person the data is about. */
export async function recordAudit(db: Db, actor: string, action: string, details: AuditDetails = {}): Promise<void> {
  await db.insert(auditLog).values({ actor, action, details });
}

import { and, asc, desc, gte, lt, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

/**
 * What the audit page's GET form asks for: one action code and a range of UTC days, each optional.
 * Days are UTC because the log's timestamps are instants and an admin may sit in any zone; the page
 * says so beside the fields.
 */
export type AuditFilter = { action?: string; from?: string; to?: string };

const day = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    .optional()
    .catch(undefined),
);
const action = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z.string().trim().min(1).max(100).optional().catch(undefined),
);
const auditFilterParams = z.object({ action, from: day, to: day });

/** `?action=…&from=YYYY-MM-DD&to=YYYY-MM-DD` → AuditFilter; an unusable value is no filter (a hand-edited URL shows everything). */
export function parseAuditFilter(searchParams: Record<string, string | string[] | undefined>): AuditFilter {
  const parsed = auditFilterParams.parse(searchParams);
  const filter: AuditFilter = {};
  if (parsed.action !== undefined) filter.action = parsed.action;
  if (parsed.from !== undefined) filter.from = parsed.from;
  if (parsed.to !== undefined) filter.to = parsed.to;
  return filter;
}

function nextDay(value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

export type AuditEntry = typeof auditLog.$inferSelect;

/** The newest `limit` entries matching the filter; `to` is inclusive (the whole of that UTC day). */
export async function listAuditEntries(db: Db, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (filter.action !== undefined) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from !== undefined) conditions.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to !== undefined) conditions.push(lt(auditLog.at, nextDay(filter.to)));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** Every action code recorded so far, for the form's choice list (codes, never identities). */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((row) => row.action);
}

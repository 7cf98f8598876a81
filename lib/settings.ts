import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { settings, type Settings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

export async function getSettings(db: Db): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: run `npm run roomlens -- migrate`");
  return row;
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM").transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));

/** What an admin may change, parsed once at the edge (form values arrive as strings). */
export const settingsInput = z
  .object({
    minGroupSize: z.coerce.number().int().min(5, "k must be at least 5").max(100, "k must be at most 100"),
    retentionDays: z.coerce.number().int().min(30, "retention must be at least 30 days").max(760, "retention must be at most 760 days"),
    workdayStart: time,
    workdayEnd: time,
    workdays: z.array(z.coerce.number().int().min(1).max(7)).min(1, "choose at least one working day"),
  })
  .refine((v) => v.workdayStart < v.workdayEnd, { message: "the working day must end after it starts", path: ["workdayEnd"] });

export type SettingsInput = z.output<typeof settingsInput>;

/** Saves the settings and audit-logs each changed value, in one transaction (invariants 5, 8). */
export async function updateSettings(db: Db, actor: string, input: SettingsInput): Promise<string[]> {
  return db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const next = {
      minGroupSize: input.minGroupSize,
      retentionDays: input.retentionDays,
      workdayStartMinute: input.workdayStart,
      workdayEndMinute: input.workdayEnd,
      workdays: [...new Set(input.workdays)].sort(),
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]),
    );
    if (changed.length === 0) return [];
    await tx.update(settings).set(next).where(eq(settings.id, 1));
    for (const key of changed) {
      await recordAudit(tx, actor, "settings.changed", { setting: key, from: JSON.stringify(before[key]), to: JSON.stringify(next[key]) });
    }
    return changed;
  });
}

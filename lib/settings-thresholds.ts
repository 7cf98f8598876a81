import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { settings, type Settings } from "@/db/schema";
import { recommendationThresholds, type RecommendationThresholds } from "@/lib/analytics/recommendations";
import { recordAudit } from "@/lib/audit";
import { getSettings } from "@/lib/settings";

export type ThresholdName = keyof RecommendationThresholds;

export const thresholdNames = Object.keys(recommendationThresholds) as ThresholdName[];

/**
 * What each threshold may be set to. Shares stay strictly inside 0–1 (0 or 1 would flag every room or
 * none); the preference index lines sit on their side of 1 (a peer-average room is neither).
 */
export const thresholdRanges: Record<ThresholdName, { min: number; max: number; kind: "share" | "ratio" }> = {
  highPressure: { min: 0.01, max: 0.9, kind: "share" },
  lowSeatFill: { min: 0.05, max: 0.9, kind: "share" },
  targetSeatFill: { min: 0.1, max: 0.95, kind: "share" },
  avoidedIndex: { min: 0.1, max: 0.95, kind: "ratio" },
  preferredIndex: { min: 1.05, max: 5, kind: "ratio" },
  highGhostRate: { min: 0.01, max: 0.9, kind: "share" },
};

const inRange = (name: ThresholdName, value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= thresholdRanges[name].min && value <= thresholdRanges[name].max;

/**
 * The thresholds in force: the defaults of recommendations.ts, overridden by name from
 * settings.recommendation_thresholds. An override outside its range (written by hand into the
 * database) is ignored rather than trusted.
 */
export function effectiveThresholds(overrides: Settings["recommendationThresholds"]): RecommendationThresholds {
  const result: Record<ThresholdName, number> = { ...recommendationThresholds };
  for (const name of thresholdNames) {
    const value = overrides[name];
    if (inRange(name, value)) result[name] = value;
  }
  return result;
}

export async function getRecommendationThresholds(db: Db): Promise<RecommendationThresholds> {
  return effectiveThresholds((await getSettings(db)).recommendationThresholds);
}

/**
 * The admin form: shares arrive as percentages ("10" for 10 %), indexes as plain numbers. The
 * result is in the stored unit (shares 0–1).
 */
function thresholdField(name: ThresholdName) {
  const { min, max, kind } = thresholdRanges[name];
  const scale = kind === "share" ? 100 : 1;
  const shown = (value: number) => (kind === "share" ? `${Math.round(value * 100)} %` : String(value));
  return z.coerce
    .number({ error: "enter a number" })
    .refine((v) => Number.isFinite(v), "enter a number")
    .transform((v) => Math.round((v / scale) * 10_000) / 10_000)
    .refine((v) => v >= min && v <= max, `must be between ${shown(min)} and ${shown(max)}`);
}

export const thresholdsInput = z
  .object({
    highPressure: thresholdField("highPressure"),
    lowSeatFill: thresholdField("lowSeatFill"),
    targetSeatFill: thresholdField("targetSeatFill"),
    avoidedIndex: thresholdField("avoidedIndex"),
    preferredIndex: thresholdField("preferredIndex"),
    highGhostRate: thresholdField("highGhostRate"),
  } satisfies Record<ThresholdName, unknown>)
  .refine((v) => v.targetSeatFill > v.lowSeatFill, { message: "the target seat fill must be above the low seat fill", path: ["targetAboveLow"] });

export type ThresholdsInput = z.output<typeof thresholdsInput>;

/**
 * Saves the thresholds as overrides (only those that differ from the defaults, so a later change of a
 * default reaches everyone who never set it) and audit-logs each changed value, in one transaction.
 */
export async function updateThresholds(db: Db, actor: string, input: ThresholdsInput): Promise<ThresholdName[]> {
  return db.transaction(async (tx) => {
    const before = effectiveThresholds((await getSettings(tx)).recommendationThresholds);
    const changed = thresholdNames.filter((name) => before[name] !== input[name]);
    if (changed.length === 0) return [];
    const overrides = Object.fromEntries(thresholdNames.filter((name) => input[name] !== recommendationThresholds[name]).map((name) => [name, input[name]]));
    await tx.update(settings).set({ recommendationThresholds: overrides }).where(eq(settings.id, 1));
    for (const name of changed) {
      await recordAudit(tx, actor, "settings.changed", { setting: `recommendationThresholds.${name}`, from: String(before[name]), to: String(input[name]) });
    }
    return changed;
  });
}

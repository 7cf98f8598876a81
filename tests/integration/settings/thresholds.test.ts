import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, settings } from "@/db/schema";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { getBehaviourView } from "@/lib/analytics/views/data";
import { getRecommendationThresholds, updateThresholds } from "@/lib/settings-thresholds";
import { recommendationThresholds } from "@/lib/analytics/recommendations";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people, week } from "../analytics/analytics-fixture";

/*
 * Room G: five no-shows (g1–g5) and five attended bookings (a1–a5) in the week, all in working hours:
 * ghost rate 5 / 10 = 50 %, shown (5 organizers each side, k = 5). The default ghost-prone line is
 * 25 %, so G is named; at a configured 60 % it is not.
 */
const records = [
  ...people("g", 5).map((who, i) => rawBooking("G", `2026-03-02T${10 + i}:00:00Z`, `2026-03-02T${10 + i}:30:00Z`, { ...by(who), status: "no_show" as const })),
  ...people("a", 5).map((who, i) =>
    rawBooking("G", `2026-03-03T${10 + i}:00:00Z`, `2026-03-03T${10 + i}:30:00Z`, { ...by(who), checkedInAt: new Date(`2026-03-03T${10 + i}:00:00Z`) }),
  ),
];

const ghostRecommendation = <T extends { kind: string }>(list: T[]) => list.find((r) => r.kind === "ghosts");

describe.each(databaseKinds())("recommendation thresholds from settings on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, [{ name: "G" }], records);
  }, 120_000);
  afterAll(() => database.drop());

  it("a changed threshold changes which recommendations appear, in the views and in metrics --json", async () => {
    const before = await getPlannerMetrics(database.db, week);
    expect(ghostRecommendation(before.recommendations)?.threshold).toEqual({ name: "highGhostRate", value: 0.25 });
    expect(ghostRecommendation((await getBehaviourView(database.db, week)).recommendations)?.threshold.value).toBe(0.25);

    const changed = await updateThresholds(database.db, "test", { ...recommendationThresholds, highGhostRate: 0.6 });
    expect(changed).toEqual(["highGhostRate"]);

    // 50 % < 60 %: G is no longer ghost-prone anywhere; the configured value is what the pages show.
    const after = await getPlannerMetrics(database.db, week);
    expect(ghostRecommendation(after.recommendations)).toBeUndefined();
    expect(after.thresholds.highGhostRate).toBe(0.6);
    const view = await getBehaviourView(database.db, week);
    expect(ghostRecommendation(view.recommendations)).toBeUndefined();
    expect(view.thresholds.highGhostRate).toBe(0.6);

    // 45 % ≤ 50 %: named again, with the configured line as its trigger.
    await updateThresholds(database.db, "test", { ...recommendationThresholds, highGhostRate: 0.45 });
    expect(ghostRecommendation((await getPlannerMetrics(database.db, week)).recommendations)?.threshold).toEqual({ name: "highGhostRate", value: 0.45 });
  });

  it("stores only overrides, audit-logs each change and saves nothing when nothing changed", async () => {
    await updateThresholds(database.db, "test", { ...recommendationThresholds, highPressure: 0.2 });
    const [row] = await database.db.select({ overrides: settings.recommendationThresholds }).from(settings);
    // highGhostRate went back to its default 0.25 in this save, so only highPressure is stored.
    expect(row?.overrides).toEqual({ highPressure: 0.2 });
    expect(await getRecommendationThresholds(database.db)).toEqual({ ...recommendationThresholds, highPressure: 0.2 });
    expect(await updateThresholds(database.db, "test", { ...recommendationThresholds, highPressure: 0.2 })).toEqual([]);
    const entries = (await database.db.select().from(auditLog).orderBy(asc(auditLog.id))).filter((e) => String(e.details.setting).startsWith("recommendationThresholds."));
    // 0.25 → 0.6, 0.6 → 0.45, then one save with 0.1 → 0.2 and 0.45 → 0.25 (in the thresholds' order).
    expect(entries.map((e) => [e.details.setting, e.details.from, e.details.to])).toEqual([
      ["recommendationThresholds.highGhostRate", "0.25", "0.6"],
      ["recommendationThresholds.highGhostRate", "0.6", "0.45"],
      ["recommendationThresholds.highPressure", "0.1", "0.2"],
      ["recommendationThresholds.highGhostRate", "0.45", "0.25"],
    ]);
  });
});

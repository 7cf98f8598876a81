import { describe, expect, it } from "vitest";
import { createPushSyncQueue } from "@/lib/integrations/push-sync";

/** A run that stays open until released, so a test decides when a sync "finishes". */
function controlledRuns() {
  const started: number[] = [];
  const releases: Array<() => void> = [];
  const run = (integrationId: number) => {
    started.push(integrationId);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  const waitForStart = async (count: number) => {
    while (started.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { started, run, waitForStart, release: () => releases.shift()?.() };
}

describe("the push sync queue", () => {
  it("gathers a burst of notifications into one sync", async () => {
    const runs = controlledRuns();
    const queue = createPushSyncQueue(runs.run, { delayMs: 30 });
    const answers = Array.from({ length: 5 }, () => queue.request(7));
    expect(answers).toEqual(["scheduled", "coalesced", "coalesced", "coalesced", "coalesced"]);
    await runs.waitForStart(1);
    runs.release();
    await queue.idle(7);
    expect(runs.started).toEqual([7]);
    expect(queue.pending(7)).toBe(false);
  });

  it("runs exactly one more sync after the running one, however many notifications arrive meanwhile", async () => {
    const runs = controlledRuns();
    const queue = createPushSyncQueue(runs.run, { delayMs: 10 });
    queue.request(3);
    await runs.waitForStart(1);
    // Three notifications while the first sync runs: the change they announce may be after its read.
    expect([queue.request(3), queue.request(3), queue.request(3)]).toEqual(["queued-after-running", "queued-after-running", "queued-after-running"]);
    runs.release();
    await runs.waitForStart(2);
    runs.release();
    await queue.idle(3);
    // 1 (the burst) + 1 (everything during it) = 2
    expect(runs.started).toEqual([3, 3]);
  });

  it("keeps integrations apart, and carries on after a failing sync", async () => {
    const started: number[] = [];
    const logged: string[] = [];
    const queue = createPushSyncQueue(
      async (integrationId) => {
        started.push(integrationId);
        if (integrationId === 1) throw new Error("boom");
      },
      { delayMs: 10, log: (line) => logged.push(line) },
    );
    expect([queue.request(1), queue.request(2)]).toEqual(["scheduled", "scheduled"]);
    await Promise.all([queue.idle(1), queue.idle(2)]);
    expect(started.sort()).toEqual([1, 2]);
    expect(logged).toEqual(["push-triggered sync of integration 1 failed: Error"]);
    expect(queue.request(1)).toBe("scheduled");
    await queue.idle(1);
    expect(started).toHaveLength(3);
  });

  it("is idle at once when nothing was asked", async () => {
    const queue = createPushSyncQueue(async () => {}, { delayMs: 10 });
    expect(queue.pending(9)).toBe(false);
    await expect(queue.idle(9)).resolves.toBeUndefined();
  });
});

import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { loadPseudonymKeys } from "./keys";

/** The live values the privacy panel states next to the inventory (privacy invariant 7). */
export type PanelFacts = {
  minGroupSize: number;
  retentionDays: number;
  lastPurgeAt: Date | null;
  /** Null when no key is configured yet (a Postgres install without ROOMLENS_PSEUDONYM_KEY). */
  key: { version: number; olderLive: number } | null;
  /** Who answers privacy questions; null until the admin sets ROOMLENS_CONTROLLER_CONTACT. */
  controllerContact: string | null;
};

type Env = Readonly<Record<string, string | undefined>>;

export async function getPanelFacts(db: Db, env: Env, dataDir: string): Promise<PanelFacts> {
  const settings = await getSettings(db);
  return {
    minGroupSize: settings.minGroupSize,
    retentionDays: settings.retentionDays,
    lastPurgeAt: settings.lastPurgeAt,
    key: readKeyStatus(env, dataDir),
    controllerContact: env.ROOMLENS_CONTROLLER_CONTACT?.trim() || null,
  };
}

/**
 * Only the version and how many older keys are still live; the secrets never leave this function.
 * On an embedded install this creates the key file if it is missing — the same key the first import
 * would create, so the version shown is the one that import will use.
 */
function readKeyStatus(env: Env, dataDir: string): PanelFacts["key"] {
  try {
    const keys = loadPseudonymKeys(env, dataDir);
    return { version: keys.current.version, olderLive: keys.live.length - 1 };
  } catch (error) {
    // A missing or malformed key is an admin's to fix; the panel says "not configured" instead of failing.
    if (error instanceof UserError) return null;
    throw error;
  }
}

import { defaultDataDir, type Db } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { addKeyVersion, generateSecret, loadPseudonymKeys, nextKeyVersion, pseudonymKeyStore } from "./keys";

export type KeyRotation =
  /** Done: the data dir's key store has a new current version; the old ones stay live. */
  | { store: "file"; version: number; previousVersion: number }
  /** Proposed only: the operator sets `environment` where Roomlens runs and restarts it. */
  | { store: "environment"; version: number; previousVersion: number; environment: string[] };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Rotates the pseudonymisation key (invariant 2). New ingests hash under the new version; stored
 * rows keep theirs, and exclusion and purge keep looking under every live version. The audit
 * entry names versions only, never a secret.
 */
export async function rotatePseudonymKey(db: Db, env: Env, actor: string): Promise<KeyRotation> {
  if (pseudonymKeyStore(env) === "environment") {
    const rotation = planEnvironmentRotation(env);
    await recordAudit(db, actor, "key.rotated", {
      version: rotation.version,
      previousVersion: rotation.previousVersion,
      store: "environment",
      // Nothing changes until the operator sets the printed variables and restarts.
      pending: true,
    });
    return rotation;
  }
  const dataDir = env.ROOMLENS_DATA_DIR ?? defaultDataDir();
  const keys = loadPseudonymKeys(env, dataDir);
  const rotation = { store: "file" as const, version: nextKeyVersion(keys), previousVersion: keys.current.version };
  return db.transaction(async (tx) => {
    await recordAudit(tx, actor, "key.rotated", { ...rotation, pending: false });
    // The key file is written last, so a failed write rolls the audit entry back with it.
    addKeyVersion(dataDir, rotation.version);
    return rotation;
  });
}

/**
 * A new secret and the exact variables to set: the new key and version, and every key live now
 * (the current one included) moved to ROOMLENS_PSEUDONYM_OLD_KEYS. Changes nothing by itself: the
 * keys belong to whoever deploys Roomlens, not to the database.
 */
export function planEnvironmentRotation(env: Env): KeyRotation & { store: "environment" } {
  const keys = loadPseudonymKeys(env, "");
  const version = nextKeyVersion(keys);
  for (const key of keys.live) {
    if (key.secret.includes(",")) {
      throw new UserError(`the key of version ${key.version} contains a comma and cannot be listed in ROOMLENS_PSEUDONYM_OLD_KEYS`);
    }
  }
  const oldKeys = keys.live.map((key) => `${key.version}:${key.secret}`).join(",");
  return {
    store: "environment",
    version,
    previousVersion: keys.current.version,
    environment: [
      `ROOMLENS_PSEUDONYM_KEY=${shellValue(generateSecret())}`,
      `ROOMLENS_PSEUDONYM_KEY_VERSION=${version}`,
      `ROOMLENS_PSEUDONYM_OLD_KEYS=${shellValue(oldKeys)}`,
    ],
  };
}

/** Bare when safe (generated secrets always are), else single-quoted for a shell or an env file. */
function shellValue(value: string): string {
  return /^[\w.:,+/=@%-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** What the CLI prints after a rotation. */
export function describeRotation(rotation: KeyRotation): string[] {
  if (rotation.store === "file") {
    return [
      `Pseudonymisation key rotated: version ${rotation.version} is now current (was ${rotation.previousVersion}).`,
      "New imports use it; stored bookings keep their version, and every older key stays live so exclusion and purge still find them.",
    ];
  }
  return [
    `A new pseudonymisation key (version ${rotation.version}) was generated. Nothing has changed yet.`,
    "Set these variables wherever Roomlens runs (every server and the CLI), then restart it:",
    "",
    ...rotation.environment,
    "",
    "Keep every old key listed: bookings and exclusions stored under an old version are only recognised while its key is live.",
  ];
}

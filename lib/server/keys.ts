import { defaultDataDir } from "@/db/client";
import { loadPseudonymKeys } from "@/lib/privacy/keys";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";

/** The pseudonymisation keys for the web server: read when needed, never at import time. */
export function getServerKeys(): PseudonymKeys {
  return loadPseudonymKeys(process.env, process.env.ROOMLENS_DATA_DIR ?? defaultDataDir());
}

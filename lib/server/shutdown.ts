import { closeDatabase } from "./database";

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Closes the database before the server exits on Ctrl-C or a stop signal. The embedded PGlite
 * database is not crash-safe when its process is killed mid-write (seen here: "could not locate a
 * valid checkpoint record" on the next start), so the server takes over Next's own signal handling
 * (NEXT_MANUAL_SIG_HANDLE, set by scripts/serve.ts) to close it first.
 */
export function installShutdownHandlers(): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      closeDatabase()
        .catch((error: unknown) => console.error("closing the database on shutdown failed", error))
        .finally(() => process.exit(EXIT_CODES[signal]));
    });
  }
}

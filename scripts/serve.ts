import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Newest modification time under the folders the build depends on. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  dirs.forEach(walk);
  for (const file of ["package.json", "next.config.mjs"]) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

function run(command: string, args: string[]): void {
  // The server closes its database itself on Ctrl-C or SIGTERM (lib/server/shutdown.ts).
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 2);
}

/** Builds the app when the sources changed since the last build, then serves it on PORT (default 3000). */
export function buildAndServe(): void {
  const buildId = ".next/BUILD_ID";
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource(["app", "lib", "db"])) {
    run("npx", ["next", "build"]);
  }
  const port = process.env.PORT ?? "3000";
  console.log(`Roomlens is starting on http://localhost:${port}`);
  run("npx", ["next", "start", "-p", port]);
}

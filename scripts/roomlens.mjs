// `npm run roomlens -- <command>`: the CLI (lib/cli-entry.ts), compiled into one file and run from it.
//
// Why not `tsx lib/cli-entry.ts`: the loader and the TypeScript it transpiles at start-up kept ~95 MB
// resident for the whole run (177 MB for `roomlens help`, 82 MB from the bundle), which put a bulk
// import over its 300 MB memory goal (docs/benchmarks.md). esbuild (tsx's own compiler) bundles our
// sources in well under a second; packages stay in node_modules. The bundle is rebuilt on every start,
// so it can never be stale; each process writes its own file (two CLIs may start at once) and removes it
// when done. Plain JavaScript, because it must run before any TypeScript loader.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = path.join(root, ".roomlens/cli");
const outfile = path.join(dir, `roomlens-${process.pid}.mjs`);
removeBundlesOfEndedProcesses();
await build({
  absWorkingDir: root,
  entryPoints: ["lib/cli-entry.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  outfile,
  logLevel: "warning",
});
// The compiler runs as a child process; end it so it neither holds memory nor keeps the CLI alive.
await stop();
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}

/** A CLI ended by a signal (SIGTERM exits at once) leaves its bundle behind; the next start removes it. */
function removeBundlesOfEndedProcesses() {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = Number(/^roomlens-(\d+)\.mjs$/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error.code === "EPERM";
  }
}

// `npm run roomlens -- <command>`: the CLI (lib/cli-entry.ts), compiled into one file and run from it.
//
// Why not `tsx lib/cli-entry.ts`: the loader and the TypeScript it transpiles at start-up kept ~95 MB
// resident for the whole run (177 MB for `roomlens help`, 82 MB from the bundle), which put a bulk
// import over its 300 MB memory goal (docs/benchmarks.md). esbuild (tsx's own compiler) bundles our
// sources; packages stay in node_modules. Plain JavaScript, because it must run before any TypeScript loader.
//
// The bundle is kept, named by a digest of the exact source text it was compiled from (captured while
// esbuild reads it), and reused while every one of those files still hashes the same: it can never be
// stale, and a start skips the ~0.3 s build (of a ~0.8 s start; docs/notes-ingest.md). Files are written
// under a temporary name and renamed, so two CLIs starting at once never read a half-written bundle.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = path.join(root, ".roomlens/cli");
/** The source files of the last bundle built, relative to the root: which files to hash on the next start. */
const inputsFile = path.join(dir, "inputs.json");
const KEPT_BUNDLES = 4;

mkdirSync(dir, { recursive: true });
const bundle = findFreshBundle() ?? (await buildBundle());
await import(pathToFileURL(bundle).href);

function digestOf(files) {
  const hash = createHash("sha256");
  for (const [file, text] of files) hash.update(`${file}\0${text.length}\0`).update(text);
  return hash.digest("hex").slice(0, 32);
}

function bundlePath(digest) {
  return path.join(dir, `roomlens-${digest}.mjs`);
}

/** The bundle of the sources as they are now, if one was built from exactly them. */
function findFreshBundle() {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    const file = bundlePath(digestOf(inputs.map((input) => [input, readFileSync(path.join(root, input))])));
    return existsSync(file) ? file : null;
  } catch {
    // No list yet, or one of its files is gone: build.
    return null;
  }
}

async function buildBundle() {
  const { build, stop } = await import("esbuild");
  // Every source file esbuild compiles is read here, so the digest covers exactly the text compiled.
  const sources = new Map();
  const capture = {
    name: "capture-sources",
    setup(plugin) {
      plugin.onLoad({ filter: /\.(ts|tsx|js|mjs|cjs|jsx|json)$/ }, (args) => {
        const text = readFileSync(args.path);
        sources.set(path.relative(root, args.path), text);
        const extension = path.extname(args.path).slice(1);
        const loader = extension === "mjs" || extension === "cjs" ? "js" : extension;
        return { contents: text, loader };
      });
    },
  };
  const temporary = path.join(dir, `building-${process.pid}.mjs`);
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ["lib/cli-entry.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      tsconfig: "tsconfig.json",
      outfile: temporary,
      logLevel: "warning",
      plugins: [capture],
    });
  } finally {
    // The compiler runs as a child process; end it so it neither holds memory nor keeps the CLI alive.
    await stop();
  }
  // tsconfig.json and package.json shape the build without being compiled: hashed with the sources.
  for (const config of ["tsconfig.json", "package.json"]) sources.set(config, readFileSync(path.join(root, config)));
  const files = [...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const file = bundlePath(digestOf(files));
  renameSync(temporary, file);
  const list = path.join(dir, `inputs-${process.pid}.json`);
  writeFileSync(list, JSON.stringify(files.map(([name]) => name)));
  renameSync(list, inputsFile);
  removeOldBundles(file);
  return file;
}

/** Keeps the newest few bundles (another checkout state may come back), and no leftovers of killed builds. */
function removeOldBundles(current) {
  const bundles = readdirSync(dir)
    .filter((name) => /^roomlens-[0-9a-f]+\.mjs$/.test(name) && path.join(dir, name) !== current)
    .map((name) => ({ file: path.join(dir, name), mtime: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of bundles.slice(KEPT_BUNDLES - 1)) rmSync(file, { force: true });
  for (const name of readdirSync(dir)) {
    const pid = Number(/^(?:building|inputs)-(\d+)\.(?:mjs|json)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(path.join(dir, name), { force: true });
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

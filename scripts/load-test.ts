import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { authUsers } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { listDemoPeople } from "@/lib/auth/demo";
import { BENCH_KEY, planSyntheticData } from "./bench/generate";
import { loadGeneratedBookings } from "./bench/load-database";
import { buildIfStale, findFreePort, startNextServer, type RunningServer } from "./bench/next-server";
import { formatCount, formatNumber, progress } from "./bench/report";
import { ScratchDatabases } from "./bench/scratch-databases";
import { signInAsDemoPerson } from "./bench/sign-in";

/**
 * `npm run load-test [-- --rooms 100 --rows 100000 --connections 200 --duration 30 --timeout 10]`
 * `[--only dashboard]` runs only the targets whose name contains that word.
 *
 * The production build (`next start`, built first when stale) on a free loopback port, against a scratch
 * database on the Postgres server (BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@
 * 127.0.0.1:5432/postgres) holding a year of generated bookings up to today, so the dashboard's default range
 * (the last 90 days) is full. A planner signs in through the demo sign-in (demo mode is on for this
 * server only) and the session cookie, or an API token of the same planner, is reused by every request.
 * Each target gets `connections` concurrent connections for `duration` seconds (autocannon); a request
 * unanswered after `timeout` seconds counts as an error. Zero errors is the goal; p50/p99 are reported.
 */
type Target = { name: string; path: string; auth: "session" | "token" | "none" };

/**
 * What a planner and an API client call; one more line adds a target. Cheapest first: requests a slow
 * target leaves queued for the database pool keep the server busy for minutes after its run.
 */
const TARGETS: readonly Target[] = [
  { name: "health check /api/health", path: "/api/health", auth: "none" },
  { name: "JSON API /api/v1/metrics", path: "/api/v1/metrics", auth: "token" },
  { name: "dashboard page /", path: "/", auth: "session" },
];

const { values } = parseArgs({
  options: {
    rooms: { type: "string", default: "100" },
    rows: { type: "string", default: "100000" },
    connections: { type: "string", default: "200" },
    duration: { type: "string", default: "30" },
    timeout: { type: "string", default: "10" },
    seed: { type: "string", default: "42" },
    only: { type: "string" },
  },
});
const options = {
  rooms: Number(values.rooms),
  rows: Number(values.rows),
  connections: Number(values.connections),
  duration: Number(values.duration),
  timeout: Number(values.timeout),
  seed: Number(values.seed),
  only: values.only,
};

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const scratch = new ScratchDatabases(serverUrl);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "roomlens-load-"));
let server: RunningServer | undefined;

async function prepareDatabase(url: string): Promise<void> {
  // Data up to today: the dashboard opens on the last 90 days.
  const end = new Date(Math.floor(Date.now() / 86_400_000 + 1) * 86_400_000);
  // One year: inside the default retention (395 days), so the server's scheduled purge finds nothing to delete mid-test.
  const data = planSyntheticData({ rows: options.rows, rooms: options.rooms, seed: options.seed, end, days: 365 });
  const database = await openDatabase({ url });
  try {
    progress(`loading ${formatCount(options.rows)} bookings in ${options.rooms} rooms (the year up to today)`);
    await loadGeneratedBookings(database, { rooms: data.rooms, bookings: data.bookings(), key: BENCH_KEY });
  } finally {
    await database.close();
  }
}

async function createTokenFor(url: string, email: string): Promise<string> {
  const database = await openDatabase({ url });
  try {
    const [user] = await database.db.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, email));
    if (!user) throw new Error("the signed-in planner has no account row");
    return (await createApiToken(database.db, user.id, "load test")).token;
  } finally {
    await database.close();
  }
}

/**
 * Waits until the server answers its health check quickly again: requests of the previous target that
 * autocannon gave up on are still queued for the database pool, and the next target must not pay for them.
 */
async function waitUntilIdle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const started = performance.now();
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.ok,
      () => false,
    );
    const ms = performance.now() - started;
    if (ok && ms < 500) return;
    if (Date.now() > deadline) throw new Error("the server did not become idle within 10 minutes after the previous target");
    progress(`  waiting for the server to drain (health check took ${Math.round(ms)} ms)`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

async function hit(target: Target, baseUrl: string, headers: Record<string, string>): Promise<void> {
  await waitUntilIdle(baseUrl);
  const url = `${baseUrl}${target.path}`;
  const probe = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(120_000) }).then(
    (r) => r.status,
    () => "no answer within 120 s",
  );
  if (probe !== 200) {
    process.stdout.write(`${target.name}: skipped — a single request answered ${probe}, not 200\n`);
    return;
  }
  progress(`${target.name}: ${options.connections} connections for ${options.duration} s`);
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.duration,
    timeout: options.timeout,
  });
  // Every answer other than 2xx is an error too (a redirect to sign-in, a 500 under load). Requests still
  // open when the run ends are not errors to autocannon; they are reported, and a run that answered
  // nothing at all has not met the goal whatever its error count.
  const errors = result.errors + result.non2xx;
  const answered = result["2xx"] + result.non2xx;
  const open = Math.max(0, result.requests.sent - answered - result.errors);
  const verdict = errors === 0 && result["2xx"] > 0 ? "met" : "NOT met";
  const latency = (ms: number) => (answered > 0 ? `${formatNumber(ms)} ms` : "n/a");
  // The size of one answer: what the server renders and sends per request, next to its time.
  const size = answered > 0 ? `, ${formatNumber(result.throughput.total / answered / 1024)} KiB per answer` : "";
  process.stdout.write(
    `${target.name} errors: ${errors} (goal 0) ${verdict} [p50 ${latency(result.latency.p50)}, p99 ${latency(result.latency.p99)}, ` +
      `${formatNumber(result["2xx"] / result.duration)} answered/s, ${result["2xx"].toLocaleString("en-US")} answered 2xx${size}; ` +
      `timeouts ${result.timeouts}, non-2xx ${result.non2xx}, other errors ${result.errors - result.timeouts}; ` +
      `still open at the end ${open}]\n`,
  );
}

async function main(): Promise<void> {
  process.stdout.write(
    `machine: ${os.availableParallelism()} cores, Node ${process.version}, PostgreSQL ${await scratch.serverVersion()}; ` +
      `load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n` +
      `data: ${formatCount(options.rows)} bookings, ${options.rooms} rooms; ${options.connections} connections, ` +
      `${options.duration} s per target, a request unanswered after ${options.timeout} s is an error\n`,
  );
  const url = await scratch.create("load");
  await prepareDatabase(url);
  buildIfStale();
  const port = await findFreePort();
  progress(`starting the server on port ${port}`);
  server = await startNextServer(port, {
    DATABASE_URL: url,
    ROOMLENS_DATA_DIR: dataDir,
    ROOMLENS_PSEUDONYM_KEY: BENCH_KEY.secret,
    ROOMLENS_PSEUDONYM_KEY_VERSION: String(BENCH_KEY.version),
    ROOMLENS_DEMO: "1",
    ROOMLENS_ENV: "load-test",
    AUTH_URL: `http://localhost:${port}`,
    // Sessions are signed with it; with a Postgres server it must come from the environment.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  });
  const person = listDemoPeople()[0];
  if (!person) throw new Error("no demo person to sign in as");
  const running = server;
  const cookie = await signInAsDemoPerson(running.baseUrl, person.email, "planner").catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nserver log:\n${running.recentLog()}`);
  });
  const token = await createTokenFor(url, person.email);
  const headersFor: Record<Target["auth"], Record<string, string>> = {
    session: { cookie },
    token: { authorization: `Bearer ${token}` },
    none: {},
  };
  const only = options.only;
  const targets = only === undefined ? TARGETS : TARGETS.filter((target) => target.name.includes(only));
  if (targets.length === 0) throw new Error(`--only ${only}: no target's name contains it`);
  for (const target of targets) await hit(target, server.baseUrl, headersFor[target.auth]);
}

let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    progress("stopping the server (SIGTERM)");
    await server?.stop();
    await scratch.dropAll();
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

try {
  await main();
} finally {
  await cleanUp();
}

import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authUsers, integrations, settings } from "@/db/schema";
import { viewIds, viewLoaders } from "@/lib/analytics/views/data";
import { buildExport } from "@/lib/analytics/views/export";
import { viewTableIds } from "@/lib/analytics/views/tables";
import { createApiToken } from "@/lib/auth/api-tokens";
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/ingest/webhook-signature";
import { closeDatabase } from "@/lib/server/database";
import { POST as ingestRoute } from "@/app/api/ingest/[integration]/route";
import { GET as metricsRoute } from "@/app/api/v1/metrics/route";
import { GET as plannerRoute } from "@/app/api/v1/planner/route";
import { createCliEnvironment } from "../../support/cli-env";
import { databaseKinds } from "../../support/databases";

/**
 * The privacy probe (invariant 1) over what leaves the server besides tables and CLI output: every
 * CSV/JSON export of every planner view, the read-only JSON API and the signed webhook's answers,
 * called as route handlers in this process — and everything the process logs meanwhile (console and
 * raw stdout/stderr writes). Known e-mails, names, titles and locations go in; none may come out.
 */
const fixture = (name: string) => path.resolve("tests/fixtures/probe", name);
const range = { from: "2026-01-01", to: "2026-02-28" };
// Encrypts the webhook's signing secret; a Postgres installation must set it (32 bytes, base64).
const secretsKey = Buffer.alloc(32, 7).toString("base64");

// Six organizers pushed through the webhook, so that k = 5 is reached and the exports hold real numbers.
const pushed = ["Araminta Fenwick-Yull", "Leopold Quarrington", "Marisol Ebbesen", "Cosimo Thwaite", "Henrike Oyelaran", "Evander Pomfrey"];
const emailOf = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@probe.example`;
// The account that holds the API token: allowed in the sign-in tables, but in no export and no log.
const plannerEmail = "perpetua.lindqvist@staff.example";

// Everything that identifies a person or a meeting in the fixtures and the pushed batches.
const identities = [
  "zephyrine", "quaglieri", "bartholomew", "okonkwo", "ottoline", "vashchenko", "philippa", "wrenfield",
  "ignatius", "faraday", "nightjar", "hushed-orchid", "salary", "medical", "3rd floor",
  ...pushed.flatMap((name) => name.toLowerCase().split(/[\s-]+/)),
  "perpetua", "lindqvist", "disciplinary hearing",
];
/** E-mail-shaped strings in a text, except the rooms' own resource addresses (directory facts). */
const personalEmails = (text: string) => (text.toLowerCase().match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]+/g) ?? []).filter((e) => !e.startsWith("room."));

/** Every line the process writes while `fn` runs: console methods and raw writes to stdout/stderr. */
function captureLogs(into: string[]): () => void {
  const spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      into.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack ?? ""} ${String(arg.cause ?? "")}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
    }),
  );
  const writes = ([process.stdout, process.stderr] as const).map((stream) =>
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }),
  );
  return () => [...spies, ...writes].forEach((spy) => spy.mockRestore());
}

describe.each(databaseKinds())("privacy probe over exports, API answers and logs on %s", (kind) => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  const logs: string[] = [];
  const outputs: Record<string, string> = {};
  let stopCapture: () => void = () => {};
  const saved = { ...process.env };

  beforeAll(async () => {
    cli = await createCliEnvironment(kind, { ROOMLENS_SECRETS_KEY: secretsKey });
    stopCapture = captureLogs(logs);
    const run = async (...argv: string[]) => {
      const result = await cli.run(...argv);
      logs.push(result.stdout, result.stderr);
      return result;
    };
    expect((await run("rooms", "import", fixture("rooms.csv"))).code).toBe(0);
    expect((await run("import", fixture("orion-feed.ics"))).code).toBe(0);
    expect((await run("import", fixture("booking-tool.csv"))).code).toBe(0);
    expect((await run("import", fixture("garbage.ics"))).code).toBe(1);
    const added = await run("integration", "add", "webhook", "--name", "probe-hook");
    expect(added.code, added.stderr).toBe(0);
    // The signing secret is shown once, on its own line; it is not personal data, so it is left out of the search.
    const secret = added.stdout.trim().split("\n").at(-1)?.trim() ?? "";
    logs.pop();
    logs.push(added.stdout.replace(secret, "<secret>"));
    const { hookId, token } = await cli.inspect(async (database) => {
      await database.db.update(settings).set({ minGroupSize: 5 }).where(eq(settings.id, 1));
      const [hook] = await database.db.select().from(integrations).where(eq(integrations.name, "probe-hook"));
      const [planner] = await database.db.insert(authUsers).values({ email: plannerEmail, name: "Perpetua Lindqvist", role: "planner" }).returning();
      return { hookId: hook?.id ?? 0, token: (await createApiToken(database.db, planner?.id ?? 0, "probe")).token };
    });

    expect(hookId).toBeGreaterThan(0);
    // From here the route handlers run in this process on the CLI's database, as the server would.
    Object.assign(process.env, { DATABASE_URL: cli.databaseUrl ?? "", ROOMLENS_DATA_DIR: cli.dataDir, ROOMLENS_PSEUDONYM_KEY: "cli-test-key-0123456789", ROOMLENS_SECRETS_KEY: secretsKey });
    const push = async (body: unknown) => {
      const text = JSON.stringify(body);
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await ingestRoute(
        new Request(`http://localhost/api/ingest/${hookId}`, {
          method: "POST",
          headers: { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(secret, timestamp, text), "content-length": String(text.length) },
          body: text,
        }),
        { params: Promise.resolve({ integration: String(hookId) }) },
      );
      outputs[`webhook ${response.status} ${logs.length}`] = await response.text();
      return response.status;
    };
    const bookings = pushed.flatMap((name, i) =>
      ["2026-02-02", "2026-02-03", "2026-02-04"].map((day, j) => ({
        id: `probe-${i}-${j}`,
        room: "Orion",
        start: `${day}T${String(8 + i).padStart(2, "0")}:00:00Z`,
        end: `${day}T${String(9 + i).padStart(2, "0")}:00:00Z`,
        organizer: emailOf(name),
        attendees: 4,
      })),
    );
    expect(await push({ bookings })).toBe(200);
    // A sender that adds a title is refused (the schema is strict); the refusal must not echo it.
    expect(await push({ bookings: [{ ...bookings[0], id: "probe-title", title: `Disciplinary hearing — ${pushed[0]}` }] })).toBe(400);
    // An unknown room with an organizer: refused, and the answer names neither.
    expect(await push({ bookings: [{ ...bookings[0], id: "probe-room", room: "Nowhere", organizer: emailOf(pushed[1] ?? "") }] })).toBe(422);

    const api = async (route: typeof metricsRoute, pathname: string) => {
      const response = await route(new Request(`http://localhost${pathname}?from=${range.from}&to=${range.to}`, { headers: { authorization: `Bearer ${token}` } }));
      expect(response.status, pathname).toBe(200);
      outputs[pathname] = await response.text();
    };
    await api(metricsRoute, "/api/v1/metrics");
    await api(plannerRoute, "/api/v1/planner");
    const { getDatabase } = await import("@/lib/server/database");
    const { db } = await getDatabase();
    for (const id of viewIds) {
      const view = await viewLoaders[id](db, range, {});
      outputs[`/api/export/${id}?format=json`] = buildExport(view, { format: "json", table: undefined })?.body ?? "";
      for (const table of viewTableIds[id]) outputs[`/api/export/${id}?format=csv&table=${table}`] = buildExport(view, { format: "csv", table })?.body ?? "";
    }
    await closeDatabase();
  });
  afterAll(async () => {
    stopCapture();
    process.env = saved;
    await closeDatabase();
    await cli.cleanup();
  });

  it("exports and API answers hold real numbers (so the search below is not over empty files)", () => {
    // Orion: the six pushed people's 18 bookings in February, plus the feed's; k = 5 is reached.
    expect(JSON.parse(outputs["/api/v1/metrics"] ?? "{}")).toMatchObject({ suppressed: false });
    expect(Object.keys(outputs).filter((key) => key.startsWith("/api/export/")).length).toBeGreaterThan(10);
    expect(outputs["/api/export/overview?format=json"]).toContain("Orion");
  });

  it("no export, API answer or webhook answer holds an e-mail, a name, a title or location text", () => {
    for (const [where, body] of Object.entries(outputs)) {
      const text = body.toLowerCase();
      for (const needle of identities) expect(text, `${where} holds "${needle}"`).not.toContain(needle);
      expect(personalEmails(body), where).toEqual([]);
    }
  });

  it("nothing the process logged holds one either", () => {
    const text = logs.join("\n");
    expect(text.length).toBeGreaterThan(0);
    for (const needle of identities) expect(text.toLowerCase(), `the logs hold "${needle}"`).not.toContain(needle);
    expect(personalEmails(text)).toEqual([]);
  });
});


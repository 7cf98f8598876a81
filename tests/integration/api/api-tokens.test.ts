import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, authApiTokens, authUsers } from "@/db/schema";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { changeRole } from "@/lib/auth/users";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people, week } from "../analytics/analytics-fixture";

// The real route handlers and actions against a real database; only the framework edges are replaced.
// The session says "planner" throughout: the API must not care (it reads bearer tokens only).
const state = vi.hoisted(() => ({ database: undefined as unknown, uid: undefined as number | undefined }));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (state.uid === undefined ? null : { user: { uid: state.uid }, expires: "" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  unauthorized: () => {
    throw new Error("HTTP 401");
  },
  forbidden: () => {
    throw new Error("HTTP 403");
  },
}));
const metricsRoute = await import("@/app/api/v1/metrics/route");
const plannerRoute = await import("@/app/api/v1/planner/route");
const actions = await import("@/app/me/api-tokens/actions");

const roomSpecs = [
  { name: "P1", capacity: 6, building: "North" },
  { name: "P2", capacity: 6, building: "North" },
  { name: "L1", capacity: 10, building: "South" },
];
// Six organizers in P1, five in P2, one in L1 (k = 5). L1 is suppressed, and so is P2, the smallest
// visible room: the week's total would otherwise give L1 away by subtraction. P1 is shown.
const hourOf = (i: number) => `2026-03-0${2 + (i % 5)}T${String(9 + Math.floor(i / 5)).padStart(2, "0")}`;
const records = [
  ...people("p", 6).map((who, i) => rawBooking("P1", `${hourOf(i)}:00:00Z`, `${hourOf(i)}:30:00Z`, by(who))),
  ...people("q", 5).map((who, i) => rawBooking("P2", `${hourOf(i)}:00:00Z`, `${hourOf(i)}:45:00Z`, by(who))),
  rawBooking("L1", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", by("lonely")),
];

const get = async (handler: { GET: (request: Request) => Promise<Response> }, path: string, token?: string | null, scheme = "Bearer") => {
  const headers: Record<string, string> = token ? { authorization: `${scheme} ${token}` } : {};
  const response = await handler.GET(new Request(`http://localhost${path}`, { headers }));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
};

describe.each(databaseKinds())("API tokens and the read-only API on %s", (kind) => {
  let database: TestDatabase;
  const ids = { member: 0, planner: 0, admin: 0 };
  let plannerToken = "";
  let plannerTokenId = 0;

  const auditRows = async () => database.db.select().from(auditLog).orderBy(auditLog.id);

  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, roomSpecs, records);
    state.database = database;
    for (const role of ["member", "planner", "admin"] as const) {
      const [row] = await database.db.insert(authUsers).values({ email: `${role}@example.com`, role }).returning();
      ids[role] = row?.id ?? 0;
    }
    state.uid = ids.planner;
    const created = await createApiToken(database.db, ids.planner, "capacity notebook");
    plannerToken = created.token;
    plannerTokenId = created.id;
  });
  afterAll(() => database.drop());

  it("stores only the SHA-256 of a token, and audit-logs its creation without it", async () => {
    expect(plannerToken).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    const [row] = await database.db.select().from(authApiTokens).where(eq(authApiTokens.id, plannerTokenId));
    expect(row).toMatchObject({ userId: ids.planner, name: "capacity notebook", lastUsedAt: null, revokedAt: null });
    expect(row?.tokenHash).toBe(createHash("sha256").update(plannerToken).digest("hex"));
    const dump = JSON.stringify(await database.db.execute(sql`SELECT * FROM auth_api_tokens`));
    expect(dump).not.toContain(plannerToken.slice(3));
    const created = (await auditRows()).filter((e) => e.action === "api_token.created");
    expect(created.at(-1)).toMatchObject({ actor: `user:${ids.planner}`, details: { tokenId: plannerTokenId } });
  });

  it("answers 401 without a token, with another scheme, or with an unknown token — whatever the session", async () => {
    for (const attempt of [
      await get(metricsRoute, "/api/v1/metrics"),
      await get(metricsRoute, "/api/v1/metrics", plannerToken, "Basic"),
      await get(metricsRoute, "/api/v1/metrics", "rl_" + "A".repeat(43)),
      await get(plannerRoute, "/api/v1/planner", "not-a-token"),
    ]) {
      expect(attempt.status).toBe(401);
      expect(attempt.headers.get("www-authenticate")).toMatch(/^Bearer realm="roomlens"/);
      expect(attempt.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("serves the dashboard's metrics, suppressed as on screen, and logs the call", async () => {
    const before = (await auditRows()).length;
    const response = await get(metricsRoute, `/api/v1/metrics?from=${week.from}&to=${week.to}`, plannerToken);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(await getDashboardMetrics(database.db, week))));
    const rooms = response.body.byRoom as { name: string; bookings: number | null; suppressed: boolean }[];
    expect(rooms.map((r) => [r.name, r.bookings, r.suppressed])).toEqual([
      ["L1", null, true],
      ["P1", 6, false],
      ["P2", null, true],
    ]);
    const entries = (await auditRows()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: `user:${ids.planner}`,
      action: "api.read",
      details: { tokenId: plannerTokenId, path: "/api/v1/metrics", query: `?from=${week.from}&to=${week.to}` },
    });
    const [row] = await database.db.select().from(authApiTokens).where(eq(authApiTokens.id, plannerTokenId));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("serves the planner metrics with the room filters, and logs every call (no sampling)", async () => {
    const before = (await auditRows()).length;
    const path = `/api/v1/planner?from=${week.from}&to=${week.to}&building=North&band=5-8`;
    const first = await get(plannerRoute, path, plannerToken);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(JSON.parse(JSON.stringify(await getPlannerMetrics(database.db, week, { building: "North", band: "5-8" }))));
    expect(first.body.filters).toEqual({ building: "North", band: "5-8" });
    await get(plannerRoute, path, plannerToken);
    await get(plannerRoute, path, plannerToken);
    expect((await auditRows()).slice(before).map((e) => e.action)).toEqual(["api.read", "api.read", "api.read"]);
  });

  it("refuses parameters it cannot read with 400", async () => {
    expect((await get(plannerRoute, "/api/v1/planner?band=7-9", plannerToken)).status).toBe(400);
    expect((await get(metricsRoute, "/api/v1/metrics?from=2026-02-30", plannerToken)).status).toBe(400);
    // "13+" sent unencoded arrives as "13 ": still understood.
    const plus = await get(plannerRoute, "/api/v1/planner?band=13+", plannerToken);
    expect(plus.status).toBe(200);
    expect(plus.body.filters).toEqual({ band: "13+" });
  });

  it("stops a token whose owner is no longer a planner or admin (403), and works again if the role returns", async () => {
    const { token, id } = await createApiToken(database.db, ids.admin, "admin script");
    expect((await get(metricsRoute, "/api/v1/metrics", token)).status).toBe(200);
    await changeRole(database.db, ids.planner, ids.admin, "member");
    const refused = await get(metricsRoute, "/api/v1/metrics", token);
    expect(refused.status).toBe(403);
    const last = (await auditRows()).at(-1);
    expect(last).toMatchObject({ action: "api.refused", actor: `user:${ids.admin}`, details: { tokenId: id, status: 403 } });
    await changeRole(database.db, ids.planner, ids.admin, "admin");
    expect((await get(metricsRoute, "/api/v1/metrics", token)).status).toBe(200);
  });

  it("creates and revokes tokens through the page's actions: own tokens only, shown once", async () => {
    state.uid = ids.planner;
    const form = new FormData();
    form.set("name", "  spreadsheet  ");
    const state1 = await actions.createToken(null, form);
    const created = state1.created;
    expect(created?.name).toBe("spreadsheet");
    expect((await get(metricsRoute, "/api/v1/metrics", created?.token)).status).toBe(200);
    // The list never carries the token or its hash.
    const listed = await listApiTokens(database.db, ids.planner);
    expect(JSON.stringify(listed)).not.toContain(created?.token ?? "?");
    expect(listed.map((t) => t.name)).toEqual(["spreadsheet", "capacity notebook"]);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "revokedAt"]);

    expect(await actions.createToken(null, new FormData())).toEqual({ created: null, invalid: true });

    // The admin cannot revoke the planner's token: the id is someone else's.
    state.uid = ids.admin;
    const revoke = new FormData();
    revoke.set("tokenId", String(created?.id));
    await actions.revokeToken(revoke);
    expect((await get(metricsRoute, "/api/v1/metrics", created?.token)).status).toBe(200);

    state.uid = ids.planner;
    await actions.revokeToken(revoke);
    const after = await get(metricsRoute, "/api/v1/metrics", created?.token);
    expect(after).toMatchObject({ status: 401, body: { error: "this API token was revoked" } });
    expect((await auditRows()).filter((e) => e.action === "api_token.revoked").at(-1)).toMatchObject({
      actor: `user:${ids.planner}`,
      details: { tokenId: created?.id },
    });
    // Revoking twice changes nothing and logs nothing more.
    expect(await revokeApiToken(database.db, ids.planner, created?.id ?? 0)).toBe(false);
  });

  it("refuses the token actions to members", async () => {
    state.uid = ids.member;
    const form = new FormData();
    form.set("name", "mine");
    await expect(actions.createToken(null, form)).rejects.toThrow("HTTP 403");
    state.uid = undefined;
    await expect(actions.createToken(null, form)).rejects.toThrow("HTTP 401");
    expect(await listApiTokens(database.db, ids.member)).toEqual([]);
  });

  it("never writes a token into the audit log", async () => {
    const dump = JSON.stringify(await auditRows());
    expect(dump).not.toContain(plannerToken);
    expect(dump).not.toMatch(/rl_[A-Za-z0-9_-]{43}/);
  });
});

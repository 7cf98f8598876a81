import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bookings, rooms, roomSources, syncRuns } from "@/db/schema";
import { signWebhook } from "@/lib/ingest/webhook-signature";
import { createIntegration, setEnabled } from "@/lib/integrations/manage";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../support/databases";

// The real route handler against a real database; only the server's database handle is replaced.
const state = vi.hoisted(() => ({ database: undefined as unknown }));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
const { POST } = await import("@/app/api/ingest/[integration]/route");

process.env.ROOMLENS_SECRETS_KEY = Buffer.alloc(32, 11).toString("base64");
process.env.ROOMLENS_PSEUDONYM_KEY ??= "webhook-test-key-0123456789";

const at = (day: number, hour: number) => `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+01:00`;
const booking = (id: string, room: string, day = 2, extra: Record<string, unknown> = {}) => ({ id, room, start: at(day, 9), end: at(day, 10), ...extra });

describe.each(databaseKinds())("POST /api/ingest/[integration] on %s", (kind) => {
  let database: TestDatabase;
  let id = 0;
  let secret = "";
  let csvId = 0;

  async function post(body: string | object, options: { secret?: string; timestamp?: number; path?: string; signature?: string } = {}) {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { "content-type": "application/json", "x-roomlens-timestamp": String(timestamp) };
    headers["x-roomlens-signature"] = options.signature ?? signWebhook(options.secret ?? secret, timestamp, text);
    const path = options.path ?? String(id);
    const response = await POST(new Request(`http://localhost/api/ingest/${path}`, { method: "POST", headers, body: text }), { params: Promise.resolve({ integration: path }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const stored = async () => database.db.select().from(bookings).where(eq(bookings.integrationId, id)).orderBy(bookings.startsAt);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    state.database = database;
    const [orion] = await database.db.insert(rooms).values([{ name: "Orion" }, { name: "Lyra" }]).returning();
    await database.db.insert(roomSources).values({ roomId: orion?.id ?? 0, sourceKey: "orion@rooms.example.com" });
    const created = await createIntegration(database.db, { kind: "webhook", name: "Booking tool", config: {} }, "admin");
    id = created.id;
    secret = created.generatedSecret ?? "";
    csvId = (await createIntegration(database.db, { kind: "csv", name: "Other", config: { url: "https://example.com/x.csv" } }, "admin")).id;
  });
  afterAll(() => database.drop());

  it("stores a signed batch through the pipeline: rooms by name or resource e-mail, organizer pseudonymised", async () => {
    const batch = { bookings: [booking("b1", "Orion", 2, { organizer: "dana.quill@example.com", attendees: 4 }), booking("b2", "ORION@rooms.example.com", 3, { private: true, organizer: "eve@example.com" }), booking("b3", "Lyra", 4, { status: "no_show", checkedInAt: null })] };
    const response = await post(batch);
    expect(response).toMatchObject({ status: 200, body: { status: "succeeded", fetched: 3, inserted: 3, received: { bookings: 3, cancelled: 0 } } });
    const rows = await stored();
    expect(rows.map((r) => [r.status, r.attendeeCount, r.private, r.organizerPseudonym === null])).toEqual([
      ["confirmed", 4, false, false],
      ["confirmed", null, true, true],
      ["no_show", null, false, true],
    ]);
    expect(rows[0]?.startsAt).toEqual(new Date("2026-03-02T08:00:00Z"));
    expect(JSON.stringify(rows)).not.toContain("dana.quill");
  });

  it("is idempotent: the same batch again changes nothing; cancelled ids cancel", async () => {
    const again = await post({ bookings: [booking("b1", "Orion", 2, { organizer: "dana.quill@example.com", attendees: 4 })] });
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const cancel = await post({ bookings: [], cancelled: ["b2", "never-sent"] });
    expect(cancel.body).toMatchObject({ cancelled: 1, received: { bookings: 0, cancelled: 2 } });
    expect((await stored()).map((r) => r.status)).toEqual(["confirmed", "cancelled", "no_show"]);
    expect(await stored()).toHaveLength(3);
  });

  it("answers 401 to a wrong signature and a stale or future timestamp, with the reason", async () => {
    const now = Math.floor(Date.now() / 1000);
    const runs = async () => (await database.db.select().from(syncRuns).where(eq(syncRuns.integrationId, id))).length;
    const runsBefore = await runs();
    expect(await post({ bookings: [] }, { secret: "whsec_not-the-secret-000000000000" })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/signature does not match/) } });
    expect(await post({ bookings: [] }, { signature: "sha256=zz" })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/sha256=<64 hex/) } });
    expect(await post({ bookings: [] }, { timestamp: now - 600 })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/stale timestamp: \d+ s in the past/) } });
    expect(await post({ bookings: [] }, { timestamp: now + 600 })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/in the future/) } });
    // Unauthenticated requests leave no trace in the integration's history (no one can fill it up).
    expect(await runs()).toBe(runsBefore);
  });

  it("answers 400 to malformed JSON and to schema errors, naming the first paths", async () => {
    expect(await post("{not json")).toMatchObject({ status: 400, body: { error: "the body is not valid JSON" } });
    const invalid = await post({ bookings: [booking("ok", "Orion"), { ...booking("x", "Orion"), start: "tomorrow", title: "Layoffs" }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "bookings[1].start" }), expect.objectContaining({ path: "bookings[1]", message: expect.stringMatching(/title/) })]));
  });

  it("answers 422 naming the item when a room is unknown, and stores nothing of the batch", async () => {
    const before = await stored();
    const response = await post({ bookings: [booking("new-1", "Orion", 10), booking("new-2", "Atlantis", 11), booking("new-3", "Nowhere", 12)] });
    expect(response).toMatchObject({ status: 422, body: { error: expect.stringMatching(/unknown room "Atlantis" at item 1 and 1 more/), count: 2, items: [{ index: 1, path: "bookings[1].room", room: "Atlantis" }, { index: 2, path: "bookings[2].room", room: "Nowhere" }] } });
    expect(await stored()).toEqual(before);
    // Recorded for the console: an authenticated sender's batch was refused.
    const [run] = await database.db.select().from(syncRuns).where(eq(syncRuns.integrationId, id)).orderBy(desc(syncRuns.id)).limit(1);
    expect(run).toMatchObject({ status: "failed", error: expect.stringMatching(/unknown room/) });
  });

  it("answers 422 to a booking the pipeline could not store (longer than a day), storing nothing", async () => {
    const response = await post({ bookings: [booking("long", "Orion", 13, { end: at(15, 9) })] });
    expect(response).toMatchObject({ status: 422, body: { error: expect.stringMatching(/item 0 cannot be stored: lasts 48 hours/) } });
  });

  it("answers 404 for an unknown or non-webhook integration, 409 when paused, 413 when too large", async () => {
    expect((await post({ bookings: [] }, { path: "999999" })).status).toBe(404);
    expect((await post({ bookings: [] }, { path: String(csvId) })).status).toBe(404);
    expect((await post({ bookings: [] }, { path: "../x" })).status).toBe(404);
    await setEnabled(database.db, id, false, "admin");
    expect(await post({ bookings: [] })).toMatchObject({ status: 409, body: { error: expect.stringMatching(/paused/) } });
    await setEnabled(database.db, id, true, "admin");
    const huge = JSON.stringify({ bookings: [], padding: "x".repeat(5 * 1024 * 1024) });
    expect((await post(huge)).status).toBe(413);
  });
});

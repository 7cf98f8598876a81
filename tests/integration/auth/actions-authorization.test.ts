import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authUsers, rooms, settings } from "@/db/schema";
import { can, type Viewer } from "@/lib/auth/permissions";
import { actionPermissions } from "@/lib/auth/routes";
import { createTestDatabase, type TestDatabase } from "../../support/databases";

// The real actions run against a real database; only the framework edges are replaced: the
// session lookup, Next's control-flow throws, and cache revalidation.
const state = vi.hoisted(() => ({ uid: undefined as number | undefined, database: undefined as unknown }));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (state.uid === undefined ? null : { user: { uid: state.uid }, expires: "" }),
  signIn: async () => {
    throw new Error("redirect:signin");
  },
  signOut: async () => {
    throw new Error("redirect:signout");
  },
}));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  unauthorized: () => {
    throw new Error("HTTP 401");
  },
  forbidden: () => {
    throw new Error("HTTP 403");
  },
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
}));

const viewers: Viewer[] = ["anonymous", "member", "planner", "admin"];
const ids: Partial<Record<Viewer, number>> = {};

function formFor(action: string, targetId: number): FormData {
  const form = new FormData();
  if (action === "setRole") {
    form.set("userId", String(targetId));
    form.set("role", "planner");
  }
  if (action === "saveSettings") {
    for (const [key, value] of Object.entries({ minGroupSize: "12", retentionDays: "400", workdayStart: "08:00", workdayEnd: "18:00" })) {
      form.set(key, value);
    }
    for (const day of ["1", "2", "3", "4", "5"]) form.append("workdays", day);
  }
  if (action === "createToken") form.set("name", "authorization test");
  if (action === "revokeToken") form.set("tokenId", "1");
  // Integrations: a webhook needs no network; the id is the one an admin's addIntegration creates.
  if (action === "addIntegration" || action === "testDraftIntegration") {
    form.set("kind", "webhook");
    form.set("name", "authorization test hook");
  }
  if (["saveIntegration", "newWebhookSecret", "setIntegrationEnabled", "removeIntegrationNow", "syncIntegrationNow", "testIntegration"].includes(action)) {
    form.set("id", "1");
    form.set("name", "authorization test hook");
    form.set("enabled", "false");
  }
  if (action === "previewCsvDraft" || action === "importCsvUpload") {
    form.set("name", "authorization upload");
    form.set("file", new File(["room,start,end\nOrion,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n"], "upload.csv", { type: "text/csv" }));
  }
  // Rooms: the room made in beforeAll.
  if (action === "saveRoom" || action === "mapRoom") {
    form.set("roomId", String(roomId));
    for (const [key, value] of Object.entries({ building: "B", floor: "1", capacity: "9", amenities: "", timeZone: "UTC" })) form.set(key, value);
  }
  if (action === "mapRoom") form.set("label", "Annex by map");
  if (action === "createRoom") {
    form.set("label", "Annex by create");
    form.set("timeZone", "UTC");
  }
  return form;
}

/** Actions made for useActionState take the previous state first, then the form. */
const statefulActions = new Set([
  "createToken",
  "addIntegration",
  "saveIntegration",
  "newWebhookSecret",
  "testIntegration",
  "testDraftIntegration",
  "previewCsvDraft",
  "importCsvUpload",
]);
let roomId = 0;

describe("every server action checks its permission itself", () => {
  let database: TestDatabase;
  let target = 0;
  beforeAll(async () => {
    process.env.ROOMLENS_PSEUDONYM_KEY = "authz-test-key-0123456789";
    process.env.ROOMLENS_SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
    database = await createTestDatabase("pglite");
    const [room] = await database.db.insert(rooms).values({ name: "Orion", capacity: 4 }).returning();
    roomId = room?.id ?? 0;
    state.database = database;
    for (const role of ["member", "planner", "admin"] as const) {
      const [row] = await database.db.insert(authUsers).values({ email: `${role}@example.com`, role }).returning();
      ids[role] = row?.id;
    }
    const [other] = await database.db.insert(authUsers).values({ email: "target@example.com", role: "member" }).returning();
    target = other?.id ?? 0;
  });
  afterAll(() => database.drop());

  const cases = Object.entries(actionPermissions).flatMap(([file, actions]) =>
    Object.entries(actions).flatMap(([name, permission]) => viewers.map((viewer) => ({ file, name, permission, viewer }))),
  );

  it.each(cases)("$file $name as $viewer", async ({ file, name, permission, viewer }) => {
    state.uid = viewer === "anonymous" ? undefined : ids[viewer];
    const module: Record<string, unknown> = await import(`@/${file.replace(/\.ts$/, "")}`);
    const action = module[name];
    if (typeof action !== "function") throw new Error(`${file} does not export ${name}`);
    const run = async () => {
      try {
        await (statefulActions.has(name) ? action(null, formFor(name, target)) : action(formFor(name, target)));
        return "done";
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    const outcome = await run();
    if (permission === "public" || can(viewer, permission)) {
      expect(outcome).not.toMatch(/^HTTP 40[13]$/);
    } else {
      expect(outcome).toBe(viewer === "anonymous" ? "HTTP 401" : "HTTP 403");
    }
  });

  it("a refused action changed nothing", async () => {
    state.uid = ids.member;
    const { setRole } = await import("@/app/admin/users/actions");
    const form = new FormData();
    form.set("userId", String(ids.member));
    form.set("role", "admin");
    await expect(setRole(form)).rejects.toThrow("HTTP 403");
    const [member] = await database.db.select().from(authUsers).where(eq(authUsers.id, ids.member ?? 0));
    expect(member?.role).toBe("member");
    const [row] = await database.db.select().from(settings);
    // Only the admin's saveSettings run above changed k (10 → 12).
    expect(row?.minGroupSize).toBe(12);
    const { saveRoom } = await import("@/app/admin/rooms/actions");
    const roomForm = new FormData();
    roomForm.set("roomId", String(roomId));
    roomForm.set("capacity", "99");
    roomForm.set("timeZone", "UTC");
    await expect(saveRoom(roomForm)).rejects.toThrow("HTTP 403");
    const [room] = await database.db.select().from(rooms).where(eq(rooms.id, roomId));
    // Only the admin's saveRoom run above changed the seats (4 → 9).
    expect(room?.capacity).toBe(9);
  });
});

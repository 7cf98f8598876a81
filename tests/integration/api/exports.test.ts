import { parse } from "csv-parse/sync";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, authUsers } from "@/db/schema";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { viewLoaders, viewIds, type ViewId } from "@/lib/analytics/views/data";
import { SUPPRESSED, tableCsv, tableRecords, type ViewTable } from "@/lib/analytics/views/table";
import { listViewTables, viewTableIds } from "@/lib/analytics/views/tables";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, openAnalyticsDatabase, people, week } from "../analytics/analytics-fixture";

// The real route handlers against a real database; only the framework edges are replaced: the
// session lookup (a planner, a member or nobody) and the server's database handle.
const state = vi.hoisted(() => ({ uid: undefined as number | undefined, database: undefined as unknown }));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (state.uid === undefined ? null : { user: { uid: state.uid }, expires: "" }),
  signIn: async () => {},
  signOut: async () => {},
}));
vi.mock("@/lib/server/database", () => ({ getDatabase: async () => state.database }));
vi.mock("next/navigation", () => ({
  unauthorized: () => {
    throw new Error("HTTP 401");
  },
  forbidden: () => {
    throw new Error("HTTP 403");
  },
}));

const routes: Record<ViewId, { GET: (request: Request) => Promise<Response> }> = {
  overview: await import("@/app/api/export/overview/route"),
  demand: await import("@/app/api/export/demand/route"),
  "right-sizing": await import("@/app/api/export/right-sizing/route"),
  preference: await import("@/app/api/export/preference/route"),
  behaviour: await import("@/app/api/export/behaviour/route"),
};

const at = (day: number, hour: number, minute = 0) =>
  `2026-03-0${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`;
const hourAt = (room: string, day: number, hour: number, extra: Parameters<typeof rawBooking>[3] = {}) =>
  rawBooking(room, at(day, hour), at(day, hour + 1), extra);

// Two buildings; k = 5. Rooms with five organizers or more show, the rest are suppressed, and the
// complementary rule hides a neighbour of each lone small room: the exports must say so in words.
const roomSpecs = [
  { name: "North 1", capacity: 6, building: "North", floor: "1", amenities: ["screen"] },
  { name: "North 2", capacity: 6, building: "North", floor: "2", amenities: ["screen", "video"] },
  { name: "North 3", capacity: 6, building: "North", floor: "2", amenities: [] },
  { name: "North 4", capacity: 2, building: "North", floor: "1", amenities: [] },
  { name: "South 1", capacity: 12, building: "South", floor: "1", amenities: ["video"] },
  { name: "South 2", capacity: 12, building: "South", floor: "1", amenities: ["video"] },
];
const records = [
  // North 1: six people, two attendees each; three checked in, three no-shows; booked a day ahead.
  ...people("a", 6).map((who, i) =>
    hourAt("North 1", 2 + (i % 3), 9 + i, {
      ...by(who),
      attendeeCount: 2,
      bookedAt: new Date(at(1, 9)),
      ...(i % 2 === 0 ? { checkedInAt: new Date(at(2 + (i % 3), 9 + i, 5)) } : { status: "no_show" as const }),
    }),
  ),
  // North 2: five people, nearly full, some of it recurring.
  ...people("b", 5).map((who, i) => hourAt("North 2", 2 + (i % 2), 10 + i, { ...by(who), attendeeCount: 5, recurring: i < 3 })),
  // North 3: one person (suppressed); North 4: two people (suppressed).
  hourAt("North 3", 4, 10, { ...by("c1"), attendeeCount: 3 }),
  ...people("d", 2).map((who, i) => hourAt("North 4", 5, 9 + i, { ...by(who), attendeeCount: 2 })),
  // South: two big rooms used by small meetings (right-size), five and six people.
  ...people("e", 5).map((who, i) => hourAt("South 1", 2 + i, 14, { ...by(who), attendeeCount: 3 })),
  ...people("f", 6).map((who, i) => hourAt("South 2", 2 + (i % 5), 11, { ...by(who), attendeeCount: 2 })),
  // A cancellation, so the behaviour view has one to count.
  hourAt("South 2", 6, 9, { ...by("f1"), status: "cancelled" }),
];

const query = (params: Record<string, string>) => new URLSearchParams({ from: week.from, to: week.to, ...params }).toString();
const get = (view: ViewId, params: Record<string, string> = {}, raw = false) =>
  routes[view].GET(new Request(`http://localhost/api/export/${view}?${raw ? new URLSearchParams(params) : query(params)}`));

/** What the page shows in each cell, as the download must write it: the value, or the word. */
function expectedCells(table: ViewTable): string[][] {
  return table.rows.map((row) => row.map((cell) => (cell.suppressed ? SUPPRESSED : cell.value === null ? "" : String(cell.value))));
}

describe.each(databaseKinds())("CSV and JSON exports on %s", (kind) => {
  let database: TestDatabase;
  const ids: Record<"planner" | "member", number> = { planner: 0, member: 0 };

  beforeAll(async () => {
    process.env.ROOMLENS_PSEUDONYM_KEY ??= "exports-test-key-0123456789";
    database = await openAnalyticsDatabase(kind, roomSpecs, records);
    state.database = database;
    for (const role of ["planner", "member"] as const) {
      const [row] = await database.db.insert(authUsers).values({ email: `${role}@example.com`, role }).returning();
      ids[role] = row?.id ?? 0;
    }
    state.uid = ids.planner;
  });
  afterAll(() => database.drop());

  const filterCases: { name: string; filters: RoomFilters; params: Record<string, string> }[] = [
    { name: "all rooms", filters: {}, params: {} },
    { name: "North, 5–8 seats", filters: { building: "North", band: "5-8" }, params: { building: "North", band: "5-8" } },
  ];

  for (const { name, filters, params } of filterCases) {
    it.each(viewIds)(`%s, ${name}: each CSV table is the page's table, suppressed cells as the word`, async (view) => {
      const tables = listViewTables(await viewLoaders[view](database.db, week, filters));
      expect(tables.map((table) => table.id)).toEqual([...viewTableIds[view]]);
      for (const table of tables) {
        const response = await get(view, { ...params, format: "csv", table: table.id });
        expect(response.status, `${view}/${table.id}`).toBe(200);
        expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(response.headers.get("content-disposition")).toBe(`attachment; filename="roomlens-${view}-${table.id}-${week.from}-${week.to}.csv"`);
        const text = await response.text();
        expect(text).toBe(tableCsv(table));
        const [header, ...rows] = parse(text, { relax_column_count: false }) as string[][];
        expect(header).toEqual(table.columns.map((column) => column.key));
        expect(rows, `${view}/${table.id}`).toEqual(expectedCells(table));
      }
    });

    it.each(viewIds)(`%s, ${name}: the JSON of the whole view holds every table as the page shows it`, async (view) => {
      const data = await viewLoaders[view](database.db, week, filters);
      const response = await get(view, { ...params, format: "json" });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { view: string; range: unknown; filters: unknown; minGroupSize: number; tables: Record<string, unknown> };
      expect(body).toMatchObject({ view, range: week, filters, minGroupSize: 5 });
      expect(body.tables).toEqual(
        Object.fromEntries(listViewTables(data).map((table) => [table.id, { columns: table.columns.map((c) => c.key), rows: tableRecords(table) }])),
      );
    });
  }

  it("writes suppressed cells as the word, never as 0 or an empty field", async () => {
    // Right-sizing by room: North 3 (one person) and North 4 (two) are suppressed, and with them a neighbour.
    const response = await get("right-sizing", { format: "csv", table: "rooms" });
    const [header = [], ...rows] = parse(await response.text()) as string[][];
    const column = (key: string) => header.indexOf(key);
    const row = (room: string) => rows.find((r) => r[column("room")] === room) ?? [];
    for (const room of ["North 3", "North 4"]) {
      expect(row(room)[column("bookings")], room).toBe(SUPPRESSED);
      expect(row(room)[column("seatFill")], room).toBe(SUPPRESSED);
    }
    // A shown room keeps its numbers: South 1's five meetings of 3 in 12 seats fill 25 %.
    expect(row("South 1")[column("bookings")]).toBe("5");
    expect(row("South 1")[column("seatFill")]).toBe("0.25");
    // South 1 is too big for its meetings: 12 × 0.25 / 0.7 → a 5-seat room frees 7 seats.
    expect(row("South 1")[column("suggestedSeats")]).toBe("5");
    expect(row("South 1")[column("seatsGained")]).toBe("7");

    // JSON says the same (a table without a format is JSON).
    const json = (await (await get("right-sizing", { table: "rooms" })).json()) as { rows: Record<string, unknown>[] };
    expect(json.rows.find((r) => r.room === "North 3")).toMatchObject({ bookings: SUPPRESSED, seatFill: SUPPRESSED });
  });

  it("holds, field by field, the suppressed figures the view's data function returns", async () => {
    const data = await viewLoaders["right-sizing"](database.db, week, {});
    const json = (await (await get("right-sizing", { table: "rooms" })).json()) as { rows: Record<string, unknown>[] };
    const asShown = (value: number | null, suppressed: boolean) => (suppressed ? SUPPRESSED : value);
    expect(json.rows).toHaveLength(data.seatFill.byRoom.length);
    for (const room of data.seatFill.byRoom) {
      const row = json.rows.find((r) => r.room === room.name);
      expect(row, room.name).toMatchObject({
        building: room.building,
        seats: room.capacity,
        bookings: asShown(room.bookings, room.suppressed),
        seatFill: room.seatFill === null || room.suppressed ? asShown(null, room.suppressed) : expect.closeTo(room.seatFill, 4),
      });
      const buckets = ["fill0to25", "fill25to50", "fill50to75", "fill75to100"];
      room.histogram.forEach((bucket, i) => {
        const exported = row?.[buckets[i] ?? ""];
        if (bucket.suppressed) expect(exported, `${room.name} ${bucket.bucket}`).toBe(SUPPRESSED);
        else expect(exported).toBe(bucket.share === null ? null : Number(bucket.share.toFixed(4)));
      });
    }
    expect(data.seatFill.byRoom.filter((room) => room.suppressed).map((room) => room.name)).toEqual(expect.arrayContaining(["North 3", "North 4"]));

    const demand = await viewLoaders.demand(database.db, week, {});
    const pressure = (await (await get("demand", { table: "pressure" })).json()) as { rows: Record<string, unknown>[] };
    expect(pressure.rows).toEqual(
      demand.pressure.map((group) =>
        expect.objectContaining({
          band: group.band,
          building: group.building ?? "all",
          rooms: group.rooms,
          peak: asShown(group.peak, group.suppressed),
        }),
      ),
    );
  });

  it("answers a plain GET with the list of the view's downloads, computing and logging nothing", async () => {
    const before = (await database.db.select().from(auditLog).where(eq(auditLog.action, "export"))).length;
    for (const view of viewIds) {
      const response = await get(view, {}, true);
      expect(response.status, view).toBe(200);
      expect(await response.json()).toMatchObject({ view, tables: [...viewTableIds[view]], formats: ["csv", "json"] });
    }
    expect((await database.db.select().from(auditLog).where(eq(auditLog.action, "export"))).length).toBe(before);
    // Without dates, a download covers the last 90 days (here: no bookings, so every figure is suppressed).
    const recent = (await (await get("overview", { format: "json", table: "totals" }, true)).json()) as { rows: Record<string, unknown>[] };
    expect(recent.rows).toEqual([{ rooms: 6, bookings: SUPPRESSED, bookedHours: SUPPRESSED, utilisation: SUPPRESSED }]);
  });

  it("refuses unknown tables and formats", async () => {
    expect((await get("demand", { table: "people" })).status).toBe(404);
    expect((await get("demand", { format: "xlsx" })).status).toBe(400);
  });

  it("audit-logs each download with who, which view, format and range, and nothing about people", async () => {
    await get("preference", { format: "csv", table: "rooms", building: "North" });
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "export")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      actor: `user:${ids.planner}`,
      details: { view: "preference", table: "rooms", format: "csv", from: week.from, to: week.to, building: "North", band: null },
    });
    const everything = JSON.stringify(await database.db.select().from(auditLog));
    expect(everything).not.toMatch(/@example\.com/);
  });

  it("is for planners and admins only: 401 signed out, 403 for a member, nothing logged", async () => {
    const before = (await database.db.select().from(auditLog).where(eq(auditLog.action, "export"))).length;
    try {
      state.uid = undefined;
      expect((await get("overview", { format: "csv" })).status).toBe(401);
      state.uid = ids.member;
      expect((await get("overview", { format: "csv" })).status).toBe(403);
    } finally {
      state.uid = ids.planner;
    }
    expect((await database.db.select().from(auditLog).where(eq(auditLog.action, "export"))).length).toBe(before);
  });
});

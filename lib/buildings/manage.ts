import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { buildings, closureDays, rooms } from "@/db/schema";
import { refreshRoomRollups } from "@/lib/analytics/rollup-refresh";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/time-zones";

/** A building as the admin page shows it: named by its rooms, with its own time where it has one. */
export type BuildingOverview = {
  name: string;
  rooms: number;
  /** The time zones of its active rooms (normally one). */
  timeZones: string[];
  /** Null: the organisation's hours. */
  hours: { startMinute: number; endMinute: number } | null;
  /** Null: the organisation's working days. */
  workdays: number[] | null;
  closures: { day: string; label: string }[];
};

/**
 * Every building named by an active room, with its working time and closure days. Rooms with no
 * building work the organisation's time and have no entry (a building row "" would read like the
 * "every building" of closure_days).
 */
export async function listBuildings(db: Db): Promise<BuildingOverview[]> {
  const [roomRows, timeRows, closureRows] = await Promise.all([
    db
      .select({ building: rooms.building, timeZone: rooms.timeZone, count: sql<number>`count(*)::integer` })
      .from(rooms)
      .where(and(eq(rooms.active, true), ne(rooms.building, "")))
      .groupBy(rooms.building, rooms.timeZone)
      .orderBy(asc(rooms.building), asc(rooms.timeZone)),
    db.select().from(buildings),
    db.select().from(closureDays).where(ne(closureDays.building, "")).orderBy(asc(closureDays.day)),
  ]);
  const byName = new Map<string, BuildingOverview>();
  for (const row of roomRows) {
    const own = timeRows.find((t) => t.name === row.building);
    const entry = byName.get(row.building) ?? {
      name: row.building,
      rooms: 0,
      timeZones: [],
      hours: own?.workdayStartMinute != null && own.workdayEndMinute != null ? { startMinute: own.workdayStartMinute, endMinute: own.workdayEndMinute } : null,
      workdays: own?.workdays && own.workdays.length > 0 ? own.workdays : null,
      closures: closureRows.filter((c) => c.building === row.building).map(({ day, label }) => ({ day, label })),
    };
    entry.rooms += row.count;
    entry.timeZones.push(row.timeZone);
    byName.set(row.building, entry);
  }
  return [...byName.values()];
}

/** Closure days of every building (closure_days.building = ""). */
export async function listOrganisationClosures(db: Db): Promise<{ day: string; label: string }[]> {
  return db.select({ day: closureDays.day, label: closureDays.label }).from(closureDays).where(eq(closureDays.building, "")).orderBy(asc(closureDays.day));
}

async function assertKnownBuilding(db: Db, name: string): Promise<void> {
  const [room] = await db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.building, name), ne(rooms.building, ""))).limit(1);
  if (!room) throw new UserError(`unknown building: ${name}`);
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM").transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "not a date");

/**
 * A building's working time from the admin form: own hours or the organisation's, own days or the
 * organisation's. Hours go together (start and end), so an inherited half can never cross its own.
 */
export const buildingTimeInput = z
  .discriminatedUnion("ownHours", [
    z.object({ ownHours: z.literal(false) }),
    z.object({ ownHours: z.literal(true), workdayStart: clock, workdayEnd: clock }),
  ])
  .and(
    z.discriminatedUnion("ownDays", [
      z.object({ ownDays: z.literal(false) }),
      z.object({ ownDays: z.literal(true), workdays: z.array(z.coerce.number().int().min(1).max(7)).min(1, "choose at least one working day") }),
    ]),
  )
  .and(z.object({ building: z.string().min(1) }))
  .refine((v) => !v.ownHours || v.workdayStart < v.workdayEnd, { message: "the working day must end after it starts", path: ["workdayEnd"] });

export type BuildingTimeInput = z.output<typeof buildingTimeInput>;

/**
 * Saves a building's own working time (null columns inherit the settings) and audit-logs it, in one
 * transaction. Rollups keep every hour of every local day and the working time is applied when a
 * metric is read, so nothing derived needs rebuilding.
 */
export async function saveBuildingTime(db: Db, actor: string, input: BuildingTimeInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    await assertKnownBuilding(tx, input.building);
    const next = {
      workdayStartMinute: input.ownHours ? input.workdayStart : null,
      workdayEndMinute: input.ownHours ? input.workdayEnd : null,
      workdays: input.ownDays ? [...new Set(input.workdays)].sort((a, b) => a - b) : null,
    };
    const [before] = await tx.select().from(buildings).where(eq(buildings.name, input.building));
    const previous = { workdayStartMinute: before?.workdayStartMinute ?? null, workdayEndMinute: before?.workdayEndMinute ?? null, workdays: before?.workdays ?? null };
    if (JSON.stringify(previous) === JSON.stringify(next)) return false;
    await tx.insert(buildings).values({ name: input.building, ...next }).onConflictDoUpdate({ target: buildings.name, set: next });
    await recordAudit(tx, actor, "building.time_changed", {
      building: input.building,
      from: JSON.stringify(previous),
      to: JSON.stringify(next),
    });
    return true;
  });
}

export const buildingZoneInput = z.object({
  building: z.string().min(1),
  timeZone: z.string().trim().refine(isValidTimeZone, "unknown time zone"),
});

/**
 * Sets the time zone of every room of a building (the zone lives on rooms), rebuilds those rooms'
 * rollups (their bookings move to other local days and hours) and audit-logs it, in one transaction.
 * Returns how many rooms changed zone.
 */
export async function setBuildingTimeZone(db: Db, actor: string, input: z.output<typeof buildingZoneInput>): Promise<number> {
  return db.transaction(async (tx) => {
    await assertKnownBuilding(tx, input.building);
    const moved = await tx
      .update(rooms)
      .set({ timeZone: input.timeZone })
      .where(and(eq(rooms.building, input.building), ne(rooms.timeZone, input.timeZone)))
      .returning({ id: rooms.id });
    if (moved.length === 0) return 0;
    await refreshRoomRollups(
      tx,
      moved.map((room) => room.id),
    );
    await recordAudit(tx, actor, "building.time_zone_changed", { building: input.building, timeZone: input.timeZone, rooms: moved.length });
    return moved.length;
  });
}

/** A closure day from the form; building "" closes every building. */
export const closureInput = z.object({
  building: z.string(),
  day,
  label: z.string().trim().max(100, "at most 100 characters"),
});

export async function addClosureDay(db: Db, actor: string, input: z.output<typeof closureInput>): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (input.building !== "") await assertKnownBuilding(tx, input.building);
    const added = await tx.insert(closureDays).values(input).onConflictDoNothing().returning({ day: closureDays.day });
    if (added.length === 0) return false;
    await recordAudit(tx, actor, "building.closure_added", { building: input.building || null, day: input.day, label: input.label });
    return true;
  });
}

export const closureKey = z.object({ building: z.string(), day });

export async function removeClosureDay(db: Db, actor: string, input: z.output<typeof closureKey>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(closureDays)
      .where(and(eq(closureDays.building, input.building), eq(closureDays.day, input.day)))
      .returning({ day: closureDays.day });
    if (removed.length === 0) return false;
    await recordAudit(tx, actor, "building.closure_removed", { building: input.building || null, day: input.day });
    return true;
  });
}

import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { rooms, roomSources, type Room } from "@/db/schema";
import { refreshRoomRollups } from "@/lib/analytics/rollup-refresh";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/time-zones";

/** One room of the directory with every identifier a source knows it by (resource e-mails, feed names). */
export type DirectoryRoom = Room & { sources: string[] };

/** Every room, by building, floor and name, with its source identifiers. */
export async function listRoomDirectory(db: Db): Promise<DirectoryRoom[]> {
  const [rows, sources] = await Promise.all([
    db.select().from(rooms).orderBy(asc(rooms.building), asc(rooms.floor), asc(rooms.name)),
    db.select().from(roomSources).orderBy(asc(roomSources.sourceKey)),
  ]);
  const byRoom = new Map<number, string[]>();
  for (const source of sources) byRoom.set(source.roomId, [...(byRoom.get(source.roomId) ?? []), source.sourceKey]);
  return rows.map((room) => ({ ...room, sources: byRoom.get(room.id) ?? [] }));
}

/** Which fields of an edit were refused, for the page to explain in the reader's language. */
export class RoomInputError extends UserError {
  override name = "RoomInputError";
  constructor(readonly fields: string[]) {
    super(`invalid room fields: ${fields.join(", ")}`);
  }
}

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** A room's editable fields as a form sends them (strings; checkboxes present or absent). */
export const roomEditInput = z.object({
  building: z.string().trim().max(100),
  floor: z.string().trim().max(40),
  capacity: z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? null : value),
    z.coerce.number().int().min(1).max(1000).nullable(),
  ),
  amenities: z
    .string()
    .max(500)
    .transform((value) => [...new Set(value.split(/[;,]/).map((a) => a.trim()).filter(Boolean))]),
  timeZone: z.string().trim().refine(isValidTimeZone),
  active: checkbox,
  sensitive: checkbox,
});
export type RoomEdit = z.output<typeof roomEditInput>;

export function parseRoomEdit(input: Record<string, unknown>): RoomEdit {
  const parsed = roomEditInput.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new RoomInputError([...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "form")))]);
}

export class RoomNotFoundError extends UserError {
  override name = "RoomNotFoundError";
  constructor(readonly roomId: number) {
    super(`no room with id ${roomId}`);
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Saves an admin's edit of one room and audit-logs which fields changed (the fields' names, and the
 * sensitive flag's new value, never booking data). A new time zone moves every booking of the room to
 * other local days and hours, so its rollups are rebuilt in the same transaction; capacity, building,
 * floor, amenities, active and sensitive are read from `rooms` at query time and need no refresh.
 * Returns the names of the changed fields.
 */
export async function updateRoom(db: Db, roomId: number, edit: RoomEdit, actor: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for("update");
    if (!current) throw new RoomNotFoundError(roomId);
    const changed = (Object.keys(edit) as (keyof RoomEdit)[]).filter((field) => {
      const before = current[field];
      const after = edit[field];
      return Array.isArray(before) && Array.isArray(after) ? !sameList(before, after) : before !== after;
    });
    if (changed.length === 0) return [];
    await tx.update(rooms).set(edit).where(eq(rooms.id, roomId));
    if (changed.includes("timeZone")) await refreshRoomRollups(tx, [roomId]);
    await recordAudit(tx, actor, "room.updated", {
      roomId,
      fields: changed.join(","),
      ...(changed.includes("sensitive") ? { sensitive: edit.sensitive } : {}),
      ...(changed.includes("capacity") ? { capacity: edit.capacity } : {}),
    });
    return changed;
  });
}

import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { rooms, roomSources } from "@/db/schema";
import { refreshRoomRollups } from "@/lib/analytics/rollup-refresh";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/time-zones";

const roomRow = z.object({
  name: z.string().trim().min(1, "name is empty"),
  building: z.string().trim().default(""),
  floor: z.string().trim().default(""),
  capacity: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0 && v <= 1000), "capacity must be a whole number 1–1000"),
  amenities: z
    .string()
    .default("")
    .transform((v) => v.split(";").map((a) => a.trim()).filter(Boolean)),
  time_zone: z.string().trim().default("UTC").refine(isValidTimeZone, "time_zone is not an IANA time zone"),
  resource_email: z.string().trim().toLowerCase().default(""),
});

/**
 * Loads a room directory CSV (name, building, floor, capacity, amenities separated by ";",
 * time_zone, resource_email). Rooms are matched by name and updated; all or nothing.
 */
export async function importRoomDirectory(db: Db, file: string, actor: string): Promise<{ rooms: number }> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot read the file (${error.code ?? error.message})`);
  });
  const records: Record<string, string>[] = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true });
  const parsed = records.map((record, index) => {
    const result = roomRow.safeParse(record);
    if (!result.success) {
      throw new UserError(`${file} row ${index + 2}: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    return result.data;
  });
  await db.transaction(async (tx) => {
    // A room whose time zone changes has every booking on other local days and hours: rebuild its rollups.
    const zones = new Map((await tx.select({ name: rooms.name, timeZone: rooms.timeZone }).from(rooms)).map((r) => [r.name, r.timeZone]));
    const moved: number[] = [];
    for (const room of parsed) {
      const values = {
        name: room.name,
        building: room.building,
        floor: room.floor,
        capacity: room.capacity,
        amenities: room.amenities,
        timeZone: room.time_zone,
        active: true,
      };
      const [saved] = await tx
        .insert(rooms)
        .values(values)
        .onConflictDoUpdate({ target: rooms.name, set: values })
        .returning({ id: rooms.id });
      const zone = zones.get(room.name);
      if (saved && zone !== undefined && zone !== room.time_zone) moved.push(saved.id);
      if (saved && room.resource_email) {
        await tx
          .insert(roomSources)
          .values({ roomId: saved.id, sourceKey: room.resource_email })
          .onConflictDoUpdate({ target: roomSources.sourceKey, set: { roomId: sql`excluded.room_id` } });
      }
    }
    await refreshRoomRollups(tx, moved);
    await recordAudit(tx, actor, "rooms.imported", { rooms: parsed.length });
  });
  return { rooms: parsed.length };
}

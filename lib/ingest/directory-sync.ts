import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rooms, roomSources } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

/** One room as a calendar source's directory describes it (Google resource calendar, Graph room). */
export type DirectoryRoom = {
  /** The room's calendar address: Google's resourceEmail, Graph's emailAddress. */
  email: string;
  name: string;
  building: string;
  floor: string;
  capacity: number | null;
};

export type DirectorySyncReport = { created: number; linked: number; known: number };

export type DirectorySyncOptions = {
  /** Time zone of rooms created here (neither source states one per room). */
  timeZone: string;
  /** Who ran it, for the audit log ("cli", "system", a role). */
  actor: string;
  /** The source, for the audit log ("google", "microsoft"). */
  source: string;
};

/**
 * Merges a source's room list into the room directory, in one transaction. A room is found by its
 * resource e-mail first (`room_sources`), then by name, so a room that an ICS feed, a CSV import
 * and Google all know stays one room; otherwise it is created.
 *
 * A known room only gets the fields it lacks (no capacity, empty building or floor): admins edit
 * rooms in the console, and two sources that disagree must not overwrite each other every sync.
 * Rooms missing from the list are left alone: a directory page that failed or a room taken out of
 * booking does not erase its history.
 */
export async function syncRoomDirectory(
  db: Db,
  directory: readonly DirectoryRoom[],
  options: DirectorySyncOptions,
): Promise<DirectorySyncReport> {
  return db.transaction(async (tx) => {
    const report: DirectorySyncReport = { created: 0, linked: 0, known: 0 };
    for (const entry of directory) {
      const email = entry.email.trim().toLowerCase();
      const name = entry.name.trim() || email;
      const [bySource] = await tx.select({ roomId: roomSources.roomId }).from(roomSources).where(eq(roomSources.sourceKey, email));
      let roomId = bySource?.roomId;
      if (roomId !== undefined) {
        report.known += 1;
      } else {
        roomId = await findByName(tx, name, email);
        if (roomId !== undefined) {
          report.linked += 1;
        } else {
          const [created] = await tx
            .insert(rooms)
            .values({
              name: await freeName(tx, name, entry.building, email),
              building: entry.building,
              floor: entry.floor,
              capacity: entry.capacity,
              timeZone: options.timeZone,
            })
            .returning({ id: rooms.id });
          if (!created) throw new Error("room insert returned no row");
          roomId = created.id;
          report.created += 1;
        }
        await tx.insert(roomSources).values({ roomId, sourceKey: email });
      }
      await tx
        .update(rooms)
        .set({
          capacity: sql`coalesce(${rooms.capacity}, ${entry.capacity}::integer)`,
          building: sql`CASE WHEN ${rooms.building} = '' THEN ${entry.building} ELSE ${rooms.building} END`,
          floor: sql`CASE WHEN ${rooms.floor} = '' THEN ${entry.floor} ELSE ${rooms.floor} END`,
        })
        .where(eq(rooms.id, roomId));
    }
    await recordAudit(tx, options.actor, "rooms.synced", { source: options.source, ...report });
    return report;
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * The room of that name, unless it already has another address in the same mail domain: one
 * calendar system never gives one room two addresses, so that is a namesake (e.g. "Orion" in two
 * buildings), not the same room.
 */
async function findByName(tx: Tx, name: string, email: string): Promise<number | undefined> {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const [match] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(
      sql`lower(trim(${rooms.name})) = ${name.toLowerCase()} AND NOT EXISTS (
        SELECT 1 FROM room_sources s WHERE s.room_id = ${rooms.id} AND s.source_key <> ${email}
          AND split_part(s.source_key, '@', 2) = ${domain})`,
    );
  return match?.id;
}

/** Room names are unique: a namesake is told apart by its building, else by its address. */
async function freeName(tx: Tx, name: string, building: string, email: string): Promise<string> {
  for (const candidate of [name, building ? `${name} (${building})` : null, `${name} (${email})`]) {
    if (candidate === null) continue;
    const [taken] = await tx.select({ id: rooms.id }).from(rooms).where(sql`lower(${rooms.name}) = ${candidate.toLowerCase()}`);
    if (!taken) return candidate;
  }
  return email;
}

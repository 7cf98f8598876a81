import { hash } from "node:crypto";
import type { Db } from "@/db/client";
import { rooms, roomSources } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { RoomHint } from "./types";

/** `roomId: null` means the feed's own room (`--room`), which the import creates if it is new. */
export type RoomResolution = { kind: "room"; roomId: number | null } | { kind: "unknown"; reason: string };

export type RoomDirectory = {
  resolve(hints: RoomHint[]): RoomResolution;
  /** The id of the feed's own room if it already exists. */
  defaultRoomId: number | null;
  /** A digest of every name and source key with its room: equal exactly when `resolve` answers alike. */
  fingerprint: string;
};

/**
 * Matches a booking's room hints against the room directory: a resource e-mail or source id first,
 * then a room name, then a LOCATION equal to a room name. Location text is only compared, never kept.
 */
export async function loadRoomDirectory(db: Db, defaultRoom: string | null): Promise<RoomDirectory> {
  const byName = new Map<string, number>();
  for (const room of await db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.active, true))) {
    byName.set(room.name.trim().toLowerCase(), room.id);
  }
  const bySource = new Map<string, number>();
  for (const source of await db.select().from(roomSources)) bySource.set(source.sourceKey.toLowerCase(), source.roomId);

  const defaultRoomId = defaultRoom === null ? null : (byName.get(defaultRoom.trim().toLowerCase()) ?? null);
  const lookUp = (hint: RoomHint): number | undefined => {
    if (hint.kind === "resource") return bySource.get(hint.email.trim().replace(/^mailto:/i, "").toLowerCase());
    if (hint.kind === "name") return byName.get(hint.name.trim().toLowerCase()) ?? bySource.get(hint.name.trim().toLowerCase());
    return byName.get(hint.text.trim().toLowerCase());
  };

  const entries = [...[...byName].map(([name, id]) => `n ${id} ${name}`), ...[...bySource].map(([key, id]) => `s ${id} ${key}`)];
  const fingerprint = hash("sha256", `${defaultRoomId ?? ""}\n${entries.sort().join("\n")}`, "hex");

  return {
    defaultRoomId,
    fingerprint,
    resolve(hints) {
      for (const hint of hints) {
        const id = lookUp(hint);
        if (id !== undefined) return { kind: "room", roomId: id };
      }
      if (defaultRoom !== null) return { kind: "room", roomId: defaultRoomId };
      const named = hints.find((hint) => hint.kind !== "location");
      if (named) {
        const label = named.kind === "name" ? named.name : "a room resource";
        return { kind: "unknown", reason: `unknown room '${label.slice(0, 60)}' (add it to the room directory, or import with --room)` };
      }
      return { kind: "unknown", reason: "names no room (no room attendee or matching location; import with --room)" };
    },
  };
}

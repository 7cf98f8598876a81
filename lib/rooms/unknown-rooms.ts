import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { integrations, rooms, roomSources, type Rejection } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/time-zones";
import { RoomNotFoundError } from "./directory";

/**
 * A room name that bookings used but the directory does not know. Found in the rejection reasons the
 * ingest pipeline keeps on each integration's latest sync run (lib/ingest/room-directory.ts writes
 * "unknown room '<name>' (…)"); only the first rejections of a run are kept, so `rejected` counts those.
 */
export type UnknownRoom = {
  /** The name as the source spells it (at most 60 characters: the reason keeps no more). */
  label: string;
  rejected: number;
  integrations: { id: number; name: string }[];
};

const UNKNOWN_ROOM = /^unknown room '(.+)' \(/;

/** The room name an "unknown room" rejection names, or null for any other reason. */
export function unknownRoomLabel(reason: string): string | null {
  return UNKNOWN_ROOM.exec(reason)?.[1]?.trim() || null;
}

const keyOf = (label: string) => label.trim().toLowerCase();

/** Names the directory resolves now (room names and source keys), lower-cased as the pipeline compares them. */
async function knownKeys(db: Db): Promise<Set<string>> {
  const [names, sources] = await Promise.all([
    db.select({ name: rooms.name }).from(rooms).where(eq(rooms.active, true)),
    db.select({ key: roomSources.sourceKey }).from(roomSources),
  ]);
  return new Set([...names.map((r) => keyOf(r.name)), ...sources.map((s) => keyOf(s.key))]);
}

type LatestRun = { integration_id: number; name: string; rejections: Rejection[] | string };

/** The latest run of every integration, where its rejections name unknown rooms. */
async function latestRejections(db: Db): Promise<{ integrationId: number; name: string; rejections: Rejection[] }[]> {
  const rows = await queryRows<LatestRun>(
    db,
    sql`SELECT DISTINCT ON (r.integration_id) r.integration_id, i.name, r.rejections
        FROM sync_runs r JOIN integrations i ON i.id = r.integration_id
        ORDER BY r.integration_id, r.started_at DESC, r.id DESC`,
  );
  // postgres.js parses jsonb; raw PGlite results may hand it over as text.
  return rows.map((row) => ({
    integrationId: row.integration_id,
    name: row.name,
    rejections: typeof row.rejections === "string" ? (JSON.parse(row.rejections) as Rejection[]) : row.rejections,
  }));
}

/**
 * Room names seen in the latest sync of each integration that the directory still does not know,
 * most rejected first. A name mapped or created since drops out at once, before the next sync.
 */
export async function listUnknownRooms(db: Db): Promise<UnknownRoom[]> {
  const [runs, known] = await Promise.all([latestRejections(db), knownKeys(db)]);
  const found = new Map<string, UnknownRoom>();
  for (const run of runs) {
    for (const rejection of run.rejections) {
      const label = unknownRoomLabel(rejection.reason);
      if (label === null || known.has(keyOf(label))) continue;
      const entry = found.get(keyOf(label)) ?? { label, rejected: 0, integrations: [] };
      entry.rejected += 1;
      if (!entry.integrations.some((i) => i.id === run.integrationId)) entry.integrations.push({ id: run.integrationId, name: run.name });
      found.set(keyOf(label), entry);
    }
  }
  return [...found.values()].sort((a, b) => b.rejected - a.rejected || a.label.localeCompare(b.label));
}

/** Why a mapping or a new room was refused; `code` lets the page say it in the reader's language. */
export class RoomMappingError extends UserError {
  override name = "RoomMappingError";
  constructor(readonly code: "empty" | "known" | "taken" | "timeZone") {
    super(`room mapping refused: ${code}`);
  }
}

/**
 * The integrations whose latest run rejected bookings for `label` start their next sync from scratch:
 * an unchanged feed would otherwise answer "not modified" (ETag) and an incremental source would never
 * send the rejected bookings again. Returns their names, for the page to suggest "sync now".
 */
async function rereadRejecting(db: Db, label: string): Promise<{ id: number; name: string }[]> {
  const rejecting = (await latestRejections(db)).filter((run) =>
    run.rejections.some((rejection) => keyOf(unknownRoomLabel(rejection.reason) ?? "") === keyOf(label)),
  );
  const ids = rejecting.map((run) => run.integrationId);
  if (ids.length > 0) await db.update(integrations).set({ cursor: null }).where(inArray(integrations.id, ids));
  return rejecting.map((run) => ({ id: run.integrationId, name: run.name }));
}

export type MappingResult = { roomId: number; resync: { id: number; name: string }[] };

/**
 * Maps an unknown room name to an existing room: a `room_sources` row, so every later sync that names
 * it finds the room. Audit-logged by room id (the name is a source's text, kept out of the log).
 */
export async function mapUnknownRoom(db: Db, input: { label: string; roomId: number }, actor: string): Promise<MappingResult> {
  const label = input.label.trim();
  if (label === "") throw new RoomMappingError("empty");
  return db.transaction(async (tx) => {
    const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, input.roomId));
    if (!room) throw new RoomNotFoundError(input.roomId);
    if ((await knownKeys(tx)).has(keyOf(label))) throw new RoomMappingError("known");
    await tx.insert(roomSources).values({ roomId: room.id, sourceKey: keyOf(label) });
    const resync = await rereadRejecting(tx, label);
    await recordAudit(tx, actor, "room.mapped", { roomId: room.id, integrations: resync.length });
    return { roomId: room.id, resync };
  });
}

/** Creates a room named as the source names it, with the time zone its bookings are in. */
export async function createRoomFromUnknown(
  db: Db,
  input: { label: string; timeZone: string; building?: string; floor?: string; capacity?: number | null },
  actor: string,
): Promise<MappingResult> {
  const label = input.label.trim();
  if (label === "") throw new RoomMappingError("empty");
  if (!isValidTimeZone(input.timeZone)) throw new RoomMappingError("timeZone");
  return db.transaction(async (tx) => {
    if ((await knownKeys(tx)).has(keyOf(label))) throw new RoomMappingError("known");
    const [taken] = await tx.select({ id: rooms.id }).from(rooms).where(sql`lower(${rooms.name}) = ${keyOf(label)}`);
    // An inactive room of that name: reactivate it in the directory instead of creating a twin.
    if (taken) throw new RoomMappingError("taken");
    const [created] = await tx
      .insert(rooms)
      .values({ name: label, timeZone: input.timeZone, building: input.building ?? "", floor: input.floor ?? "", capacity: input.capacity ?? null })
      .returning({ id: rooms.id });
    if (!created) throw new Error("room insert returned no row");
    const resync = await rereadRejecting(tx, label);
    await recordAudit(tx, actor, "room.created", { roomId: created.id, integrations: resync.length });
    return { roomId: created.id, resync };
  });
}

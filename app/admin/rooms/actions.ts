"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/viewer";
import { defaultTimeZone } from "@/lib/context";
import { parseRoomEdit, RoomInputError, RoomNotFoundError, updateRoom } from "@/lib/rooms/directory";
import { createRoomFromUnknown, mapUnknownRoom, RoomMappingError, type MappingResult } from "@/lib/rooms/unknown-rooms";
import { getDatabase } from "@/lib/server/database";

const roomId = z.coerce.number().int().positive();
const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/** Saves one room's capacity, building, floor, amenities, time zone, active and sensitive flags. */
export async function saveRoom(form: FormData): Promise<void> {
  const { user } = await requirePermission("admin.rooms.write");
  const id = roomId.safeParse(form.get("roomId"));
  if (!id.success) redirect("/admin/rooms?error=notFound");
  let changed: string[];
  try {
    const edit = parseRoomEdit({
      building: text(form, "building"),
      floor: text(form, "floor"),
      capacity: text(form, "capacity"),
      amenities: text(form, "amenities"),
      timeZone: text(form, "timeZone"),
      active: form.get("active"),
      sensitive: form.get("sensitive"),
    });
    changed = await updateRoom((await getDatabase()).db, id.data, edit, `user:${user?.id ?? 0}`);
  } catch (error) {
    if (error instanceof RoomInputError) redirect(`/admin/rooms?edit=${id.data}&invalid=${encodeURIComponent(error.fields.join(","))}#edit`);
    if (error instanceof RoomNotFoundError) redirect("/admin/rooms?error=notFound");
    throw error;
  }
  revalidatePath("/admin/rooms");
  redirect(`/admin/rooms?saved=${changed.length}&room=${id.data}`);
}

function afterMapping(result: MappingResult): never {
  revalidatePath("/admin/rooms");
  revalidatePath("/admin/integrations");
  redirect(`/admin/rooms?mapped=${result.roomId}&resync=${result.resync.map((i) => i.id).join(",")}#unknown`);
}

function refused(error: unknown): never {
  if (error instanceof RoomMappingError) redirect(`/admin/rooms?error=${error.code}#unknown`);
  if (error instanceof RoomNotFoundError) redirect("/admin/rooms?error=notFound#unknown");
  throw error;
}

/** Maps an unknown room name from the bookings to an existing room (a new room_sources row). */
export async function mapRoom(form: FormData): Promise<void> {
  const { user } = await requirePermission("admin.rooms.write");
  const id = roomId.safeParse(form.get("roomId"));
  if (!id.success) redirect("/admin/rooms?error=notFound#unknown");
  let result: MappingResult;
  try {
    result = await mapUnknownRoom((await getDatabase()).db, { label: text(form, "label"), roomId: id.data }, `user:${user?.id ?? 0}`);
  } catch (error) {
    refused(error);
  }
  afterMapping(result);
}

/** Creates a room from an unknown room name, in the time zone given (default: the server's). */
export async function createRoom(form: FormData): Promise<void> {
  const { user } = await requirePermission("admin.rooms.write");
  const zone = text(form, "timeZone").trim() || defaultTimeZone();
  let result: MappingResult;
  try {
    result = await createRoomFromUnknown((await getDatabase()).db, { label: text(form, "label"), timeZone: zone }, `user:${user?.id ?? 0}`);
  } catch (error) {
    refused(error);
  }
  afterMapping(result);
}

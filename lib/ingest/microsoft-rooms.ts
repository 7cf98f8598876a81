import { z } from "zod";
import type { DirectoryRoom } from "./directory-sync";
import { GraphApiError, graphErrorCode, type GraphApi } from "./microsoft-http";

/** A `microsoft.graph.room` place: the fields a room directory needs (Graph sends null for unset ones). */
const graphRoom = z.object({
  emailAddress: z.string().nullish(),
  displayName: z.string().nullish(),
  capacity: z.number().int().nullish(),
  building: z.string().nullish(),
  floorNumber: z.number().int().nullish(),
  floorLabel: z.string().nullish(),
});

const roomPage = z.object({ value: z.array(graphRoom), "@odata.nextLink": z.string().optional() });

/**
 * The tenant's room mailboxes from `GET /places/microsoft.graph.room`, following `@odata.nextLink`.
 * A place without a mailbox address cannot be synced and is left out.
 */
export async function listMicrosoftRooms(api: GraphApi): Promise<DirectoryRoom[]> {
  const rooms: DirectoryRoom[] = [];
  let link: string | undefined = `${api.graphBaseUrl}/places/microsoft.graph.room`;
  while (link) {
    const response = await api.get(new URL(link));
    if (response.status !== 200) {
      throw new GraphApiError(
        response.status,
        `Microsoft Graph's room list answered ${response.status} ${graphErrorCode(response.body)} (the app needs the Place.Read.All application permission)`,
      );
    }
    const page = roomPage.safeParse(response.body);
    if (!page.success) throw new GraphApiError(200, "Microsoft Graph answered the room list with a page this sync cannot read");
    for (const room of page.data.value) {
      if (!room.emailAddress) continue;
      rooms.push({
        email: room.emailAddress.toLowerCase(),
        name: room.displayName ?? room.emailAddress,
        building: room.building ?? "",
        floor: room.floorLabel ?? (typeof room.floorNumber === "number" ? String(room.floorNumber) : ""),
        capacity: typeof room.capacity === "number" && room.capacity > 0 ? room.capacity : null,
      });
    }
    link = page.data["@odata.nextLink"];
    if (link && !api.isGraphLink(link)) throw new GraphApiError(200, "Microsoft Graph's next page link points outside Graph; not followed");
  }
  return rooms;
}

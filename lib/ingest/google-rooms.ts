import { z } from "zod";
import type { DirectoryRoom } from "./directory-sync";
import { GoogleApiError, googleErrorReason, type GoogleApi } from "./google-http";

/** An Admin SDK `resources.calendars` entry: only the fields a room directory needs. */
const calendarResource = z.object({
  resourceEmail: z.string().min(1),
  resourceName: z.string().optional(),
  resourceCategory: z.string().optional(),
  capacity: z.number().int().optional(),
  buildingId: z.string().optional(),
  floorName: z.string().optional(),
});

const resourcePage = z.object({
  items: z.array(calendarResource).optional(),
  nextPageToken: z.string().optional(),
});

/**
 * The Workspace's conference rooms from the Admin SDK (`resources.calendars`, every page). Other
 * resources (projectors, desks, "OTHER") are not rooms. `buildingId` is the building's id in the
 * Admin console; the console's building names are a separate API this sync does not call.
 */
export async function listGoogleRooms(api: GoogleApi): Promise<DirectoryRoom[]> {
  const rooms: DirectoryRoom[] = [];
  let pageToken: string | undefined;
  do {
    const url = new URL(`${api.directoryBaseUrl}/customer/${encodeURIComponent(api.customer)}/resources/calendars`);
    url.searchParams.set("maxResults", "500");
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const response = await api.get(url);
    if (response.status !== 200) {
      throw new GoogleApiError(
        response.status,
        `Google's room directory answered ${response.status} ${googleErrorReason(response.body)} ` +
          "(the impersonated user must be an admin, and delegation must grant the resource-calendar scope)",
      );
    }
    const page = resourcePage.safeParse(response.body);
    if (!page.success) throw new GoogleApiError(200, "Google's room directory answered with a page this sync cannot read");
    for (const resource of page.data.items ?? []) {
      if (resource.resourceCategory !== "CONFERENCE_ROOM") continue;
      rooms.push({
        email: resource.resourceEmail.toLowerCase(),
        name: resource.resourceName ?? resource.resourceEmail,
        building: resource.buildingId ?? "",
        floor: resource.floorName ?? "",
        // A capacity of 0 means "not set" in the Admin console; as seats it would divide by zero.
        capacity: resource.capacity !== undefined && resource.capacity > 0 ? resource.capacity : null,
      });
    }
    pageToken = page.data.nextPageToken;
  } while (pageToken);
  return rooms;
}

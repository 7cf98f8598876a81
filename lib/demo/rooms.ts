import { csvLine } from "./csv";
import type { BuildingKey, DemoRoom, DemoSource, RoomUse } from "./types";

type Building = { key: BuildingKey; name: string; timeZone: string; source: DemoSource };

/**
 * Two sites in two zones, so every "local time" in the product is exercised with a real offset:
 * Harbour House runs a booking tool with check-in panels (CSV export), Canal Works publishes each
 * room mailbox as an ICS feed.
 */
export const buildings: Record<BuildingKey, Building> = {
  harbour: { key: "harbour", name: "Harbour House", timeZone: "Europe/London", source: "csv" },
  canal: { key: "canal", name: "Canal Works", timeZone: "Europe/Amsterdam", source: "ics" },
};

const AV = ["screen", "whiteboard", "video"];

// [building, floor, name, capacity, amenities, use]
const directory: [BuildingKey, string, string, number, string[], RoomUse][] = [
  ["harbour", "1", "Polaris", 2, [], "normal"],
  ["harbour", "1", "Sirius", 2, ["screen"], "normal"],
  // Behind the loading bay: booked by one team only, so the small-group rule hides it.
  ["harbour", "1", "Cygnus", 4, ["whiteboard"], "rare"],
  ["harbour", "1", "Lyra", 4, ["screen", "whiteboard"], "normal"],
  ["harbour", "1", "Andromeda", 12, [...AV, "accessible"], "oversized"],
  ["harbour", "2", "Altair", 2, [], "normal"],
  ["harbour", "2", "Deneb", 2, ["screen"], "normal"],
  ["harbour", "2", "Draco", 4, ["screen", "video"], "normal"],
  ["harbour", "2", "Vega", 6, [...AV, "accessible"], "preferred"],
  // Windowless, no screen: its peers on the same floor take the bookings.
  ["harbour", "2", "Hydra", 6, ["whiteboard"], "avoided"],
  ["harbour", "2", "Carina", 8, AV, "normal"],
  ["harbour", "3", "Rigel", 2, [], "normal"],
  ["harbour", "3", "Capella", 2, ["screen"], "normal"],
  ["harbour", "3", "Phoenix", 4, ["screen", "whiteboard"], "normal"],
  ["harbour", "3", "Orion", 6, AV, "normal"],
  ["harbour", "3", "Perseus", 6, ["screen", "whiteboard"], "normal"],
  ["harbour", "3", "Aquila", 10, AV, "normal"],
  // The HR office's meeting room: marked sensitive when the demo loads (sensitiveDemoRoom).
  ["harbour", "4", "Pegasus", 4, ["screen"], "normal"],
  ["harbour", "4", "Lynx", 8, AV, "normal"],
  ["harbour", "4", "Cassiopeia", 16, [...AV, "accessible"], "normal"],
  ["canal", "0", "Westerdok", 20, [...AV, "accessible"], "normal"],
  ["canal", "0", "Oosterdok", 10, AV, "normal"],
  ["canal", "0", "Magere Brug", 2, [], "normal"],
  ["canal", "0", "Blauwbrug", 2, ["screen"], "normal"],
  ["canal", "1", "Singel", 4, ["screen", "whiteboard", "video"], "preferred"],
  ["canal", "1", "Herengracht", 8, AV, "normal"],
  ["canal", "1", "Keizersgracht", 6, AV, "normal"],
  ["canal", "1", "Torensluis", 2, [], "normal"],
  // No screen and next to the kitchen.
  ["canal", "1", "Bloemgracht", 4, ["whiteboard"], "avoided"],
  ["canal", "2", "Prinsengracht", 6, AV, "normal"],
  ["canal", "2", "Brouwersgracht", 4, ["screen", "whiteboard"], "normal"],
  ["canal", "2", "Leidsegracht", 6, ["screen", "whiteboard"], "normal"],
  ["canal", "2", "Hogesluis", 2, ["screen"], "normal"],
  ["canal", "2", "Entrepotdok", 12, AV, "oversized"],
  ["canal", "3", "Lauriergracht", 4, ["screen"], "normal"],
  ["canal", "3", "Reguliersgracht", 8, AV, "normal"],
  ["canal", "3", "Egelantiersgracht", 6, ["screen", "whiteboard"], "normal"],
  ["canal", "3", "Berlagebrug", 2, [], "normal"],
  ["canal", "3", "Amstel", 18, [...AV, "accessible"], "normal"],
  ["canal", "3", "Spiegelgracht", 4, ["screen", "video"], "normal"],
];

/**
 * The demo's sensitive room (executive, HR, health: lib/analytics/sensitive-rooms.ts). The room
 * directory CSV has no such column — an admin marks a room — so the demo loader marks it after import.
 */
export const sensitiveDemoRoom = { building: buildings.harbour.name, name: "Pegasus" } as const;

export function listDemoRooms(): DemoRoom[] {
  return directory.map(([key, floor, name, capacity, amenities, use]) => {
    const building = buildings[key];
    const slug = `${key}-${floor}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    return {
      name,
      slug,
      building: building.name,
      buildingKey: key,
      floor,
      capacity,
      amenities,
      timeZone: building.timeZone,
      resourceEmail: `room.${slug}@example.com`,
      source: building.source,
      use,
    };
  });
}

export const roomsCsvHeader = [
  "name",
  "building",
  "floor",
  "capacity",
  "amenities",
  "time_zone",
  "resource_email",
] as const;

export function formatRoomsCsv(rooms: readonly DemoRoom[]): string {
  const lines = [csvLine(roomsCsvHeader)];
  for (const room of rooms) {
    lines.push(
      csvLine([
        room.name,
        room.building,
        room.floor,
        room.capacity,
        room.amenities.join(";"),
        room.timeZone,
        room.resourceEmail,
      ]),
    );
  }
  return lines.join("\n") + "\n";
}

import type { RoomUtilisation } from "@/lib/analytics/types";
import { RoomChart, type RoomChartRow } from "./room-chart";
import { RoomTable } from "./room-table";

/** Highest utilisation first; suppressed rooms have no value to rank by, so they go last, by name. */
export function sortRoomsByUtilisation(rooms: readonly RoomUtilisation[]): RoomUtilisation[] {
  return [...rooms].sort((a, b) => {
    const ua = a.suppressed ? null : a.utilisation;
    const ub = b.suppressed ? null : b.utilisation;
    if (ua !== null && ub !== null && ua !== ub) return ub - ua;
    if (ua === null && ub !== null) return 1;
    if (ub === null && ua !== null) return -1;
    return a.name.localeCompare(b.name, "en") || a.id - b.id;
  });
}

export function RoomUtilisationSection({ rooms, minGroupSize }: { rooms: RoomUtilisation[]; minGroupSize: number }) {
  const sorted = sortRoomsByUtilisation(rooms);
  // Only what the chart draws crosses to the client; counts stay in the server-rendered table.
  const chartRows: RoomChartRow[] = sorted.map((room) => ({
    key: String(room.id),
    name: room.name,
    place: [room.building, room.floor && `floor ${room.floor}`].filter(Boolean).join(" · "),
    utilisation: room.suppressed ? null : room.utilisation,
    suppressed: room.suppressed || room.utilisation === null,
  }));

  return (
    <section className="card" aria-labelledby="rooms-heading">
      <header className="card__header">
        <h2 id="rooms-heading">Utilisation by room</h2>
        <p className="card__sub">Share of each room&rsquo;s working hours that was booked, highest first.</p>
      </header>
      <div
        className="scroll-y chart-frame"
        data-testid="room-chart"
        role="region"
        aria-label="Room utilisation chart (same figures as the table below)"
        tabIndex={0}
      >
        <RoomChart rows={chartRows} minGroupSize={minGroupSize} />
      </div>
      <RoomTable rooms={sorted} minGroupSize={minGroupSize} />
    </section>
  );
}

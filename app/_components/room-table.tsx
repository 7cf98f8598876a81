import type { RoomUtilisation } from "@/lib/analytics/types";
import { formatHours, formatInteger, formatPercent, suppressedNote } from "./format";

export function RoomTable({ rooms, minGroupSize }: { rooms: RoomUtilisation[]; minGroupSize: number }) {
  const note = suppressedNote(minGroupSize);
  // A suppressed room's figures are replaced in words, never by 0 or an empty cell.
  const cell = (room: RoomUtilisation, value: number | null, format: (v: number) => string) =>
    room.suppressed || value === null ? <span className="suppressed-text">{note}</span> : format(value);

  return (
    <div className="scroll-y table-frame" role="region" aria-labelledby="room-table-caption" tabIndex={0}>
      <table className="data-table" data-testid="room-table">
        <caption id="room-table-caption" className="visually-hidden">
          Utilisation by room, highest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Room</th>
            <th scope="col">Building</th>
            <th scope="col">Floor</th>
            <th scope="col" className="num">
              Seats
            </th>
            <th scope="col" className="num">
              Bookings
            </th>
            <th scope="col" className="num">
              Booked hours
            </th>
            <th scope="col" className="num">
              Utilisation
            </th>
          </tr>
        </thead>
        <tbody>
          {rooms.map((room) => (
            <tr key={room.id} data-suppressed={room.suppressed}>
              <th scope="row">{room.name}</th>
              <td>{room.building}</td>
              <td>{room.floor}</td>
              <td className="num">
                {room.capacity === null ? <span className="muted">unknown</span> : formatInteger(room.capacity)}
              </td>
              <td className="num">{cell(room, room.bookings, formatInteger)}</td>
              <td className="num">{cell(room, room.bookedHours, formatHours)}</td>
              <td className="num">{cell(room, room.utilisation, formatPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

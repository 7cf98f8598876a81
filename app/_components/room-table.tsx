import type { RoomRow, RoomText } from "./room-rows";

type Props = { rows: RoomRow[]; text: RoomText };

/**
 * The room chart's figures as a table, for screen readers and keyboard users. Rendered by the same client
 * leaf as the chart (from the same rows), so the rows are sent once; its HTML comes from the server as before.
 */
export function RoomTable({ rows, text }: Props) {
  const [room, building, floor, seats, bookings, bookedHours, utilisation] = text.columns;
  // A suppressed room's figures are replaced in words, never by 0 or an empty cell.
  const cell = (value: string | null) => value ?? <span className="suppressed-text">{text.suppressedNote}</span>;

  return (
    <div className="scroll-y table-frame" role="region" aria-labelledby="room-table-caption" tabIndex={0}>
      <table className="data-table" data-testid="room-table">
        <caption id="room-table-caption" className="visually-hidden">
          {text.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{room}</th>
            <th scope="col">{building}</th>
            <th scope="col">{floor}</th>
            <th scope="col" className="num">
              {seats}
            </th>
            <th scope="col" className="num">
              {bookings}
            </th>
            <th scope="col" className="num">
              {bookedHours}
            </th>
            <th scope="col" className="num">
              {utilisation}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, name, roomBuilding, roomFloor, roomSeats, roomBookings, roomHours, share, shareText]) => (
            <tr key={key} data-suppressed={share === null}>
              <th scope="row">{name}</th>
              <td>{roomBuilding}</td>
              <td>{roomFloor}</td>
              <td className="num">{roomSeats ?? <span className="muted">{text.unknown}</span>}</td>
              <td className="num">{cell(roomBookings)}</td>
              <td className="num">{cell(roomHours)}</td>
              <td className="num">{cell(shareText)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

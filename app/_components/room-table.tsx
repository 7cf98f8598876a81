import type { RoomUtilisation } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";

type Props = {
  rooms: RoomUtilisation[];
  t: Dictionary["dashboard"]["rooms"];
  suppressedNote: string;
  format: Formatters;
};

export function RoomTable({ rooms, t, suppressedNote, format }: Props) {
  // A suppressed room's figures are replaced in words, never by 0 or an empty cell.
  const cell = (room: RoomUtilisation, value: number | null, write: (v: number) => string) =>
    room.suppressed || value === null ? <span className="suppressed-text">{suppressedNote}</span> : write(value);

  return (
    <div className="scroll-y table-frame" role="region" aria-labelledby="room-table-caption" tabIndex={0}>
      <table className="data-table" data-testid="room-table">
        <caption id="room-table-caption" className="visually-hidden">
          {t.tableCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.room}</th>
            <th scope="col">{t.building}</th>
            <th scope="col">{t.floorColumn}</th>
            <th scope="col" className="num">
              {t.seats}
            </th>
            <th scope="col" className="num">
              {t.bookings}
            </th>
            <th scope="col" className="num">
              {t.bookedHours}
            </th>
            <th scope="col" className="num">
              {t.utilisation}
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
                {room.capacity === null ? <span className="muted">{t.unknown}</span> : format.integer(room.capacity)}
              </td>
              <td className="num">{cell(room, room.bookings, format.integer)}</td>
              <td className="num">{cell(room, room.bookedHours, format.hours)}</td>
              <td className="num">{cell(room, room.utilisation, format.percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

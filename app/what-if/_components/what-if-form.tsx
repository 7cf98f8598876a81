import { capacityBandIds } from "@/lib/analytics/bands";
import type { RoomLabel } from "@/lib/analytics/room-filter";
import { ADD_ROWS, MAX_ADDED_PER_ROW, type WhatIfInput } from "@/lib/analytics/what-if-input";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";

type Props = {
  input: WhatIfInput;
  rooms: RoomLabel[];
  buildings: string[];
  t: Dictionary["whatIf"];
  format: Formatters;
};

/**
 * A plain GET form: the scenario lives in the URL, so it works without JavaScript and a what-if can
 * be bookmarked or sent to a colleague. Rooms to remove are one multi-select grouped by building; rooms
 * to add are a fixed number of rows (building, band, count) that arrive as aligned lists.
 */
export function WhatIfForm({ input, rooms, buildings, t, format }: Props) {
  const buildingName = (building: string) => building || t.noBuildingName;
  return (
    <form method="get" action="/what-if" className="card" data-testid="what-if-form">
      <fieldset className="form-row">
        <legend>{t.periodLegend}</legend>
        <div className="field">
          <label htmlFor="what-if-from">{t.from}</label>
          <input id="what-if-from" type="date" name="from" defaultValue={input.range.from} required />
        </div>
        <div className="field">
          <label htmlFor="what-if-to">{t.to}</label>
          <input id="what-if-to" type="date" name="to" defaultValue={input.range.to} required />
        </div>
      </fieldset>

      <div className="form-row">
        <label htmlFor="what-if-remove">{t.removeLegend}</label>
        <select
          id="what-if-remove"
          name="remove"
          multiple
          size={Math.min(12, rooms.length + buildings.length)}
          defaultValue={input.removed.map(String)}
          aria-describedby="what-if-remove-hint"
        >
          {buildings.map((building) => (
            <optgroup key={building} label={buildingName(building)}>
              {rooms
                .filter((room) => room.building === building)
                .map((room) => (
                  <option key={room.id} value={room.id}>
                    {room.capacity === null ? t.roomOptionUnknown(room.name) : t.roomOption(room.name, format.integer(room.capacity))}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <span className="hint" id="what-if-remove-hint">
          {t.removeHint}
        </span>
      </div>

      <fieldset className="form-row">
        <legend>{t.addLegend}</legend>
        <p className="hint">{t.addHint}</p>
        {Array.from({ length: ADD_ROWS }, (_, row) => {
          const chosen = input.added[row];
          return (
            <div key={row} className="inline-form" role="group" aria-label={t.addRow(row + 1)}>
              <label htmlFor={`add-building-${row}`}>{t.building}</label>
              <select id={`add-building-${row}`} name="addBuilding" defaultValue={chosen?.building ?? buildings[0] ?? ""}>
                {buildings.map((building) => (
                  <option key={building} value={building}>
                    {buildingName(building)}
                  </option>
                ))}
              </select>
              <label htmlFor={`add-band-${row}`}>{t.band}</label>
              <select id={`add-band-${row}`} name="addBand" defaultValue={chosen?.band ?? "5-8"}>
                {capacityBandIds.map((band) => (
                  <option key={band} value={band}>
                    {t.bandOption(band)}
                  </option>
                ))}
              </select>
              <label htmlFor={`add-count-${row}`}>{t.count}</label>
              <input id={`add-count-${row}`} name="addCount" type="number" min={1} max={MAX_ADDED_PER_ROW} defaultValue={chosen?.count ?? ""} />
            </div>
          );
        })}
      </fieldset>

      <button type="submit" className="button button--primary">
        {t.submit}
      </button>
    </form>
  );
}

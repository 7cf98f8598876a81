import type { WhatIfFigures } from "@/lib/analytics/what-if-suppression";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";

type Props = { result: WhatIfFigures; t: Dictionary["whatIf"]; common: Dictionary["common"]; format: Formatters };

/** The result in words: what the tables show, as sentences a planner can quote. */
export function WhatIfSummary({ result, t, common, format }: Props) {
  const k = result.minGroupSize;
  const side = (value: { rooms: number; pressure: number | null; suppressed: boolean }) =>
    value.rooms === 0 ? t.noRooms : value.pressure === null ? common.suppressed : format.percent(value.pressure);
  const added = result.added.map((rooms) => t.addedRooms(rooms.count, rooms.band, rooms.building || t.noBuildingName)).join(", ");
  const bands = result.pressure.filter((group) => group.building === null);

  return (
    <div data-testid="what-if-summary">
      {result.removed.length === 0 ? (
        <p>{t.summaryNoneRemoved}</p>
      ) : (
        <p>
          {t.summaryRemoved(result.removed.map((room) => room.name).join(", "))}{" "}
          {result.displaced.bookings === null ? t.summaryDisplacedHidden(k) : t.summaryDisplaced(format.integer(result.displaced.bookings))}{" "}
          {result.unfitted.bookings === null ? t.summaryUnfittedHidden(k) : t.summaryUnfitted(format.integer(result.unfitted.bookings))}
        </p>
      )}
      {added && <p>{t.summaryAdded(added)}</p>}
      <ul>
        {bands.map((group) => (
          <li key={group.band}>{t.summaryPressure(group.band, side(group.current), side(group.next))}</li>
        ))}
      </ul>
    </div>
  );
}

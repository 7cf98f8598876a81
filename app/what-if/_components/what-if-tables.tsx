import type { ShownCount, WhatIfFigures } from "@/lib/analytics/what-if-suppression";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatClock, type Formatters } from "@/lib/i18n/format";

type Props = { result: WhatIfFigures; t: Dictionary["whatIf"]; common: Dictionary["common"]; format: Formatters };

/** The what-if's figures as tables; a suppressed value is said in words, never left blank or zero. */
export function WhatIfTables({ result, t, common, format }: Props) {
  const hidden = <span className="suppressed-text">{common.suppressedNote(result.minGroupSize)}</span>;
  const count = (value: ShownCount) => (value.bookings === null ? hidden : format.integer(value.bookings));
  const pressure = (value: { rooms: number; pressure: number | null }) =>
    value.rooms === 0 ? <span className="muted">{t.noRooms}</span> : value.pressure === null ? hidden : format.percent(value.pressure);
  const firstHour = Math.floor(result.workday.startMinute / 60);
  const lastHour = Math.floor((result.workday.endMinute - 1) / 60);
  // Working hours always; an hour outside them only when it has something to show.
  const hours = result.unfittedByHour.filter((h) => (h.hour >= firstHour && h.hour <= lastHour) || !h.suppressed);
  const days = result.unfittedByDay.filter((d) => !d.suppressed);
  const outcomes = [
    [t.displaced, result.displaced],
    [t.sameBuilding, result.sameBuilding],
    [t.otherBuilding, result.otherBuilding],
    [t.unfitted, result.unfitted],
  ] as const;

  return (
    <>
      <div className="table-frame">
        <table className="data-table" data-testid="what-if-outcomes">
          <caption>{t.outcomeCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.outcome}</th>
              <th scope="col" className="num">
                {t.bookings}
              </th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map(([label, value]) => (
              <tr key={label} data-suppressed={value.suppressed}>
                <th scope="row">{label}</th>
                <td className="num">{count(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t.pressureHeading}</h3>
      <div className="table-frame">
        <table className="data-table" data-testid="what-if-pressure">
          <caption>{t.pressureCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.band}</th>
              <th scope="col">{t.building}</th>
              <th scope="col" className="num">{t.roomsNow}</th>
              <th scope="col" className="num">{t.pressureNow}</th>
              <th scope="col" className="num">{t.roomsAfter}</th>
              <th scope="col" className="num">{t.pressureAfter}</th>
            </tr>
          </thead>
          <tbody>
            {result.pressure.map((group) => (
              <tr key={`${group.band} ${group.building ?? ""} ${group.building === null}`}>
                <th scope="row">{t.bandOption(group.band)}</th>
                <td>{group.building === null ? t.allBuildings : group.building || t.noBuildingName}</td>
                <td className="num">{format.integer(group.current.rooms)}</td>
                <td className="num">{pressure(group.current)}</td>
                <td className="num">{format.integer(group.next.rooms)}</td>
                <td className="num">{pressure(group.next)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t.whenHeading}</h3>
      <p className="muted">{t.whenIntro}</p>
      <div className="table-frame">
        <table className="data-table" data-testid="what-if-by-hour">
          <caption>{t.byHourCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.hour}</th>
              <th scope="col" className="num">{t.bookings}</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.hour} data-suppressed={h.suppressed}>
                <th scope="row">{formatClock(h.hour * 60)}</th>
                <td className="num">{count(h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {days.length === 0 ? (
        <p className="muted">{t.noDayShown}</p>
      ) : (
        <div className="table-frame">
          <table className="data-table" data-testid="what-if-by-day">
            <caption>{t.byDayCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.day}</th>
                <th scope="col" className="num">{t.bookings}</th>
                <th scope="col">{t.hours}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{format.dayRange({ from: d.day, to: d.day })}</th>
                  <td className="num">{count(d)}</td>
                  <td>
                    {d.hours.flatMap((value, hour) => (value === null ? [] : [`${formatClock(hour * 60)} (${format.integer(value)})`])).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

"use client";

// The room chart and its table from one set of rows. The chart must be a client component (it draws in
// the browser), and whatever a client component gets is sent along with the page; the table rendered
// beside it on the server would send every room a second time, as elements (most of the dashboard's
// bytes and render time). Here the rows travel once and the server still renders the table's HTML, so
// the page reads the same without JavaScript.
import { RoomChart } from "./room-chart";
import type { RoomRow, RoomText } from "./room-rows";
import { RoomTable } from "./room-table";

type Props = { rows: RoomRow[]; text: RoomText; chartLabel: string };

export function RoomFigures({ rows, text, chartLabel }: Props) {
  return (
    <>
      <div className="scroll-y chart-frame" data-testid="room-chart" role="region" aria-label={chartLabel} tabIndex={0}>
        <RoomChart rows={rows} text={text.chart} suppressedNote={text.suppressedNote} />
      </div>
      <RoomTable rows={rows} text={text} />
    </>
  );
}

import type { RoomUtilisation } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";

/**
 * One room as the room chart and the room table both show it, already in the reader's words. A tuple,
 * not an object: the rows cross to the browser once for both (the chart draws there) and a dashboard
 * lists every room, so key names repeated per row would be most of the bytes. A null figure is shown
 * as suppressed in words, never as 0; a null seat count as "unknown".
 */
export type RoomRow = [
  key: string,
  name: string,
  building: string,
  floor: string,
  seats: string | null,
  bookings: string | null,
  bookedHours: string | null,
  /** 0–1, drawn as the bar; null when suppressed. */
  utilisation: number | null,
  utilisationText: string | null,
];

/** Where a translated sentence takes its one value: dictionary functions cannot cross to the client. */
export const SLOT = "\u0000";

/** Every word of the section, once. Sentences with a value carry SLOT where the value goes. */
export type RoomText = {
  caption: string;
  columns: [room: string, building: string, floor: string, seats: string, bookings: string, bookedHours: string, utilisation: string];
  unknown: string;
  suppressedNote: string;
  chart: {
    title: string;
    description: string;
    /** Written across a suppressed room's hatched band. */
    suppressed: string;
    /** The x-axis ticks, each with its label in the reader's number format. */
    ticks: { value: number; label: string }[];
    /** "SLOT utilised": the tooltip's line for a shown room. */
    utilised: string;
    /** "floor SLOT": the floor in the tooltip's place line. */
    floor: string;
  };
};

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** The rows in the given order. A suppressed room's figures are all withheld, as the table always showed them. */
export function toRoomRows(rooms: readonly RoomUtilisation[], format: Formatters): RoomRow[] {
  const figure = (room: RoomUtilisation, value: number | null, write: (v: number) => string) =>
    room.suppressed || value === null ? null : write(value);
  return rooms.map((room) => [
    String(room.id),
    room.name,
    room.building,
    room.floor,
    room.capacity === null ? null : format.integer(room.capacity),
    figure(room, room.bookings, format.integer),
    figure(room, room.bookedHours, format.hours),
    room.suppressed ? null : room.utilisation,
    figure(room, room.utilisation, format.percent),
  ]);
}

export function roomText(t: Dictionary["dashboard"]["rooms"], suppressed: { word: string; note: string }, format: Formatters): RoomText {
  return {
    caption: t.tableCaption,
    columns: [t.room, t.building, t.floorColumn, t.seats, t.bookings, t.bookedHours, t.utilisation],
    unknown: t.unknown,
    suppressedNote: suppressed.note,
    chart: {
      title: t.chartTitle,
      description: t.chartDescription,
      suppressed: suppressed.word,
      ticks: TICKS.map((value) => ({ value, label: format.percent(value) })),
      utilised: t.utilised(SLOT),
      floor: t.floor(SLOT),
    },
  };
}

export function fillSlot(sentence: string, value: string): string {
  return sentence.replace(SLOT, value);
}

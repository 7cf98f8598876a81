import { csvLine } from "./csv";
import type { Rng } from "./random";
import type { LocalTime } from "./time";
import { expandSeries } from "./series";
import type { RoomSchedule, Single } from "./types";

export const bookingsCsvHeader = [
  "id",
  "room",
  "start",
  "end",
  "organizer_email",
  "attendee_count",
  "status",
  "checked_in_at",
  "booked_at",
  "private",
  "recurring",
] as const;

type Row = { single: Single; room: string; recurring: boolean; status: string; checkedInAt: LocalTime | null };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The booking tool's export. Its door panels record check-ins, so past bookings are either
 * checked in a few minutes after the start or auto-released as no-shows; recurring bookings
 * (the forgotten weekly slot) and bookings made weeks ahead are ghosted more often.
 */
export function formatBookingsCsv(rng: Rng, schedules: readonly RoomSchedule[], now: LocalTime): string {
  const rows: Row[] = [];
  for (const schedule of schedules) {
    const roomRng = rng.fork(schedule.room.name);
    // The boardroom is booked "just in case" more than any other room.
    const ghostFactor = schedule.room.capacity >= 16 ? 1.35 : 0.85 + roomRng.next() * 0.3;
    const occurrences = [
      ...schedule.singles.filter((s) => !s.allDay).map((single) => ({ single, recurring: false })),
      ...schedule.series.flatMap((series) => expandSeries(series).map((single) => ({ single, recurring: true }))),
    ];
    for (const { single, recurring } of occurrences) {
      let status: string = single.status;
      let checkedInAt: LocalTime | null = null;
      // Panels auto-release a booking 15 minutes after its start when nobody checked in.
      if (single.status === "confirmed" && single.start.ms + 15 * 60_000 <= now.ms) {
        const leadDays = single.start.daysSince(single.bookedAt);
        const rate = ((recurring ? 0.4 : 0.26) + (leadDays > 14 ? 0.06 : 0)) * ghostFactor;
        if (roomRng.chance(rate)) status = "no_show";
        else {
          const seconds = roomRng.weighted([
            [roomRng.int(0, 120), 30],
            [roomRng.int(121, 360), 50],
            [roomRng.int(361, 840), 20],
          ]);
          checkedInAt = single.start.plusSeconds(seconds);
        }
      }
      rows.push({ single, room: schedule.room.name, recurring, status, checkedInAt });
    }
  }

  // Ids follow booking order, as a booking tool's sequence would.
  rows.sort(
    (a, b) =>
      a.single.bookedAt.ms - b.single.bookedAt.ms ||
      a.single.start.ms - b.single.start.ms ||
      compare(a.room, b.room),
  );
  const ids = new Map(rows.map((row, i) => [row, `BK-${String(100001 + i)}`]));
  rows.sort(
    (a, b) =>
      a.single.start.ms - b.single.start.ms ||
      compare(a.room, b.room) ||
      compare(ids.get(a) ?? "", ids.get(b) ?? ""),
  );

  const lines = [csvLine(bookingsCsvHeader)];
  for (const row of rows) {
    const { single } = row;
    lines.push(
      csvLine([
        ids.get(row) ?? "",
        row.room,
        single.start.toIso(),
        single.end.toIso(),
        single.meeting.organizer.email,
        single.meeting.guests.length + 1,
        row.status,
        row.checkedInAt ? row.checkedInAt.toIso() : "",
        single.bookedAt.toIso(),
        single.meeting.private,
        row.recurring,
      ]),
    );
  }
  return lines.join("\n") + "\n";
}

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { personEmail, type SyntheticBooking } from "./synthetic-bookings";
import { isoMinute } from "./timestamps";

/** A room-booking tool's export (Teem, Robin, Condeco…): the columns the CSV connector maps by default. */
export const BOOKINGS_CSV_HEADER = "id,room,start,end,organizer_email,attendee_count,status,checked_in_at,booked_at,private,recurring";

export function toBookingsCsvLine(b: SyntheticBooking): string {
  const checkedIn = b.checkedInMinute === null ? "" : isoMinute(b.checkedInMinute);
  return `bk-${b.id},${b.room.name},${isoMinute(b.startMinute)},${isoMinute(b.endMinute)},${personEmail(b.person)},${
    b.attendees
  },${b.status},${checkedIn},${isoMinute(b.bookedAtMinute)},${b.private},${b.recurring}\n`;
}

/** Streams the bookings to `file` as CSV, ~1 MB per write, honouring back-pressure; returns the rows written. */
export async function writeBookingsCsv(file: string, bookings: Iterable<SyntheticBooking>): Promise<number> {
  const out = createWriteStream(file);
  let rows = 0;
  let chunk = `${BOOKINGS_CSV_HEADER}\n`;
  for (const booking of bookings) {
    chunk += toBookingsCsvLine(booking);
    rows += 1;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return rows;
}

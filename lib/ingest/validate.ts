import type { RawBooking } from "./types";

/** Longer than this is not a meeting but a mistake or a block-out; it would distort every metric. */
export const MAX_BOOKING_HOURS = 24;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Returns why a booking cannot be stored, or null when it can. */
export function findBookingProblem(booking: RawBooking): string | null {
  const start = booking.start.getTime();
  const end = booking.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return "start or end is not a valid time";
  if (end <= start) return `ends before it starts (${booking.start.toISOString()} → ${booking.end.toISOString()})`;
  if (start < EARLIEST || start >= LATEST) return `starts ${booking.start.toISOString()}, outside the years 2000–2099`;
  const hours = (end - start) / 3_600_000;
  if (hours > MAX_BOOKING_HOURS) {
    return `lasts ${Math.round(hours)} hours; bookings longer than ${MAX_BOOKING_HOURS} hours are not meetings`;
  }
  if (booking.attendeeCount !== null && (!Number.isInteger(booking.attendeeCount) || booking.attendeeCount < 0)) {
    return `attendee count ${booking.attendeeCount} is not a whole number ≥ 0`;
  }
  return null;
}

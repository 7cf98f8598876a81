import type { WebhookBatch, WebhookBooking } from "./webhook-schema";
import type { Connector, RawBooking, RoomHint, SourceRecord } from "./types";

/** A room given as an address is looked up by address first, then as a name; anything else by name. */
export function webhookRoomHints(room: string): RoomHint[] {
  const name: RoomHint = { kind: "name", name: room };
  return room.includes("@") ? [{ kind: "resource", email: room }, name] : [name];
}

/** Positions read like the JSON paths of the batch: "bookings[3]", "cancelled[0]". */
export function toWebhookBooking(booking: WebhookBooking, index: number): RawBooking {
  return {
    kind: "booking",
    at: `bookings[${index}]`,
    sourceKey: booking.id,
    rooms: webhookRoomHints(booking.room),
    start: new Date(booking.start),
    end: new Date(booking.end),
    status: booking.status ?? "confirmed",
    organizerEmail: booking.organizer ?? null,
    attendeeEmails: null,
    attendeeCount: booking.attendees ?? null,
    bookedAt: booking.bookedAt ? new Date(booking.bookedAt) : null,
    checkedInAt: booking.checkedInAt ? new Date(booking.checkedInAt) : null,
    recurring: booking.recurring ?? false,
    private: booking.private ?? false,
  };
}

/**
 * A validated batch as an ingest connector: its bookings, then its cancellations by id (the
 * pipeline lets the later of the two win, and the schema forbids an id in both). Keys are the
 * sender's ids, so the same batch sent twice changes nothing.
 */
export function webhookConnector(batch: WebhookBatch): Connector {
  return {
    async *records(): AsyncIterable<SourceRecord> {
      for (const [index, booking] of batch.bookings.entries()) yield toWebhookBooking(booking, index);
      for (const [index, id] of (batch.cancelled ?? []).entries()) yield { kind: "cancel", at: `cancelled[${index}]`, sourceKey: id };
    },
  };
}

import { z } from "zod";
import { bookingStatuses } from "@/db/schema";

/**
 * The normalised booking batch a signed webhook accepts (POST /api/ingest/<integration>). Strict:
 * a field not listed here (a title, a description, attendee addresses) is refused rather than
 * silently dropped, so a sender learns at once that Roomlens does not take it.
 * docs/webhook.schema.json is generated from this (scripts/write-webhook-schema.ts).
 */

export const MAX_WEBHOOK_ITEMS = 10_000;
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

const instant = z.iso
  .datetime({ offset: true })
  .describe("ISO 8601 date-time with seconds and an offset or Z, e.g. 2026-03-02T09:00:00+01:00");
const bookingId = z
  .string()
  .min(1)
  .max(256)
  .describe("The sender's stable id of the booking (or of one occurrence): sending it again updates the same booking");

export const webhookBooking = z
  .strictObject({
    id: bookingId,
    room: z.string().trim().min(1).max(320).describe("The room's name or resource e-mail, as in the room directory"),
    start: instant,
    end: instant,
    status: z.enum(bookingStatuses).nullish().describe("confirmed (default), cancelled or no_show"),
    organizer: z
      .email()
      .max(320)
      .nullish()
      .describe("The organizer's e-mail: replaced by a keyed hash on arrival, never stored; people who opted out are dropped"),
    attendees: z.int().min(0).max(100_000).nullish().describe("How many people attend (a number, never who)"),
    private: z.boolean().nullish().describe("A private or confidential meeting: kept as room occupancy only"),
    checkedInAt: instant.nullish().describe("When someone checked in at the room, if the booking system records it"),
    bookedAt: instant.nullish().describe("When the booking was made"),
    recurring: z.boolean().nullish().describe("Part of a recurring series"),
  })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), { message: "end must be after start", path: ["end"] });

export const webhookBatch = z
  .strictObject({
    bookings: z.array(webhookBooking).max(MAX_WEBHOOK_ITEMS).describe("Bookings to add or update, keyed by id"),
    cancelled: z.array(bookingId).max(MAX_WEBHOOK_ITEMS).nullish().describe("Ids of bookings deleted or cancelled at the source"),
  })
  .refine((batch) => batch.bookings.length + (batch.cancelled?.length ?? 0) <= MAX_WEBHOOK_ITEMS, {
    message: `at most ${MAX_WEBHOOK_ITEMS} items per batch (bookings and cancelled together); send several batches`,
  })
  .refine((batch) => {
    const cancelled = new Set(batch.cancelled ?? []);
    return !batch.bookings.some((b) => cancelled.has(b.id));
  }, {
    message: "an id is both in bookings and in cancelled; send one or the other",
    path: ["cancelled"],
  });

export type WebhookBooking = z.output<typeof webhookBooking>;
export type WebhookBatch = z.output<typeof webhookBatch>;

/** The JSON Schema (draft 2020-12) of a request body, for senders and the README. */
export function webhookJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(webhookBatch, { io: "input" }),
    title: "Roomlens webhook batch",
    description:
      `POST /api/ingest/<integration id>, signed with X-Roomlens-Timestamp and X-Roomlens-Signature. At most ` +
      `${MAX_WEBHOOK_ITEMS} items and ${MAX_WEBHOOK_BYTES / 1048576} MB per batch; end must be after start; ` +
      "an id may not be both booked and cancelled in one batch.",
  };
}

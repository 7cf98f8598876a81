import type { Connector, RawBooking, SourceRecord } from "@/lib/ingest/types";

/** A connector over records written in the test: exercises the pipeline without a file format. */
export function arrayConnector(records: SourceRecord[]): Connector {
  return {
    async *records() {
      yield* records;
    },
  };
}

let counter = 0;

/** A confirmed booking in room `room` with sensible defaults; override what the test is about. */
export function rawBooking(room: string, start: string, end: string, overrides: Partial<RawBooking> = {}): RawBooking {
  counter += 1;
  return {
    kind: "booking",
    at: `test record ${counter}`,
    sourceKey: `key-${counter}`,
    rooms: [{ kind: "name", name: room }],
    start: new Date(start),
    end: new Date(end),
    status: "confirmed",
    organizerEmail: null,
    attendeeEmails: null,
    attendeeCount: null,
    bookedAt: null,
    checkedInAt: null,
    recurring: false,
    private: false,
    ...overrides,
  };
}

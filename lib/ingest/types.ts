import type { BookingStatus } from "@/db/schema";

/** Where in the source a record came from, for error messages: "line 42", "row 7". */
export type SourcePosition = string;

/** How the source names the room of a booking; the pipeline resolves it against the directory. */
export type RoomHint =
  | { kind: "name"; name: string }
  | { kind: "resource"; email: string }
  | { kind: "location"; text: string };

/**
 * One booking as a connector read it. It may hold e-mails (organizer, attendees): it lives only in
 * memory inside one ingest call, and the privacy gate turns it into a `GatedBooking` that cannot.
 * Titles, descriptions and free-text bodies are never read into it.
 */
export type RawBooking = {
  kind: "booking";
  at: SourcePosition;
  /** The source's stable key for this booking or occurrence (e.g. UID + RECURRENCE-ID). */
  sourceKey: string;
  /** Candidates for the room, most specific first. */
  rooms: RoomHint[];
  start: Date;
  end: Date;
  status: BookingStatus;
  organizerEmail: string | null;
  /** Attendee e-mails where the source lists them (rooms/resources already removed). */
  attendeeEmails: string[] | null;
  /** Attendee count where the source states a number instead of a list. */
  attendeeCount: number | null;
  bookedAt: Date | null;
  checkedInAt: Date | null;
  recurring: boolean;
  private: boolean;
};

/** A record the connector could not turn into a booking, with the reason in words. */
export type Rejected = { kind: "rejected"; at: SourcePosition; reason: string };

/** An all-day event: not a meeting, counted in the sync report and kept out of utilisation. */
export type AllDay = { kind: "all-day"; at: SourcePosition };

export type SourceRecord = RawBooking | Rejected | AllDay;

/** The time window a snapshot source covers: bookings of the integration inside it that the source no longer lists become cancelled. */
export type Window = { from: Date; to: Date };

export type ConnectorContext = {
  /** Recurrences are expanded inside this window (retention period back, 90 days ahead). */
  window: Window;
  /** The time zone for times that carry none (CSV without offset, floating ICS times). */
  timeZone: string;
  /** The feed's own room (`--room`), used when a record names none. */
  defaultRoom: string | null;
};

/** A connector fetches and parses one source. It never touches the database. */
export type Connector = {
  records(context: ConnectorContext): AsyncIterable<SourceRecord>;
};

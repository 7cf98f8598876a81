import type { BookingStatus } from "@/db/schema";
import type { CsvTexts } from "./csv-records";

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
  /** CSV only: the row number (the header is row 1), and the row's digest where the context asks for one. */
  row?: { number: number; digest: string | null };
};

/** A record the connector could not turn into a booking, with the reason in words. */
export type Rejected = { kind: "rejected"; at: SourcePosition; reason: string };

/** An all-day event: not a meeting, counted in the sync report and kept out of utilisation. */
export type AllDay = { kind: "all-day"; at: SourcePosition };

/**
 * "The booking stored under this key is no longer a booking": a deleted or cancelled event that the
 * source reports by key only (Google's cancelled stubs, Graph's `@removed`), or one the room declined.
 * It changes nothing but the status of a booking already stored, so it needs no times and no room;
 * a key never stored is ignored. Within one ingest the later of a booking and a cancel wins.
 */
export type CancelByKey = { kind: "cancel"; at: SourcePosition; sourceKey: string };

export type SourceRecord = RawBooking | Rejected | AllDay | CancelByKey;

/** The time window a snapshot source covers: bookings of the integration inside it that the source no longer lists become cancelled. */
export type Window = { from: Date; to: Date };

export type ConnectorContext = {
  /** Recurrences are expanded inside this window (retention period back, 90 days ahead). */
  window: Window;
  /** The time zone for times that carry none (CSV without offset, floating ICS times). */
  timeZone: string;
  /** The feed's own room (`--room`), used when a record names none. */
  defaultRoom: string | null;
  /** The integration's stored sync cursor, handed over by the pipeline (null on a first sync). */
  cursor?: Readonly<Record<string, string>> | null;
  /**
   * CSV only: the keyed digest of a row's text as it stands in the file, given what gives the text
   * its meaning (`layout`: header, separator, column mapping); lib/ingest/line-digest.ts. The text
   * holds unmapped cells such as a meeting title, so it never leaves the CSV reader: only the digest does.
   */
  digestRow?: (layout: string, text: string) => string;
};

/**
 * What a syncing source reached, reported once its records are consumed and saved in the same
 * transaction as the rows: a crash before the commit leaves both the rows and the cursor as they were.
 */
export type SyncCheckpoint = {
  /** Replaces the stored cursor (e.g. calendar id → sync token or delta link). */
  cursor: Record<string, string>;
  /**
   * Rooms, by their room-directory source key (resource e-mail, lower-cased), whose calendar this run
   * listed in full (a first sync, or a resync after an expired token): their bookings of this
   * integration starting inside the window that the listing lacks are cancelled. Rooms synced
   * incrementally are not named: a delta never lists what did not change.
   */
  completeRooms: string[];
};

/** A connector fetches and parses one source. It never touches the database. */
export type Connector = {
  records(context: ConnectorContext): AsyncIterable<SourceRecord>;
  /**
   * Sources that can be read twice (a local CSV file): the rows as text, cut but not parsed, and
   * `records` limited to some rows, so that a re-import parses only the rows that changed
   * (lib/ingest/unchanged-rows.ts).
   */
  rereadable?: {
    texts(): Promise<CsvTexts>;
    records(context: ConnectorContext, keep: (row: number) => boolean): AsyncIterable<SourceRecord>;
  };
};

import type { LocalTime } from "./time";

export type BuildingKey = "harbour" | "canal";

/** Where a room's bookings are published: an ICS feed per room or the booking tool's CSV export. */
export type DemoSource = "ics" | "csv";

/**
 * How the demo uses a room, so the dashboard has something to find: preferred and avoided rooms
 * among their peers, big rooms held by small meetings, and one rarely used room whose cells the
 * small-group rule suppresses.
 */
export type RoomUse = "normal" | "preferred" | "avoided" | "oversized" | "rare";

export type DemoRoom = {
  name: string;
  /** `<building>-<floor>-<name>`, used for the resource e-mail and the ICS file name. */
  slug: string;
  building: string;
  buildingKey: BuildingKey;
  floor: string;
  capacity: number;
  amenities: string[];
  timeZone: string;
  resourceEmail: string;
  source: DemoSource;
  use: RoomUse;
};

export type Person = {
  first: string;
  last: string;
  name: string;
  /** Lower-case `first.last@example.com`. */
  email: string;
  /** How the person's address is spelled in calendar feeds (Exchange keeps the directory's casing). */
  feedEmail: string;
  building: BuildingKey;
  team: string;
  /** Relative share of the meetings this person organizes. */
  activity: number;
};

export type Meeting = {
  organizer: Person;
  /** Everyone invited except the organizer. */
  guests: Person[];
  title: string;
  private: boolean;
};

/** One booked interval of a room, as the planner would see it. */
export type Occurrence = {
  start: LocalTime;
  end: LocalTime;
  status: "confirmed" | "cancelled";
};

/** A single (non-recurring) booking. */
export type Single = Occurrence & {
  uid: string;
  meeting: Meeting;
  bookedAt: LocalTime;
  /** Only in ICS feeds: a date-only event such as a room closure. */
  allDay: boolean;
};

/** A weekly (or fortnightly) series and its exceptions, in the room's local time. */
export type Series = {
  uid: string;
  meeting: Meeting;
  /** Local start of the first occurrence. */
  first: LocalTime;
  durationMinutes: number;
  intervalWeeks: number;
  /** Local starts of every occurrence the RRULE produces, before EXDATEs. */
  starts: LocalTime[];
  /** Written as UNTIL (UTC) or as COUNT. */
  bound: "until" | "count";
  exdates: LocalTime[];
  /** Instances moved to another time (RECURRENCE-ID override). */
  moved: { original: LocalTime; start: LocalTime; end: LocalTime }[];
  /** Instances cancelled by an override with STATUS:CANCELLED. */
  cancelled: LocalTime[];
  bookedAt: LocalTime;
};

export type RoomSchedule = { room: DemoRoom; series: Series[]; singles: Single[] };

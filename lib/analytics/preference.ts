import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Tally } from "./cell-suppression";
import { choicePeriodsServe, choicesFromPeriodsSql } from "./choice-periods";
import { choiceCtes } from "./choices-sql";
import { servedByRollups } from "./local-time";
import { choicesReferenceSql, revealedResult } from "./reference/preference";
import { roomScope, type RoomFilters } from "./room-filter";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { capRoomOrganizers, countOrganizersRaw, listRoomUsageRaw, loadRangeUsage, type RangeUsage, type RoomUsageRow } from "./utilisation";
import { workingTimeCtes, type WorkingTime } from "./working-time";

export type PreferenceRoomRow = RoomUsageRow & {
  amenities: string[];
  /** Whether the filters keep this room in the output (peers are never filtered: see below). */
  inScope: boolean;
  /** Bookings (inside working hours) of a room with peers; those made while a peer was free for the whole slot; the others. */
  choices: Tally;
  peerFree: Tally;
  peerBusy: Tally;
};

export type PreferenceRows = { rooms: PreferenceRoomRow[]; organizers: number };

/**
 * Raw inputs of the preference index and of revealed preference.
 *
 * Preference index = a room's utilisation / the mean utilisation of its peers (other active rooms of
 * the same building and capacity band). Utilisation is the dashboard's (`listRoomUsage`), over all
 * active rooms whatever the filters, so that a room is shown or hidden exactly as on the dashboard
 * and its peers are always the ones DESIGN.md names; filters only choose which rooms are reported.
 *
 * Revealed preference = share of a room's bookings (not cancelled, inside working hours, in a room
 * that has peers) made while at least one peer was free for the whole slot. "Free" is judged at the
 * moment of booking: a peer booking overlapping the slot blocks it only if it already existed
 * (its booked-at no later than this booking's; when either is unknown it is assumed to have existed,
 * which can only understate revealed preference). Cancelled peer bookings never block: the data holds
 * no cancellation time. Peer bookings that started over 7 days before the slot are not looked at.
 */
export async function getPreference(
  db: Db,
  range: DateRange,
  filters: RoomFilters = {},
  time?: WorkingTime,
  usage?: Promise<RangeUsage>,
  organizerCap?: number,
): Promise<PreferenceRows> {
  const working = await resolveWorkingTime(db, time);
  // With a cap (the view's k), the choice periods answer when they were built for this working time
  // and these groups; else the bookings are judged (choice-periods.ts).
  const choices =
    organizerCap !== undefined && (await choicePeriodsServe(db, working, organizerCap))
      ? choicesFromPeriodsSql(range, working, filters, organizerCap)
      : servedByRollups(working)
        ? choicesSql(range, working, filters)
        : choicesReferenceSql(workingTimeCtes(range, working, roomScope()), filters);
  // `usage`: the dashboard's, when the page shows both (`loadRangeUsage` with the same working time and cap).
  const [{ rooms, organizers }, extra] = await Promise.all([
    usage ?? loadRangeUsage(db, range, working, organizerCap),
    queryRows<ChoiceRow>(db, choices),
  ]);
  return combine(rooms, organizers, capOrganizers(extra, organizerCap));
}

/** `getPreference` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getPreferenceRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime, organizerCap?: number): Promise<PreferenceRows> {
  const [usage, organizers, extra] = await Promise.all([
    listRoomUsageRaw(db, range, time),
    countOrganizersRaw(db, range, time),
    queryRows<ChoiceRow>(db, choicesReferenceSql(workingTimeCtes(range, time, roomScope()), filters)),
  ]);
  const capped = organizerCap === undefined ? organizers : Math.min(organizers, organizerCap);
  return combine(capRoomOrganizers(usage, organizerCap), capped, capOrganizers(extra, organizerCap));
}

/**
 * Revealed-preference organizer counts as min(count, cap): all the small-group rule reads of them
 * (cell-suppression.ts ranks by bookings), and what the periods can count. The rooms' own counts and
 * the range's total are capped by `loadRangeUsage` (usage-periods.ts).
 */
function capOrganizers(rows: ChoiceRow[], cap: number | undefined): ChoiceRow[] {
  if (cap === undefined) return rows;
  return rows.map((row) => ({
    ...row,
    allOrganizers: Math.min(row.allOrganizers, cap),
    freeOrganizers: Math.min(row.freeOrganizers, cap),
    busyOrganizers: Math.min(row.busyOrganizers, cap),
  }));
}

type ChoiceRow = { id: number; amenities: string[]; inScope: boolean } & Record<`${"all" | "free" | "busy"}${"Bookings" | "Organizers"}`, number>;

function choicesSql(range: DateRange, time: WorkingTime, filters: RoomFilters): SQL {
  return sql`WITH ${choiceCtes(range, time, roomScope(filters))}, ${revealedResult(filters)}`;
}

/**
 * Revealed-preference tallies are kept for the rooms the filters report only: they are all that is
 * shown, and the fast path computes no others (its `peered`); a room outside the filters still serves
 * as a peer through its utilisation.
 */
function combine(usage: RoomUsageRow[], organizers: number, extra: ChoiceRow[]): PreferenceRows {
  const byId = new Map(extra.map((row) => [row.id, row]));
  const none = { allBookings: 0, allOrganizers: 0, freeBookings: 0, freeOrganizers: 0, busyBookings: 0, busyOrganizers: 0 };
  return {
    organizers,
    rooms: usage.map((room) => {
      const more = byId.get(room.id);
      const inScope = more?.inScope ?? false;
      const tally = inScope && more ? more : none;
      return {
        ...room,
        amenities: more?.amenities ?? [],
        inScope,
        choices: { bookings: tally.allBookings, organizers: tally.allOrganizers },
        peerFree: { bookings: tally.freeBookings, organizers: tally.freeOrganizers },
        peerBusy: { bookings: tally.busyBookings, organizers: tally.busyOrganizers },
      };
    }),
  };
}

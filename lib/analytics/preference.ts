import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Tally } from "./cell-suppression";
import { servedByRollups } from "./local-time";
import { choicesReferenceSql, peersCte, revealedResult } from "./reference/preference";
import type { RoomFilters } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { resolveWorkingTime } from "./scope";
import type { DateRange } from "./types";
import { countOrganizers, countOrganizersRaw, listRoomUsage, listRoomUsageRaw, type RoomUsageRow } from "./utilisation";
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
export async function getPreference(db: Db, range: DateRange, filters: RoomFilters = {}, time?: WorkingTime): Promise<PreferenceRows> {
  const working = await resolveWorkingTime(db, time);
  const choices = servedByRollups(working) ? choicesSql(range, working, filters) : choicesReferenceSql(workingTimeCtes(range, working), filters);
  const [usage, organizers, extra] = await Promise.all([
    listRoomUsage(db, range, working),
    countOrganizers(db, range, working),
    queryRows<ChoiceRow>(db, choices),
  ]);
  return combine(usage, organizers, extra);
}

/** `getPreference` straight from the bookings (reference SQL), for tests that compare the two. */
export async function getPreferenceRaw(db: Db, range: DateRange, filters: RoomFilters, time: WorkingTime): Promise<PreferenceRows> {
  const [usage, organizers, extra] = await Promise.all([
    listRoomUsageRaw(db, range, time),
    countOrganizersRaw(db, range, time),
    queryRows<ChoiceRow>(db, choicesReferenceSql(workingTimeCtes(range, time), filters)),
  ]);
  return combine(usage, organizers, extra);
}

type ChoiceRow = { id: number; amenities: string[]; inScope: boolean } & Record<`${"all" | "free" | "busy"}${"Bookings" | "Organizers"}`, number>;

/**
 * Revealed preference from placed bookings, without a probe per booking and peer: bookings and their
 * peers' bookings are cut into UTC hours and joined on (peer, hour), which finds every overlapping
 * pair; a booking's peer was free unless such a pair, made no later than it, occupies that peer. A
 * peer booking can start at most 24 h before the booking it overlaps (bookings_at_most_a_day), so the
 * reference's 7-day look-back changes nothing; peer bookings are read from three local days around the
 * range (rooms of one building may sit in zones a day apart at most).
 */
function choicesSql(range: DateRange, time: WorkingTime, filters: RoomFilters): SQL {
  const hours = (from: SQL, to: SQL) =>
    sql`generate_series(floor(date_part('epoch', ${from}) / 3600)::bigint, floor(date_part('epoch', ${to} - interval '1 microsecond') / 3600)::bigint)`;
  return sql`
    WITH ${fastCtes(range, time)},
    ${peersCte},
    peer_counts AS (SELECT room_id, count(*) AS peers FROM peers GROUP BY room_id),
    held AS MATERIALIZED (
      SELECT b.id, b.room_id, b.organizer_pseudonym, b.starts_at, b.ends_at, b.booked_at
      FROM in_hours b WHERE b.status <> 'cancelled' AND b.room_id IN (SELECT room_id FROM peer_counts)
    ),
    held_hours AS (SELECT b.id, b.room_id, h.h FROM held b, LATERAL ${hours(sql`b.starts_at`, sql`b.ends_at`)} AS h(h)),
    peer_hours AS MATERIALIZED (
      SELECT o.room_id, o.starts_at, o.ends_at, o.booked_at, h.h
      FROM bookings o, LATERAL ${hours(sql`o.starts_at`, sql`o.ends_at`)} AS h(h)
      WHERE o.status <> 'cancelled' AND o.room_id IN (SELECT peer_id FROM peers)
        AND o.local_day BETWEEN ${range.from}::date - 3 AND ${range.to}::date + 3
    ),
    busy AS (
      SELECT b.id, count(DISTINCT o.room_id) AS peers
      FROM held_hours bh JOIN held b ON b.id = bh.id
      JOIN peers pr ON pr.room_id = bh.room_id
      JOIN peer_hours o ON o.room_id = pr.peer_id AND o.h = bh.h
      WHERE o.starts_at < b.ends_at AND o.ends_at > b.starts_at
        AND (b.booked_at IS NULL OR o.booked_at IS NULL OR o.booked_at <= b.booked_at)
      GROUP BY b.id
    ),
    choices AS (
      SELECT b.room_id, b.organizer_pseudonym, coalesce(x.peers, 0) < pc.peers AS peer_free
      FROM held b JOIN peer_counts pc ON pc.room_id = b.room_id LEFT JOIN busy x ON x.id = b.id
    ),
    ${revealedResult(filters)}`;
}

function combine(usage: RoomUsageRow[], organizers: number, extra: ChoiceRow[]): PreferenceRows {
  const byId = new Map(extra.map((row) => [row.id, row]));
  return {
    organizers,
    rooms: usage.map((room) => {
      const more = byId.get(room.id);
      return {
        ...room,
        amenities: more?.amenities ?? [],
        inScope: more?.inScope ?? false,
        choices: { bookings: more?.allBookings ?? 0, organizers: more?.allOrganizers ?? 0 },
        peerFree: { bookings: more?.freeBookings ?? 0, organizers: more?.freeOrganizers ?? 0 },
        peerBusy: { bookings: more?.busyBookings ?? 0, organizers: more?.busyOrganizers ?? 0 },
      };
    }),
  };
}

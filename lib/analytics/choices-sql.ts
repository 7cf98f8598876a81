import { sql, type SQL } from "drizzle-orm";
import { bandSql } from "./bands";
import { roomScope } from "./room-filter";
import { fastCtes } from "./rollup-sql";
import { analysedRoom } from "./sensitive-rooms";
import type { DateRange } from "./types";
import type { WorkingTime } from "./working-time";

/**
 * Revealed preference from placed bookings. A room's peers are the other rooms of its group
 * (building × band). A booking can have had no peer free only if every peer held some booking in the
 * UTC hours the booking touches (two overlapping bookings share an hour). So each group's bookings
 * are cut into UTC hours, and each (group, hour) gets a bit string of the rooms that hold a booking
 * in it. Only a booking whose hours' strings together cover every room of its group (`crowded`) is
 * checked exactly: for each peer, whether a booking of that peer overlapping it already existed (made
 * no later than it). Every other booking had a peer free.
 *
 * This keeps the work linear in the bookings. Looking for every overlapping pair, as this did before,
 * grew with the square of the bookings per room and hour: 11 M pairs for 1.2 M bookings at 10 M
 * bookings, where 2,116 bookings were crowded.
 *
 * A peer booking can start at most 24 h before a booking it overlaps (bookings_at_most_a_day), so the
 * reference's 7-day look-back changes nothing; the hours are read from three local days around the
 * range (a building's rooms may sit in zones a day apart at most).
 *
 * The common table expressions end with `choices`: one row per held booking (room_id,
 * organizer_pseudonym, peer_free, local_day, last_slot) of the groups holding a room `inScope`
 * selects (over rooms `r`). `placed`: the rooms whose bookings are read (fastCtes' scope); it must
 * hold every room of those groups. preference.ts tallies them per room; choice-periods.ts per day.
 *
 * `only` narrows the work to some room-days (a refresh after a write): `held` (over bookings `b`,
 * applied where fastCtes reads them) picks the bookings judged, `context` (over bookings `x`) the peers' bookings read for the hour
 * strings. Context must hold every booking that may overlap a held one (its room-days ± 2 days):
 * a missing one could hide a crowded booking, while extra ones only cost the exact check.
 */
export function choiceCtes(
  range: DateRange,
  time: WorkingTime,
  inScope: SQL,
  placed: SQL = roomScope(),
  only: { held: SQL; context: SQL } = { held: sql`true`, context: sql`true` },
): SQL {
  // The UTC hours a booking touches (at most 25: bookings last 24 h at most), computed once per booking
  // (OFFSET 0 keeps the planner from copying the arithmetic into the join below, once per offset). A
  // join with a list of offsets, not generate_series, whose guessed 1000 rows per booking wreck the plan.
  const hour = (at: SQL) => sql`floor(date_part('epoch', ${at}) / 3600)::bigint`;
  const hourSpan = sql`${hour(sql`x.starts_at`)} AS first_h, ${hour(sql`x.ends_at - interval '1 microsecond'`)} AS last_h`;
  const band = bandSql(sql`r.capacity`);
  return sql`
    ${fastCtes(range, time, placed, only.held)},
    -- pos: the room's bit in its group's strings.
    grouped AS MATERIALIZED (
      SELECT r.id AS room_id, dense_rank() OVER (ORDER BY r.building, ${band}) AS gid,
        (row_number() OVER (PARTITION BY r.building, ${band} ORDER BY r.id) - 1)::integer AS pos,
        ${inScope} AS in_scope
      FROM rooms r WHERE r.active AND ${analysedRoom()} AND ${band} IS NOT NULL
    ),
    -- Rooms with peers: groups of two rooms or more. Only groups holding a room the filters report:
    -- a room's choices depend on its own group alone, and other rooms' are not reported (combine).
    peered AS MATERIALIZED (
      SELECT g.room_id, g.gid, g.pos, n.rooms::integer AS rooms FROM grouped g
      JOIN (SELECT gid, count(*) AS rooms FROM grouped GROUP BY gid HAVING count(*) > 1 AND bool_or(in_scope)) n ON n.gid = g.gid
    ),
    held AS MATERIALIZED (
      SELECT x.*, ${hourSpan} FROM (
        SELECT b.id, b.room_id, p.gid, p.rooms, b.organizer_pseudonym, b.starts_at, b.ends_at, b.booked_at, b.local_day, b.last_slot
        FROM in_hours b JOIN peered p ON p.room_id = b.room_id WHERE b.status <> 'cancelled'
      ) x
    ),
    -- Per group and UTC hour, the rooms holding a (not cancelled) booking in it. Joined through rooms
    -- for the reason rollup-sql.ts gives at scopedRooms.
    occupied AS MATERIALIZED (
      SELECT o.gid, o.first_h + k.k AS h, bit_or(o.bit) AS rooms_busy
      FROM (
        SELECT p.gid, set_bit(repeat('0', p.rooms)::varbit, p.pos, 1) AS bit, ${hourSpan}
        FROM peered p JOIN rooms rr ON rr.id = p.room_id JOIN bookings x ON x.room_id = rr.id
          AND x.local_day BETWEEN ${range.from}::date - 3 AND ${range.to}::date + 3 AND x.status <> 'cancelled' AND ${only.context}
        OFFSET 0
      ) o JOIN ${HOUR_OFFSETS} ON k.k <= o.last_h - o.first_h
      GROUP BY o.gid, o.first_h + k.k
    ),
    crowded AS MATERIALIZED (
      SELECT b.id, b.room_id, b.gid, b.starts_at, b.ends_at, b.booked_at
      FROM held b JOIN ${HOUR_OFFSETS} ON k.k <= b.last_h - b.first_h
        JOIN occupied c ON c.gid = b.gid AND c.h = b.first_h + k.k
      GROUP BY b.id, b.room_id, b.gid, b.rooms, b.starts_at, b.ends_at, b.booked_at
      HAVING bit_count(bit_or(c.rooms_busy)) = b.rooms
    ),
    busy AS (${busyPeers(sql`crowded`)}),
    -- One row per held booking (a room is in one group): no grouping of all bookings by a wide key.
    choices AS (
      SELECT b.room_id, b.organizer_pseudonym, coalesce(x.peers, 0) < b.rooms - 1 AS peer_free, b.local_day, b.last_slot
      FROM held b LEFT JOIN busy x ON x.id = b.id
    )`;
}

const HOUR_OFFSETS = sql.raw(`(VALUES ${Array.from({ length: 25 }, (_, i) => `(${i})`).join(", ")}) AS k(k)`);

/**
 * Per booking of `judged` (id, room_id, gid, starts_at, ends_at, booked_at), how many of its peers
 * (`peered`: room_id, gid) were already booked for part of its time: one probe per peer, by the
 * (room, start) index (LIMIT 1: as EXISTS the planner hashed the whole bookings table instead).
 * Bookings with no such peer get no row. A peer booking starts at most 24 h before one it overlaps.
 */
export function busyPeers(judged: SQL): SQL {
  return sql`
    SELECT b.id, count(*) AS peers
    FROM ${judged} b JOIN peered p ON p.gid = b.gid AND p.room_id <> b.room_id
    CROSS JOIN LATERAL (
      SELECT 1 FROM bookings o
      WHERE o.room_id = p.room_id AND o.status <> 'cancelled'
        AND o.starts_at < b.ends_at AND o.starts_at > b.starts_at - interval '1 day' AND o.ends_at > b.starts_at
        AND (b.booked_at IS NULL OR o.booked_at IS NULL OR o.booked_at <= b.booked_at)
      LIMIT 1
    ) o
    GROUP BY b.id`;
}

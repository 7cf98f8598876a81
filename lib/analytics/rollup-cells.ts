import { sql, type SQL } from "drizzle-orm";
import { slotStart } from "./local-time";

/**
 * What a rollup write covers: `candidates` selects the bookings to read (every non-cancelled, placed
 * booking with a slot on a kept day — bookings from the day before too, for the slots they run into),
 * `keep` says which room-days are (re)written.
 */
export type CellScope = { candidates: SQL; keep: (room: SQL, day: SQL) => SQL };

/** The columns a candidate query must return, from the bookings alias `b`. */
export const candidateColumns = sql`b.id, b.room_id, b.starts_at, b.ends_at, b.status, b.checked_in_at,
  b.organizer_pseudonym, b.local_day, b.first_slot, b.last_slot`;

/** Seconds covered by a multirange (NULL: none). */
function seconds(ranges: SQL): SQL {
  return sql`(SELECT coalesce(sum(date_part('epoch', upper(x) - lower(x))), 0) FROM unnest(${ranges}) AS x)::float8`;
}

/**
 * INSERT of the rollup rows of the kept room-days, computed from the candidates (see the table's
 * comment in db/schema/rollups.ts). Geometry: every booking is cut into its local hour slots (from its
 * placement, no search), each piece clipped to its slot, and the pieces of a slot unioned per kind.
 * Heatmap people and started bookings: per start day and clock hour, as reference/heatmap.ts counts them.
 */
export function insertCells(scope: CellScope): SQL {
  return sql`
    WITH cand AS (${scope.candidates}),
    slots AS MATERIALIZED (
      SELECT c.*, r.time_zone, k.k AS lag, c.local_day + k.k AS day, h.h AS hour
      FROM cand c
      JOIN rooms r ON r.id = c.room_id
      CROSS JOIN LATERAL generate_series(0, c.last_slot / 24) AS k(k)
      CROSS JOIN LATERAL generate_series(greatest(c.first_slot - 24 * k.k, 0), least(c.last_slot - 24 * k.k, 23)) AS h(h)
      WHERE ${scope.keep(sql`c.room_id`, sql`(c.local_day + k.k)`)}
    ),
    -- Slot bounds once per zone, day and hour (rooms of a zone share them), not once per piece.
    zone_slots AS MATERIALIZED (
      SELECT z.time_zone, z.day, h.h AS hour,
        tstzrange(${slotStart(sql`z.day`, sql`h.h`, sql`z.time_zone`)}, ${slotStart(sql`z.day`, sql`h.h + 1`, sql`z.time_zone`)}) AS slot
      FROM (SELECT DISTINCT time_zone, day FROM slots) z CROSS JOIN generate_series(0, 23) AS h(h)
    ),
    pieces AS MATERIALIZED (
      SELECT s.room_id, s.day, s.hour, s.lag,
        tstzrange(s.starts_at, s.ends_at) * z.slot AS booked,
        CASE WHEN s.status = 'confirmed' AND s.checked_in_at < s.ends_at
          THEN tstzrange(greatest(s.checked_in_at, s.starts_at), s.ends_at) * z.slot END AS occupied,
        CASE WHEN s.status = 'no_show' THEN tstzrange(s.starts_at, s.ends_at) * z.slot END AS lost
      FROM slots s JOIN zone_slots z ON z.time_zone = s.time_zone AND z.day = s.day AND z.hour = s.hour
    ),
    geometry AS (
      SELECT room_id, day, hour, ${seconds(sql`range_agg(booked)`)} AS booked,
        ${seconds(sql`range_agg(occupied)`)} AS occupied, ${seconds(sql`range_agg(lost)`)} AS lost
      FROM pieces GROUP BY room_id, day, hour
    ),
    -- The variants without bookings from earlier days, only for the (rare) slots such bookings reach.
    variants AS (
      SELECT p.room_id, p.day, p.hour,
        ${seconds(sql`range_agg(p.booked) FILTER (WHERE p.lag = 0)`)} AS booked_own,
        ${seconds(sql`range_agg(p.occupied) FILTER (WHERE p.lag = 0)`)} AS occupied_own,
        ${seconds(sql`range_agg(p.lost) FILTER (WHERE p.lag = 0)`)} AS lost_own,
        CASE WHEN max(p.lag) > 1 THEN ${seconds(sql`range_agg(p.booked) FILTER (WHERE p.lag <= 1)`)} END AS booked_recent,
        CASE WHEN max(p.lag) > 1 THEN ${seconds(sql`range_agg(p.occupied) FILTER (WHERE p.lag <= 1)`)} END AS occupied_recent,
        CASE WHEN max(p.lag) > 1 THEN ${seconds(sql`range_agg(p.lost) FILTER (WHERE p.lag <= 1)`)} END AS lost_recent
      FROM pieces p
      WHERE (p.room_id, p.day, p.hour) IN (SELECT room_id, day, hour FROM pieces WHERE lag > 0)
      GROUP BY p.room_id, p.day, p.hour
    ),
    starts AS MATERIALIZED (
      SELECT c.room_id, c.local_day AS day, c.organizer_pseudonym,
        extract(hour FROM c.starts_at AT TIME ZONE r.time_zone)::integer AS first_hour,
        CASE WHEN (c.ends_at AT TIME ZONE r.time_zone)::date > (c.starts_at AT TIME ZONE r.time_zone)::date THEN 23
             ELSE extract(hour FROM (c.ends_at AT TIME ZONE r.time_zone) - interval '1 microsecond')::integer END AS last_hour
      FROM cand c JOIN rooms r ON r.id = c.room_id
      WHERE ${scope.keep(sql`c.room_id`, sql`c.local_day`)}
    ),
    heat AS (
      SELECT s.room_id, s.day, h.h AS hour, count(*) FILTER (WHERE h.h = s.first_hour) AS started,
        coalesce(array_agg(DISTINCT o.id ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL), '{}') AS organizer_ids
      FROM starts s
      CROSS JOIN LATERAL generate_series(s.first_hour, s.last_hour) AS h(h)
      LEFT JOIN organizers o ON o.pseudonym = s.organizer_pseudonym
      GROUP BY s.room_id, s.day, h.h
    )
    INSERT INTO room_hour_rollups (room_id, day, hour, booked_seconds, booked_own_seconds, booked_recent_seconds,
      occupied_seconds, occupied_own_seconds, occupied_recent_seconds, lost_seconds, lost_own_seconds, lost_recent_seconds,
      bookings_started, organizer_ids)
    SELECT coalesce(g.room_id, h.room_id), coalesce(g.day, h.day), coalesce(g.hour, h.hour),
      coalesce(g.booked, 0), v.booked_own, v.booked_recent, coalesce(g.occupied, 0), v.occupied_own, v.occupied_recent,
      coalesce(g.lost, 0), v.lost_own, v.lost_recent, coalesce(h.started, 0), coalesce(h.organizer_ids, '{}')
    FROM geometry g
    FULL JOIN heat h ON h.room_id = g.room_id AND h.day = g.day AND h.hour = g.hour
    LEFT JOIN variants v ON v.room_id = g.room_id AND v.day = g.day AND v.hour = g.hour
    -- Written day by day, so the rows of a range of days share pages (see the table's primary key).
    ORDER BY 2, 1, 3`;
}

/** Gives every pseudonym among the candidates' organizers its small id (see db/schema/rollups.ts). */
export function insertOrganizers(candidates: SQL): SQL {
  // The NOT EXISTS keeps known pseudonyms from drawing (and wasting) identity values; ON CONFLICT
  // covers a concurrent import adding the same person.
  return sql`
    INSERT INTO organizers (pseudonym)
    SELECT DISTINCT c.organizer_pseudonym FROM (${candidates}) c
    WHERE c.organizer_pseudonym IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizers o WHERE o.pseudonym = c.organizer_pseudonym)
    ON CONFLICT (pseudonym) DO NOTHING`;
}

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

/** The part from `from` to the booking's end (alias `c`) that lies in its slot, as a range. */
function clipped(from: SQL): SQL {
  return sql`tstzrange(${from}, c.ends_at) * tstzrange(c.slot_start, c.slot_end)`;
}

/**
 * Seconds of `clipped(from)` without building ranges: the same bounds and the same arithmetic as
 * `seconds` applies to that range (an empty intersection: 0).
 */
function clippedSeconds(from: SQL): SQL {
  return sql`greatest(date_part('epoch', least(c.ends_at, c.slot_end) - greatest(${from}, c.slot_start)), 0)::float8`;
}

/** The pieces table that `createPieces` fills and `insertCells` reads (dropped by the caller). */
export const PIECES = sql.raw("pg_temp.rollup_pieces");

/**
 * A temporary table of the pieces of the kept room-days: every booking cut into its local hour slots
 * (from its placement, no search), each piece clipped to its slot, with its length in seconds. It is a
 * table, not a CTE, so that it can be analysed: the planner cannot see how few slots a booking has and
 * otherwise plans the aggregation below for billions of rows and spills it to disk in hundreds of batches.
 *
 * `overlapping`: the booking overlaps another candidate of its room. Pieces of bookings that overlap no
 * other are disjoint from every other piece of their slot, so their lengths simply add up; only the
 * others need the union of ranges (range_agg), and only they keep their ranges. Any booking with a
 * piece in a kept slot is a candidate, so comparing candidates alone finds every overlap that matters.
 */
export function createPieces(scope: CellScope): SQL {
  const window = sql`PARTITION BY c.room_id ORDER BY c.starts_at, c.id`;
  return sql`
    CREATE TEMP TABLE rollup_pieces ON COMMIT DROP AS
    WITH cand AS (${scope.candidates}),
    flagged AS (
      SELECT c.*,
        coalesce(c.starts_at < max(c.ends_at) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false)
          OR coalesce(lead(c.starts_at) OVER (${window}) < c.ends_at, false) AS overlapping
      FROM cand c
    ),
    -- Slot s of a booking's local day is hour s % 24 of day s / 24 after it (s reaches 47 at most).
    slots AS (
      SELECT f.*, r.time_zone, s.s / 24 AS lag, f.local_day + s.s / 24 AS day, s.s % 24 AS hour
      FROM flagged f
      JOIN rooms r ON r.id = f.room_id
      CROSS JOIN LATERAL generate_series(greatest(f.first_slot, 0), f.last_slot) AS s(s)
      WHERE ${scope.keep(sql`f.room_id`, sql`(f.local_day + s.s / 24)`)}
    ),
    cut AS (
      SELECT s.*, ${slotStart(sql`s.day`, sql`s.hour`, sql`s.time_zone`)} AS slot_start,
        ${slotStart(sql`s.day`, sql`s.hour + 1`, sql`s.time_zone`)} AS slot_end,
        s.status = 'confirmed' AND s.checked_in_at < s.ends_at AS occupied,
        s.status = 'no_show' AS lost
      FROM slots s
    )
    SELECT c.room_id, c.day, c.hour, c.lag, c.overlapping,
      ${clippedSeconds(sql`c.starts_at`)} AS booked_seconds,
      CASE WHEN c.occupied THEN ${clippedSeconds(sql`greatest(c.checked_in_at, c.starts_at)`)} ELSE 0 END AS occupied_seconds,
      CASE WHEN c.lost THEN ${clippedSeconds(sql`c.starts_at`)} ELSE 0 END AS lost_seconds,
      CASE WHEN c.overlapping THEN ${clipped(sql`c.starts_at`)} END AS booked,
      CASE WHEN c.overlapping AND c.occupied THEN ${clipped(sql`greatest(c.checked_in_at, c.starts_at)`)} END AS occupied,
      CASE WHEN c.overlapping AND c.lost THEN ${clipped(sql`c.starts_at`)} END AS lost
    FROM cut c`;
}

type Kind = "booked" | "occupied" | "lost";

/**
 * Seconds of the union of a slot's pieces of one kind (among those `only` admits): the lengths of the
 * pieces that overlap nothing, plus the union of the others — computed only where there are any.
 */
function unionSeconds(kind: Kind, only: SQL = sql`true`): SQL {
  const ranges = sql.raw(`p.${kind}`);
  const lengths = sql.raw(`p.${kind}_seconds`);
  return sql`(coalesce(sum(${lengths}) FILTER (WHERE NOT p.overlapping AND ${only}), 0)
    + CASE WHEN bool_or(p.overlapping AND ${only}) THEN ${seconds(sql`range_agg(${ranges}) FILTER (WHERE p.overlapping AND ${only})`)} ELSE 0 END)`;
}

/**
 * INSERT of the rollup rows of the kept room-days, from the candidates and the pieces `createPieces`
 * wrote (see the table's comment in db/schema/rollups.ts): per slot, the union of its pieces per kind.
 * Heatmap people and started bookings: per start day and clock hour, as reference/heatmap.ts counts them.
 */
export function insertCells(scope: CellScope): SQL {
  return sql`
    WITH cand AS (${scope.candidates}),
    geometry AS (
      SELECT p.room_id, p.day, p.hour, ${unionSeconds("booked")} AS booked,
        ${unionSeconds("occupied")} AS occupied, ${unionSeconds("lost")} AS lost
      FROM ${PIECES} p GROUP BY p.room_id, p.day, p.hour
    ),
    -- The variants without bookings from earlier days, only for the (rare) slots such bookings reach.
    variants AS (
      SELECT p.room_id, p.day, p.hour,
        ${unionSeconds("booked", sql`p.lag = 0`)} AS booked_own,
        ${unionSeconds("occupied", sql`p.lag = 0`)} AS occupied_own,
        ${unionSeconds("lost", sql`p.lag = 0`)} AS lost_own,
        CASE WHEN max(p.lag) > 1 THEN ${unionSeconds("booked", sql`p.lag <= 1`)} END AS booked_recent,
        CASE WHEN max(p.lag) > 1 THEN ${unionSeconds("occupied", sql`p.lag <= 1`)} END AS occupied_recent,
        CASE WHEN max(p.lag) > 1 THEN ${unionSeconds("lost", sql`p.lag <= 1`)} END AS lost_recent
      FROM ${PIECES} p
      WHERE (p.room_id, p.day, p.hour) IN (SELECT room_id, day, hour FROM ${PIECES} WHERE lag > 0)
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

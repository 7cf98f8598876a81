import { sql, type SQL } from "drizzle-orm";

/**
 * Local hour slots, the unit of every rollup. Slot `h` of local day `d` runs from `d + h hours` to
 * `d + h + 1 hours` read as wall-clock times in the room's zone, exactly as the working windows of
 * working-time.ts are built, so slots tile a working window that starts and ends on the hour — also
 * on a 23- or 25-hour day (the skipped spring hour is an empty slot, the repeated autumn hour folds
 * into its neighbour). `h` may pass 23: slot 24 of a day is slot 0 of the next.
 */
export function slotStart(day: SQL, hour: SQL, zone: SQL): SQL {
  return sql`((${day})::date + (${hour}) * interval '1 hour') AT TIME ZONE ${zone}`;
}

/**
 * The three placement values stored with every booking (bookings.local_day, first_slot, last_slot), as
 * a subquery for `LATERAL … p`: the local start day (the one its start falls on, as working-time.ts's
 * `in_range` reads it), the slot of the start and the slot of the last instant.
 *
 * The slot of an instant on its booking's local day: the wall-clock hour (plus 24 per day later) is right
 * except next to a DST change, where it is off by one at most; comparing with the slot bounds corrects it.
 *
 * Each wall-clock reading is computed once, behind `OFFSET 0` fences: written as nested expressions the
 * planner substitutes them into every use, and a row cost 27 time-zone conversions instead of 6 (half of
 * the placement's time at 200k rows, docs/session-notes/import.md).
 */
export function placement(startsAt: SQL, endsAt: SQL, zone: SQL): SQL {
  const corrected = (guess: SQL, instant: SQL) => sql`(${guess} + CASE
      WHEN ${slotStart(sql`g.local_day`, guess, sql`g.zone`)} > ${instant} THEN -1
      WHEN ${slotStart(sql`g.local_day`, sql`${guess} + 1`, sql`g.zone`)} <= ${instant} THEN 1 ELSE 0 END)::smallint`;
  return sql`(
    SELECT g.local_day, ${corrected(sql`g.first_guess`, sql`g.first_instant`)} AS first_slot,
      ${corrected(sql`g.last_guess`, sql`g.last_instant`)} AS last_slot
    FROM (
      SELECT w.first_instant, w.last_instant, w.zone, w.local_start::date AS local_day,
        extract(hour FROM w.local_start)::integer AS first_guess,
        (w.local_last::date - w.local_start::date) * 24 + extract(hour FROM w.local_last)::integer AS last_guess
      FROM (
        SELECT i.first_instant, i.last_instant, i.zone,
          i.first_instant AT TIME ZONE i.zone AS local_start, i.last_instant AT TIME ZONE i.zone AS local_last
        FROM (SELECT (${startsAt}) AS first_instant, (${endsAt}) - interval '1 microsecond' AS last_instant, (${zone}) AS zone OFFSET 0) i
        OFFSET 0
      ) w
    ) g
  )`;
}

/** Working hours the rollups answer exactly (see `servedByRollups`). */
export type HourWindow = { workdayStartMinute: number; workdayEndMinute: number };

/**
 * Rollups hold whole hour slots, so they answer working hours that start and end on the hour. Other
 * working hours (08:30–17:45) cut slots in two, which no sum can undo: those queries read the bookings
 * themselves (the reference SQL). At least two hours, because a one-hour working day that is exactly
 * a skipped spring hour is empty, while a booking across it still spans its slot number. Every window
 * in use must qualify — the organisation's and each building's own — as one query serves them all.
 */
export function servedByRollups(time: HourWindow & { buildings?: readonly HourWindow[] }): boolean {
  return [time, ...(time.buildings ?? [])].every(
    (w) => w.workdayStartMinute % 60 === 0 && w.workdayEndMinute % 60 === 0 && w.workdayEndMinute - w.workdayStartMinute >= 120,
  );
}

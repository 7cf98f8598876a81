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
 * The slot of `day` that holds `instant`. The wall-clock hour is right except next to a DST change,
 * where it is off by one at most; comparing with the slot bounds corrects it with two more conversions.
 */
function slotOf(instant: SQL, day: SQL, zone: SQL): SQL {
  const guess = sql`((((${instant}) AT TIME ZONE ${zone})::date - (${day})::date) * 24
    + extract(hour FROM (${instant}) AT TIME ZONE ${zone})::integer)`;
  return sql`(${guess} + CASE WHEN ${slotStart(day, guess, zone)} > (${instant}) THEN -1
    WHEN ${slotStart(day, sql`${guess} + 1`, zone)} <= (${instant}) THEN 1 ELSE 0 END)`;
}

/** A booking's local day: the one its start falls on, as working-time.ts's `in_range` reads it. */
export function localDayOf(startsAt: SQL, zone: SQL): SQL {
  return sql`((${startsAt}) AT TIME ZONE ${zone})::date`;
}

/**
 * The three placement values stored with every booking (bookings.local_day, first_slot, last_slot),
 * as a select list: the local start day, the slot of the start and the slot of the last instant.
 */
export function placementColumns(startsAt: SQL, endsAt: SQL, zone: SQL): SQL {
  const day = localDayOf(startsAt, zone);
  return sql`${day} AS local_day,
    ${slotOf(startsAt, day, zone)}::smallint AS first_slot,
    ${slotOf(sql`(${endsAt}) - interval '1 microsecond'`, day, zone)}::smallint AS last_slot`;
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

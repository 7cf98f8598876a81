import { sql, type SQL } from "drizzle-orm";
import { roomScope } from "../room-filter";
import type { DateRange } from "../types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "../working-time";

/** Reference SQL of heatmap.ts, straight from the bookings (see reference/utilisation.ts). */
export function heatmapReferenceSql(range: DateRange, time: WorkingTime): SQL {
  return sql`
    WITH ${workingTimeCtes(range, time, roomScope())},
    slots AS (
      SELECT rd.room_id, rd.day, h.hour,
        tstzrange(greatest(lower(rd.win), (rd.day + h.hour * interval '1 hour') AT TIME ZONE rd.time_zone),
                  least(upper(rd.win), (rd.day + (h.hour + 1) * interval '1 hour') AT TIME ZONE rd.time_zone)) AS slot
      FROM room_days rd CROSS JOIN LATERAL generate_series(rd.start_minute / 60, (rd.end_minute - 1) / 60) AS h(hour)
    ),
    slot_use AS (
      SELECT extract(isodow FROM s.day)::integer AS weekday, s.hour,
        ${rangeSeconds(sql`s.slot`)} AS available,
        coalesce((SELECT sum(${rangeSeconds(sql`x`)}) FROM unnest(u.booked * tstzmultirange(s.slot)) AS x), 0) AS booked
      FROM slots s LEFT JOIN room_union u ON u.room_id = s.room_id AND u.day = s.day
    ),
    booking_hours AS (
      SELECT extract(isodow FROM b.starts_at AT TIME ZONE b.time_zone)::integer AS weekday, h.hour, b.organizer_pseudonym
      FROM relevant b,
        LATERAL generate_series(
          extract(hour FROM b.starts_at AT TIME ZONE b.time_zone)::integer,
          CASE WHEN (b.ends_at AT TIME ZONE b.time_zone)::date > (b.starts_at AT TIME ZONE b.time_zone)::date
               THEN 23
               ELSE extract(hour FROM (b.ends_at AT TIME ZONE b.time_zone) - interval '1 microsecond')::integer END
        ) AS h(hour)
    ),
    cell_people AS (
      SELECT weekday, hour, count(DISTINCT organizer_pseudonym) AS organizers FROM booking_hours GROUP BY weekday, hour
    )
    SELECT su.weekday, su.hour,
      sum(su.booked)::float8 AS "bookedSeconds",
      sum(su.available)::float8 AS "availableSeconds",
      coalesce(max(cp.organizers), 0)::integer AS organizers
    FROM slot_use su LEFT JOIN cell_people cp ON cp.weekday = su.weekday AND cp.hour = su.hour
    GROUP BY su.weekday, su.hour
    ORDER BY su.weekday, su.hour`;
}

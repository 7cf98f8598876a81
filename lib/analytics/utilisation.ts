import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { DateRange } from "./types";
import { rangeSeconds, workingTimeCtes, type WorkingTime } from "./working-time";

/** Raw, unsuppressed figures of one room; only the dashboard's suppression step may expose them. */
export type RoomUsageRow = {
  id: number;
  name: string;
  building: string;
  floor: string;
  capacity: number | null;
  bookings: number;
  bookedSeconds: number;
  workingSeconds: number;
  organizers: number;
};

export async function listRoomUsage(db: Db, range: DateRange, time: WorkingTime): Promise<RoomUsageRow[]> {
  return queryRows<RoomUsageRow>(
    db,
    sql`
      WITH ${workingTimeCtes(range, time)},
      working AS (SELECT room_id, sum(${rangeSeconds(sql`win`)}) AS seconds FROM room_days GROUP BY room_id),
      booked AS (
        SELECT u.room_id, sum(${rangeSeconds(sql`piece`)}) AS seconds
        FROM room_union u, unnest(u.booked) AS piece GROUP BY u.room_id
      ),
      counted AS (
        SELECT room_id, count(*) AS bookings, count(DISTINCT organizer_pseudonym) AS organizers
        FROM relevant GROUP BY room_id
      )
      SELECT r.id, r.name, r.building, r.floor, r.capacity,
        coalesce(c.bookings, 0)::integer AS bookings,
        coalesce(bk.seconds, 0)::float8 AS "bookedSeconds",
        coalesce(w.seconds, 0)::float8 AS "workingSeconds",
        coalesce(c.organizers, 0)::integer AS organizers
      FROM rooms r
      LEFT JOIN working w ON w.room_id = r.id
      LEFT JOIN booked bk ON bk.room_id = r.id
      LEFT JOIN counted c ON c.room_id = r.id
      WHERE r.active
      ORDER BY r.name`,
  );
}

/** Distinct organizers over the whole range: a total's own k check (it cannot be summed from rooms). */
export async function countOrganizers(db: Db, range: DateRange, time: WorkingTime): Promise<number> {
  const [row] = await queryRows<{ organizers: number }>(
    db,
    sql`WITH ${workingTimeCtes(range, time)}
        SELECT count(DISTINCT organizer_pseudonym)::integer AS organizers FROM relevant`,
  );
  return row?.organizers ?? 0;
}

import { sql, type SQL } from "drizzle-orm";

/**
 * Sensitive rooms (executive, HR, health; `rooms.sensitive`, set by an admin).
 *
 * The rule: a sensitive room's bookings enter no planner figure at all — no per-room row, chart,
 * export, API answer or CLI line, and no total, band, peer group, heatmap cell, pressure group or
 * what-if either. Only its directory facts stay (the admin's room list; building and floor choices).
 *
 * Why not keep it inside its floor's totals: every total Roomlens shows sits beside the per-room rows
 * it is made of, and the room filter narrows any total to one building, floor, band or amenity. A
 * total holding a sensitive room would therefore give it away by subtraction (total − the rooms shown)
 * whenever the filter leaves it as the only hidden room, and a companion room hidden with it would
 * have to share its building, floor, band and every amenity for that never to happen. Leaving the
 * room out of every figure is the simplest rule that is safe by construction: no output depends on
 * its bookings, so none can be recovered. tests/integration/analytics/sensitive-rooms.test.ts proves
 * it by showing that every output is the same whatever the sensitive room's bookings are.
 *
 * Every query of lib/analytics takes its room set through `analysedRoom` (directly or through
 * room-filter.ts's `roomScope`, which includes it).
 */
export function analysedRoom(alias = "r"): SQL {
  return sql.raw(`(NOT ${alias}.sensitive)`);
}

import type { Db } from "@/db/client";
import { suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { getSettings } from "@/lib/settings";
import { effectiveThresholds } from "@/lib/settings-thresholds";
import { getBehaviour } from "./behaviour";
import { suppressBehaviour, type Behaviour } from "./behaviour-suppression";
import { getGhostRate, suppressGhostRate, type GhostRate } from "./ghosts";
import { getOccupiedUtilisation, suppressOccupiedUtilisation, type OccupiedUtilisation } from "./occupied";
import { getPreference } from "./preference";
import { suppressPreference, type RoomPreference } from "./preference-suppression";
import { getPressure, suppressPressure, type PressureGroup } from "./pressure";
import { loadWorkingTime } from "./scope";
import { recommend, type Recommendation, type RecommendationThresholds } from "./recommendations";
import type { RoomFilters } from "./room-filter";
import { getSeatFill } from "./seat-fill";
import { suppressSeatFill, type SeatFill } from "./seat-fill-suppression";
import { getTrends, suppressTrends, type Trends } from "./trends";
import type { DateRange } from "./types";
import { loadRoomScope, narrowFamilies } from "./views/narrow";

/** Every metric family of issue 4 for one range and room filter, already suppressed. */
export type PlannerMetrics = {
  range: DateRange;
  filters: RoomFilters;
  minGroupSize: number;
  occupiedUtilisation: OccupiedUtilisation;
  ghostRate: GhostRate;
  pressure: PressureGroup[];
  seatFill: SeatFill;
  preference: RoomPreference[];
  behaviour: Behaviour;
  trends: Trends;
  thresholds: RecommendationThresholds;
  recommendations: Recommendation[];
};

/**
 * The planner's questions for a range, through the analytics pipeline: each family's query over every
 * room, then its suppression step with k from settings; raw rows never leave this function. Room
 * filters then pick the rows of the rooms, bands and groups they keep; totals, trends and behaviour
 * stay those of every room (views/narrow.ts says why). Recommendations are drawn from the suppressed
 * figures shown only.
 */
export async function getPlannerMetrics(db: Db, range: DateRange, filters: RoomFilters = {}): Promise<PlannerMetrics> {
  const settings = await getSettings(db);
  // Cells are checked against k × key versions (rotation-threshold.ts); the output states k itself.
  const k = await suppressionThreshold(db, settings.minGroupSize);
  const time = await loadWorkingTime(db);
  const thresholds = effectiveThresholds(settings.recommendationThresholds);
  const [occupied, ghosts, pressure, seatFill, preference, behaviour, trends, scope] = await Promise.all([
    getOccupiedUtilisation(db, range, {}, time, k),
    getGhostRate(db, range, {}, time, k),
    getPressure(db, range, {}, time, k),
    getSeatFill(db, range, {}, time, k),
    getPreference(db, range, {}, time, undefined, k),
    getBehaviour(db, range, {}, time, k),
    getTrends(db, range, {}, time, k),
    loadRoomScope(db, filters),
  ]);
  const shown = narrowFamilies(
    {
      occupiedUtilisation: suppressOccupiedUtilisation(occupied, k),
      ghostRate: suppressGhostRate(ghosts, k),
      pressure: suppressPressure(pressure, k),
      seatFill: suppressSeatFill(seatFill, k),
      preference: suppressPreference(preference, k),
      behaviour: suppressBehaviour(behaviour, k),
      trends: suppressTrends(trends, k),
    },
    scope,
  );
  return {
    range,
    filters,
    minGroupSize: settings.minGroupSize,
    ...shown,
    thresholds,
    recommendations: recommend(shown, thresholds),
  };
}

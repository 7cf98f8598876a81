import type { Db } from "@/db/client";
import { suppressionThreshold } from "@/lib/privacy/rotation-threshold";
import { getSettings } from "@/lib/settings";
import { effectiveThresholds } from "@/lib/settings-thresholds";
import { getBehaviour } from "../behaviour";
import { suppressBehaviour, type Behaviour } from "../behaviour-suppression";
import { getDashboardMetrics } from "../dashboard";
import { getGhostRate, suppressGhostRate, type GhostRate } from "../ghosts";
import { getOccupiedUtilisation, suppressOccupiedUtilisation, type OccupiedUtilisation } from "../occupied";
import { getPreference } from "../preference";
import { suppressPreference, type RoomPreference } from "../preference-suppression";
import { getPressure, suppressPressure, type PressureGroup } from "../pressure";
import {
  recommend,
  type Recommendation,
  type RecommendationInputs,
  type RecommendationThresholds,
} from "../recommendations";
import type { RoomFilters } from "../room-filter";
import { getSeatFill } from "../seat-fill";
import { suppressSeatFill, type SeatFill } from "../seat-fill-suppression";
import { getTrends, suppressTrends, type Trends } from "../trends";
import { loadRangeUsage } from "../utilisation";
import type { DashboardMetrics, DateRange } from "../types";
import { loadWorkingTime } from "../scope";

/**
 * The data behind each planner page and its downloads. Each view runs only the metric families it
 * shows (each through its own suppression step, as getPlannerMetrics does), so a page does not pay
 * for the others; the page and the export route call the same function, so a download holds exactly
 * the values and suppression shown on screen.
 */
export type ViewBase = {
  range: DateRange;
  filters: RoomFilters;
  minGroupSize: number;
  thresholds: RecommendationThresholds;
  /** The recommendations this view's families trigger (suppressed values never trigger one). */
  recommendations: Recommendation[];
};

export type OverviewView = ViewBase & {
  view: "overview";
  dashboard: DashboardMetrics;
  pressure: PressureGroup[];
  seatFill: SeatFill;
  preference: RoomPreference[];
};
export type DemandView = ViewBase & { view: "demand"; dashboard: DashboardMetrics; pressure: PressureGroup[] };
export type RightSizingView = ViewBase & { view: "right-sizing"; seatFill: SeatFill };
export type PreferenceView = ViewBase & { view: "preference"; preference: RoomPreference[] };
export type BehaviourView = ViewBase & {
  view: "behaviour";
  ghostRate: GhostRate;
  occupiedUtilisation: OccupiedUtilisation;
  behaviour: Behaviour;
  trends: Trends;
};

export type PlannerView = OverviewView | DemandView | RightSizingView | PreferenceView | BehaviourView;
export type ViewId = PlannerView["view"];
export const viewIds = ["overview", "demand", "right-sizing", "preference", "behaviour"] as const satisfies readonly ViewId[];

export function isViewId(value: string): value is ViewId {
  return (viewIds as readonly string[]).includes(value);
}

/** Stand-ins for the families a view does not run: suppressed and empty, so they trigger nothing. */
const noSeatFill: SeatFill = { bookings: null, seatFill: null, suppressed: true, byBand: [], byRoom: [] };
const noGhosts: GhostRate = { bookingsWithCheckIn: null, ghosts: null, ghostRate: null, hoursLost: null, suppressed: true, byRoom: [] };

async function context(db: Db, range: DateRange, filters: RoomFilters) {
  const settings = await getSettings(db);
  const time = await loadWorkingTime(db);
  const thresholds = effectiveThresholds(settings.recommendationThresholds);
  const base = (inputs: Partial<RecommendationInputs>) => ({
    range,
    filters,
    minGroupSize: settings.minGroupSize,
    thresholds,
    recommendations: recommend({ pressure: [], seatFill: noSeatFill, preference: [], ghostRate: noGhosts, ...inputs }, thresholds),
  });
  // Cells are checked against k × key versions (rotation-threshold.ts); the page states k itself.
  return { k: await suppressionThreshold(db, settings.minGroupSize), time, base };
}

/** `/`: the three questions (pressure, seat fill, preference) beside the dashboard's figures. */
export async function getOverviewView(db: Db, range: DateRange, filters: RoomFilters = {}): Promise<OverviewView> {
  const { k, time, base } = await context(db, range, filters);
  // The dashboard and preference both read every room's usage over the range: loaded once.
  const usage = loadRangeUsage(db, range, time);
  const [dashboard, pressure, seatFill, preference] = await Promise.all([
    getDashboardMetrics(db, range, usage),
    getPressure(db, range, filters, time),
    getSeatFill(db, range, filters, time),
    getPreference(db, range, filters, time, usage),
  ]);
  const shown = {
    pressure: suppressPressure(pressure, k),
    seatFill: suppressSeatFill(seatFill, k),
    preference: suppressPreference(preference, k),
  };
  return { view: "overview", ...base(shown), dashboard, ...shown };
}

export async function getDemandView(db: Db, range: DateRange, filters: RoomFilters = {}): Promise<DemandView> {
  const { k, time, base } = await context(db, range, filters);
  const [dashboard, pressure] = await Promise.all([getDashboardMetrics(db, range), getPressure(db, range, filters, time)]);
  const shown = { pressure: suppressPressure(pressure, k) };
  return { view: "demand", ...base(shown), dashboard, ...shown };
}

export async function getRightSizingView(db: Db, range: DateRange, filters: RoomFilters = {}): Promise<RightSizingView> {
  const { k, time, base } = await context(db, range, filters);
  const shown = { seatFill: suppressSeatFill(await getSeatFill(db, range, filters, time), k) };
  return { view: "right-sizing", ...base(shown), ...shown };
}

export async function getPreferenceView(db: Db, range: DateRange, filters: RoomFilters = {}): Promise<PreferenceView> {
  const { k, time, base } = await context(db, range, filters);
  const shown = { preference: suppressPreference(await getPreference(db, range, filters, time), k) };
  return { view: "preference", ...base(shown), ...shown };
}

export async function getBehaviourView(db: Db, range: DateRange, filters: RoomFilters = {}): Promise<BehaviourView> {
  const { k, time, base } = await context(db, range, filters);
  const [ghosts, occupied, behaviour, trends] = await Promise.all([
    getGhostRate(db, range, filters, time),
    getOccupiedUtilisation(db, range, filters, time),
    getBehaviour(db, range, filters, time),
    getTrends(db, range, filters, time),
  ]);
  const ghostRate = suppressGhostRate(ghosts, k);
  return {
    view: "behaviour",
    ...base({ ghostRate }),
    ghostRate,
    occupiedUtilisation: suppressOccupiedUtilisation(occupied, k),
    behaviour: suppressBehaviour(behaviour, k),
    trends: suppressTrends(trends, k),
  };
}

export const viewLoaders: { [V in ViewId]: (db: Db, range: DateRange, filters: RoomFilters) => Promise<Extract<PlannerView, { view: V }>> } = {
  overview: getOverviewView,
  demand: getDemandView,
  "right-sizing": getRightSizingView,
  preference: getPreferenceView,
  behaviour: getBehaviourView,
};

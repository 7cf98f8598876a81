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
import { loadRoomScope, narrowFamilies, type RoomScope } from "./narrow";

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

/** The recommendations of the families a view shows. */
function recommendFor(view: Partial<RecommendationInputs>, thresholds: RecommendationThresholds): Recommendation[] {
  return recommend({ pressure: [], seatFill: noSeatFill, preference: [], ghostRate: noGhosts, ...view }, thresholds);
}

async function context(db: Db, range: DateRange) {
  const settings = await getSettings(db);
  const time = await loadWorkingTime(db);
  const thresholds = effectiveThresholds(settings.recommendationThresholds);
  const base = (inputs: Partial<RecommendationInputs>): ViewBase => ({
    range,
    filters: {},
    minGroupSize: settings.minGroupSize,
    thresholds,
    recommendations: recommendFor(inputs, thresholds),
  });
  // Cells are checked against k × key versions (rotation-threshold.ts); the page states k itself.
  return { k: await suppressionThreshold(db, settings.minGroupSize), time, base };
}

/*
 * Each view over every room. Room filters never reach these: a figure over some rooms could be
 * subtracted from the same figure over all (narrow.ts), so `narrowView` picks rows of these instead.
 */

/** `/`: the three questions (pressure, seat fill, preference) beside the dashboard's figures. */
async function overviewOfAllRooms(db: Db, range: DateRange): Promise<OverviewView> {
  const { k, time, base } = await context(db, range);
  // The dashboard and preference both read every room's usage over the range: loaded once.
  const usage = loadRangeUsage(db, range, time, k);
  const [dashboard, pressure, seatFill, preference] = await Promise.all([
    getDashboardMetrics(db, range, usage),
    getPressure(db, range, {}, time, k),
    getSeatFill(db, range, {}, time, k),
    getPreference(db, range, {}, time, usage, k),
  ]);
  const shown = {
    pressure: suppressPressure(pressure, k),
    seatFill: suppressSeatFill(seatFill, k),
    preference: suppressPreference(preference, k),
  };
  return { view: "overview", ...base(shown), dashboard, ...shown };
}

async function demandOfAllRooms(db: Db, range: DateRange): Promise<DemandView> {
  const { k, time, base } = await context(db, range);
  const [dashboard, pressure] = await Promise.all([getDashboardMetrics(db, range), getPressure(db, range, {}, time, k)]);
  const shown = { pressure: suppressPressure(pressure, k) };
  return { view: "demand", ...base(shown), dashboard, ...shown };
}

async function rightSizingOfAllRooms(db: Db, range: DateRange): Promise<RightSizingView> {
  const { k, time, base } = await context(db, range);
  const shown = { seatFill: suppressSeatFill(await getSeatFill(db, range, {}, time, k), k) };
  return { view: "right-sizing", ...base(shown), ...shown };
}

async function preferenceOfAllRooms(db: Db, range: DateRange): Promise<PreferenceView> {
  const { k, time, base } = await context(db, range);
  const shown = { preference: suppressPreference(await getPreference(db, range, {}, time, undefined, k), k) };
  return { view: "preference", ...base(shown), ...shown };
}

async function behaviourOfAllRooms(db: Db, range: DateRange): Promise<BehaviourView> {
  const { k, time, base } = await context(db, range);
  const [ghosts, occupied, behaviour, trends] = await Promise.all([
    getGhostRate(db, range, {}, time, k),
    getOccupiedUtilisation(db, range, {}, time, k),
    getBehaviour(db, range, {}, time, k),
    getTrends(db, range, {}, time, k),
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

/** Each view over every room, by id (what the view cache keeps; filters are applied after). */
export const allRoomsLoaders: { [V in ViewId]: (db: Db, range: DateRange) => Promise<Extract<PlannerView, { view: V }>> } = {
  overview: overviewOfAllRooms,
  demand: demandOfAllRooms,
  "right-sizing": rightSizingOfAllRooms,
  preference: preferenceOfAllRooms,
  behaviour: behaviourOfAllRooms,
};

/**
 * An all-rooms view as the filters show it: the rows of the rooms, bands and groups they keep, and the
 * recommendations those rows trigger (narrow.ts). `scope`: `loadRoomScope(db, filters)`.
 */
export function narrowView<V extends PlannerView>(view: V, scope: RoomScope): V {
  if (scope === null) return view;
  const narrowed = narrowFamilies(view, scope);
  return { ...narrowed, filters: scope.filters, recommendations: recommendFor(narrowed, view.thresholds) };
}

/** A view as a page, a download or the API shows it: over every room, narrowed to the filters' rows. */
async function loadView<V extends ViewId>(db: Db, view: V, range: DateRange, filters: RoomFilters): Promise<Extract<PlannerView, { view: V }>> {
  const load: (db: Db, range: DateRange) => Promise<Extract<PlannerView, { view: V }>> = allRoomsLoaders[view];
  const [whole, scope] = await Promise.all([load(db, range), loadRoomScope(db, filters)]);
  return narrowView(whole, scope);
}

export const getOverviewView = (db: Db, range: DateRange, filters: RoomFilters = {}) => loadView(db, "overview", range, filters);
export const getDemandView = (db: Db, range: DateRange, filters: RoomFilters = {}) => loadView(db, "demand", range, filters);
export const getRightSizingView = (db: Db, range: DateRange, filters: RoomFilters = {}) => loadView(db, "right-sizing", range, filters);
export const getPreferenceView = (db: Db, range: DateRange, filters: RoomFilters = {}) => loadView(db, "preference", range, filters);
export const getBehaviourView = (db: Db, range: DateRange, filters: RoomFilters = {}) => loadView(db, "behaviour", range, filters);

export const viewLoaders: { [V in ViewId]: (db: Db, range: DateRange, filters: RoomFilters) => Promise<Extract<PlannerView, { view: V }>> } = {
  overview: getOverviewView,
  demand: getDemandView,
  "right-sizing": getRightSizingView,
  preference: getPreferenceView,
  behaviour: getBehaviourView,
};

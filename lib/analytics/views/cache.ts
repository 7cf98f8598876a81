import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { RoomFilters } from "../room-filter";
import { listRoomFilterOptions, type RoomFilterOptions } from "../room-filter-params";
import type { DateRange } from "../types";
import { allRoomsLoaders, narrowView, type PlannerView, type ViewId } from "./data";
import { loadRoomScope } from "./narrow";

/**
 * An in-process cache of computed planner data, so that a hundred planners opening the dashboard cost
 * one computation, not a hundred (the load test in docs/benchmarks.md: without it the server queued
 * every request behind seconds of database time and answered none of them).
 *
 * Each entry is keyed by what was asked (view, range, filters) and by the data version: a value read
 * from the database in one cheap statement, which every write that can change a figure moves —
 * - an import, sync or webhook delivery that inserts, updates or cancels bookings records so in its
 *   sync run (`sync_runs`, in its merge transaction). A run that changed no booking leaves the version
 *   alone: at enterprise scale a view takes tens of seconds to compute, and scheduled syncs every few
 *   minutes, most of them finding nothing new, would otherwise throw every view away each time;
 * - an exclusion, a purge, a settings, room-directory or integration change writes an audit entry in
 *   its own transaction (invariant 8), as does an import that creates its feed's room (`--room`). Only
 *   the audit actions that read (API calls, exports) are ignored, so an action added later
 *   invalidates by default.
 * The version is read again on every call, so a change is visible to the next request after its
 * commit, from any process (the CLI, the scheduler); invariant 4 (an exclusion applies at once) holds.
 * Against a write that bypasses all of these (an operator's SQL), an entry older than `MAX_AGE_MS` is
 * computed again: the request that finds it so still gets it at once, and the new value replaces it
 * when ready (a planner does not wait tens of seconds for figures that most likely did not change).
 *
 * Values are shared between requests: callers must not mutate what they get.
 */

/** Audit actions that change no figure a planner sees; every other action moves the version. */
const READ_ONLY_ACTIONS = ["api.read", "api.refused", "export"] as const;
/** A view of thousands of rooms is a few MB; the most recently used 50 answers bound the memory. */
const MAX_ENTRIES = 50;
const MAX_AGE_MS = 5 * 60_000;

/** `refreshing`: an aged entry being computed again (`refresh`). */
type Entry = { version: string; storedAt: number; value: Promise<unknown>; refreshing: boolean };

/**
 * Per database handle (a test process opens several; the server one): entries, and how far its audit
 * log has been searched.
 */
type CacheState = { entries: Map<string, Entry>; auditTop: number; auditRelevant: number };
const states = new WeakMap<Db, CacheState>();

function stateOf(db: Db): CacheState {
  let state = states.get(db);
  if (!state) {
    state = { entries: new Map(), auditTop: 0, auditRelevant: 0 };
    states.set(db, state);
  }
  return state;
}

/**
 * The data version, one statement. The audit log grows with every API call, so its newest relevant
 * entry is searched only among the entries added since the previous look (with a margin for a
 * transaction that took its id early and committed late), not over the whole log.
 */
const LATE_COMMIT_MARGIN = 1000;

export async function readDataVersion(db: Db): Promise<string> {
  const state = stateOf(db);
  const floor = Math.max(0, state.auditTop - LATE_COMMIT_MARGIN);
  const [row] = await queryRows<{ run: number | null; top: number | null; relevant: number | null }>(
    db,
    sql`SELECT (SELECT max(id) FROM sync_runs WHERE inserted + updated + cancelled > 0)::bigint AS run, max(id)::bigint AS top,
      (max(id) FILTER (WHERE action <> ALL(${`{${READ_ONLY_ACTIONS.join(",")}}`}::text[])))::bigint AS relevant
      FROM audit_log WHERE id > ${floor}`,
  );
  state.auditTop = Math.max(state.auditTop, Number(row?.top ?? 0));
  state.auditRelevant = Math.max(state.auditRelevant, Number(row?.relevant ?? 0));
  return `${Number(row?.run ?? 0)}:${state.auditRelevant}`;
}

/**
 * `compute()`'s value for `key` at the current data version: computed once, then shared — also with
 * calls that arrive while it is being computed. A failed computation is not kept.
 */
export async function cachedRead<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const version = await readDataVersion(db);
  const { entries } = stateOf(db);
  const id = JSON.stringify(key);
  const now = Date.now();
  const found = entries.get(id);
  if (found && found.version === version) {
    // Re-inserted: the Map's order is then least recently used first.
    entries.delete(id);
    entries.set(id, found);
    if (now - found.storedAt >= MAX_AGE_MS && !found.refreshing) refresh(entries, id, found, compute);
    return found.value as Promise<T>;
  }
  const value = compute();
  store(entries, id, { version, storedAt: now, value, refreshing: false });
  return value;
}

function store(entries: Map<string, Entry>, id: string, entry: Entry): void {
  entries.delete(id);
  entries.set(id, entry);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  entry.value.catch(() => {
    if (entries.get(id) === entry) entries.delete(id);
  });
}

/**
 * Computes an aged entry again in the background; the old value is served until the new one is ready,
 * and kept if the computation fails. A newer entry stored meanwhile (the version moved) is left alone.
 */
function refresh(entries: Map<string, Entry>, id: string, aged: Entry, compute: () => Promise<unknown>): void {
  aged.refreshing = true;
  const storedAt = Date.now();
  compute().then(
    (result) => {
      if (entries.get(id) === aged) store(entries, id, { version: aged.version, storedAt, value: Promise.resolve(result), refreshing: false });
    },
    () => {
      aged.refreshing = false;
    },
  );
}

/**
 * A planner view's data (lib/analytics/views/data.ts), through the cache. The all-rooms view is kept
 * once per range, and every filter narrows that same value to its rows (narrow.ts): a filtered page
 * costs a lookup of the rooms it keeps, not a computation of its own.
 */
export async function cachedView<V extends ViewId>(
  db: Db,
  view: V,
  range: DateRange,
  filters: RoomFilters = {},
): Promise<Extract<PlannerView, { view: V }>> {
  const load: (db: Db, range: DateRange) => Promise<Extract<PlannerView, { view: V }>> = allRoomsLoaders[view];
  const [whole, scope] = await Promise.all([
    cachedRead(db, ["view", view, range], () => load(db, range)),
    cachedRead(db, ["room-scope", canonicalFilters(filters)], () => loadRoomScope(db, filters)),
  ]);
  return narrowView(whole, scope);
}

/**
 * The filter form's options (the room directory's buildings, floors, bands and amenities), through the
 * cache: every planner page lists them, and reading and sorting the whole directory per request grows
 * with the number of rooms. Room changes move the data version like the figures do (an import's sync
 * run, an admin's audited edit). Only the building narrows the options (to its floors).
 */
export function cachedRoomFilterOptions(db: Db, filters: RoomFilters = {}): Promise<RoomFilterOptions> {
  const scope: RoomFilters = filters.building === undefined ? {} : { building: filters.building };
  return cachedRead(db, ["room-filter-options", canonicalFilters(scope)], () => listRoomFilterOptions(db, scope));
}

/** Filters with their keys in one order, so equal filters make equal keys. */
function canonicalFilters(filters: RoomFilters): [string, unknown][] {
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Forgets everything cached for `db` (tests). */
export function clearViewCache(db: Db): void {
  states.delete(db);
}

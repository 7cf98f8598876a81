import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { RoomFilters } from "../room-filter";
import { listRoomFilterOptions, type RoomFilterOptions } from "../room-filter-params";
import type { DateRange } from "../types";
import { allRoomsLoaders, narrowView, viewIds, type PlannerView, type ViewId } from "./data";
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
 * A planner view (`cachedView`) that took `SLOW_MS` or more to compute is also served at once when only
 * imports moved the version since: at enterprise scale a view takes tens of seconds, and every planner
 * opening the dashboard after the nightly sync would otherwise wait for it. The page says the figures
 * are being brought up to date (`Freshness`), and the new value replaces the old one when ready. Only
 * imports: an exclusion, a purge, a settings or directory change moves the audit part of the version,
 * and the next request waits for figures that reflect it (invariant 4). A view that computes quickly
 * is always computed afresh, so a small workplace never sees figures older than its last import.
 *
 * Values are shared between requests: callers must not mutate what they get.
 */

/** Audit actions that change no figure a planner sees; every other action moves the version. */
const READ_ONLY_ACTIONS = ["api.read", "api.refused", "export"] as const;
/** A view of thousands of rooms is a few MB; the most recently used 50 answers bound the memory. */
const MAX_ENTRIES = 50;
const MAX_AGE_MS = 5 * 60_000;
/** A view that took this long is served while it is computed again after an import (see above). */
export const SLOW_MS = 2_000;

/**
 * The data version in its two parts: the newest sync run that changed a booking, and the newest
 * audited change. `key` is both, as entries compare them.
 */
type DataVersion = { run: number; audit: number; key: string };

/**
 * `storedAt`: when its computation started (its figures are of the data then); `computeMs`: how long
 * it took, null until done; `pending`: a background computation of it, done when its value is stored
 * (or has failed).
 */
type Entry = {
  version: DataVersion;
  storedAt: number;
  value: Promise<unknown>;
  computeMs: number | null;
  pending: Promise<void> | null;
};

/** A value as served, with how current it is, and (`current`) when the value at the current version is ready. */
type Served<T> = { value: Promise<T>; freshness: Freshness; current: Promise<unknown> };

/** How current a served value is: whether newer imports are being added to it. */
export type Freshness = { updating: boolean };

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

async function readDataVersion(db: Db): Promise<DataVersion> {
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
  const run = Number(row?.run ?? 0);
  return { run, audit: state.auditRelevant, key: `${run}:${state.auditRelevant}` };
}

/**
 * `compute()`'s value for `key` at the current data version: computed once, then shared — also with
 * calls that arrive while it is being computed. A failed computation is not kept.
 */
export async function cachedRead<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  return (await lookup(db, key, compute, false)).value;
}

/**
 * `cachedRead` for planner views, with how current the value is: one that took `SLOW_MS` or more is
 * served while it is computed again after imports (see above), with `freshness.updating` set.
 */
export function cachedReadWithFreshness<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>): Promise<Served<T>> {
  return lookup(db, key, compute, true);
}

async function lookup<T>(
  db: Db,
  key: readonly unknown[],
  compute: () => Promise<T>,
  whileImporting: boolean,
): Promise<Served<T>> {
  const version = await readDataVersion(db);
  const { entries } = stateOf(db);
  const id = JSON.stringify(key);
  const now = Date.now();
  const found = entries.get(id);
  if (found && found.version.key === version.key) {
    // Re-inserted: the Map's order is then least recently used first.
    entries.delete(id);
    entries.set(id, found);
    if (now - found.storedAt >= MAX_AGE_MS && found.pending === null) refresh(entries, id, found, compute, version);
    return served(found, false);
  }
  const onlyImportsSince = found !== undefined && found.version.audit === version.audit && found.version.run < version.run;
  if (found && whileImporting && onlyImportsSince && found.computeMs !== null && found.computeMs >= SLOW_MS) {
    entries.delete(id);
    entries.set(id, found);
    if (found.pending === null) refresh(entries, id, found, compute, version);
    return served(found, true);
  }
  const entry: Entry = { version, storedAt: now, value: compute(), computeMs: null, pending: null };
  timeComputation(entry);
  store(entries, id, entry);
  return served(entry, false);
}

function served<T>(entry: Entry, updating: boolean): Served<T> {
  return {
    value: entry.value as Promise<T>,
    freshness: { updating },
    current: updating && entry.pending ? entry.pending : entry.value,
  };
}

/** Records how long the entry's computation took, once it is done. */
function timeComputation(entry: Entry): void {
  entry.value.then(
    () => {
      entry.computeMs = Date.now() - entry.storedAt;
    },
    () => undefined,
  );
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
 * Computes an entry again in the background, at `version` (its own when it has aged; a newer one after
 * imports); the old value is served until the new one is ready, and kept if the computation fails.
 * A newer entry stored meanwhile (the version moved past imports) is left alone.
 */
function refresh(entries: Map<string, Entry>, id: string, old: Entry, compute: () => Promise<unknown>, version: DataVersion): void {
  const storedAt = Date.now();
  const done = compute().then(
    (result) => {
      if (entries.get(id) !== old) return;
      store(entries, id, { version, storedAt, value: Promise.resolve(result), computeMs: Date.now() - storedAt, pending: null });
    },
    () => {
      old.pending = null;
    },
  );
  old.pending = done;
}

/**
 * A planner view's data (lib/analytics/views/data.ts), through the cache. The all-rooms view is kept
 * once per range, and every filter narrows that same value to its rows (narrow.ts): a filtered page
 * costs a lookup of the rooms it keeps, not a computation of its own. `whileImporting: false` never
 * takes a slow view's figures from before an import (a download, which nothing marks as earlier once
 * saved): it waits for current ones, as the JSON API does.
 */
export async function cachedView<V extends ViewId>(
  db: Db,
  view: V,
  range: DateRange,
  filters: RoomFilters = {},
  { whileImporting = true }: { whileImporting?: boolean } = {},
): Promise<Extract<PlannerView, { view: V }> & { freshness: Freshness }> {
  const load: (db: Db, range: DateRange) => Promise<Extract<PlannerView, { view: V }>> = allRoomsLoaders[view];
  const [whole, scope] = await Promise.all([
    lookup(db, ["view", view, range], () => load(db, range), whileImporting),
    cachedRead(db, ["room-scope", canonicalFilters(filters)], () => loadRoomScope(db, filters)),
  ]);
  return { ...narrowView(await whole.value, scope), freshness: whole.freshness };
}

/**
 * Brings every planner view of `range` up to date in the cache, one view at a time, and returns when
 * all are current: what the warm-up schedule (warm-schedule.ts) runs, so that planners find them
 * computed. A view being computed for a planner's request is waited for, not computed twice.
 */
export async function warmViews(db: Db, range: DateRange): Promise<void> {
  for (const view of viewIds) {
    const load: (db: Db, range: DateRange) => Promise<PlannerView> = allRoomsLoaders[view];
    const { current } = await cachedReadWithFreshness(db, ["view", view, range], () => load(db, range));
    await current;
  }
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

import { z } from "zod";
import { isCapacityBand, type CapacityBand } from "./bands";
import { parseDateRange, type SearchParams } from "./filters";
import type { DateRange } from "./types";

/** `count` new rooms of `band` in `building`, as the what-if imagines them. */
export type AddedRooms = { building: string; band: CapacityBand; count: number };

export type WhatIfInput = {
  range: DateRange;
  /** Ids of rooms removed from the meeting-room stock (to desks, or to be rebuilt as other rooms). */
  removed: number[];
  added: AddedRooms[];
};

/** Rows of the "add rooms" part of the form; each row adds at most this many rooms. */
export const ADD_ROWS = 3;
export const MAX_ADDED_PER_ROW = 50;

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const roomId = z.coerce.number().int().positive();
const count = z.coerce.number().int().min(1).max(MAX_ADDED_PER_ROW);

export type ParsedWhatIf = {
  input: WhatIfInput;
  /** Rows of the add part that named something but could not be used (unknown building, bad count). */
  ignoredRows: number;
};

/**
 * Reads the what-if's GET form: `from`/`to` as every planner view does, `remove` once per room, and
 * the add rows as aligned lists `addBuilding`, `addBand`, `addCount` (a row left blank is skipped).
 * Only ids of `knownRooms` and names of `knownBuildings` are kept, so a hand-edited URL cannot make
 * the replay invent a building or count a room twice.
 */
export function parseWhatIfParams(
  params: SearchParams,
  today: Date,
  knownRooms: ReadonlySet<number>,
  knownBuildings: ReadonlySet<string>,
): ParsedWhatIf {
  const removed = [...new Set(list(params.remove).flatMap((value) => {
    const id = roomId.safeParse(value);
    return id.success && knownRooms.has(id.data) ? [id.data] : [];
  }))].sort((a, b) => a - b);

  const buildings = list(params.addBuilding);
  const bands = list(params.addBand);
  const counts = list(params.addCount);
  const added: AddedRooms[] = [];
  let ignoredRows = 0;
  for (let row = 0; row < Math.max(buildings.length, bands.length, counts.length); row += 1) {
    const building = buildings[row] ?? "";
    const band = bands[row] ?? "";
    const number = count.safeParse(counts[row]);
    if ((counts[row] ?? "").trim() === "") continue;
    if (!knownBuildings.has(building) || !isCapacityBand(band) || !number.success) {
      ignoredRows += 1;
      continue;
    }
    const same = added.find((a) => a.building === building && a.band === band);
    if (same) same.count = Math.min(same.count + number.data, MAX_ADDED_PER_ROW * ADD_ROWS);
    else added.push({ building, band, count: number.data });
  }
  return { input: { range: parseDateRange(params, today), removed, added }, ignoredRows };
}

/** True when there is something to replay: at least one room removed or added. */
export function hasScenario(input: WhatIfInput): boolean {
  return input.removed.length > 0 || input.added.length > 0;
}

import { z } from "zod";
import type { RoomFilters } from "../room-filter";
import type { DateRange } from "../types";
import type { PlannerView, ViewId } from "./data";
import { listViewTables, viewTableIds } from "./tables";
import { tableCsv, tableRecords, type ViewTable } from "./table";

/** `?format=csv|json&table=<id>`: JSON by default; a CSV holds one table, the view's first unless named. */
const exportParams = z.object({
  format: z.preprocess((value) => (Array.isArray(value) ? value[0] : value) || undefined, z.enum(["csv", "json"]).optional()),
  table: z.preprocess((value) => (Array.isArray(value) ? value[0] : value) || undefined, z.string().max(64).optional()),
});

export type ExportRequest = { format: "csv" | "json"; table: string | undefined };

/**
 * null: a format that is neither csv nor json. "index": neither a format nor a table was asked for,
 * so the answer is the list of downloads (nothing is computed, nothing exported).
 */
export function parseExportParams(searchParams: Record<string, string | string[] | undefined>): ExportRequest | "index" | null {
  const parsed = exportParams.safeParse(searchParams);
  if (!parsed.success) return null;
  const { format, table } = parsed.data;
  if (format === undefined && table === undefined) return "index";
  return { format: format ?? "json", table };
}

/** What `/api/export/<view>` offers: its tables and how to ask for each, for scripts and people alike. */
export function exportIndex(view: ViewId) {
  const tables = viewTableIds[view];
  return {
    view,
    tables,
    formats: ["csv", "json"],
    parameters: {
      format: "csv (one table; the view's first unless `table` is given) or json (one table, or every table of the view)",
      table: tables.join(" | "),
      from: "YYYY-MM-DD (default: 90 days before `to`)",
      to: "YYYY-MM-DD (default: today)",
      building: "a building of the room directory",
      floor: "a floor of the room directory",
      band: "1-2 | 3-4 | 5-8 | 9-12 | 13+",
      amenity: "an amenity of the room directory",
    },
    suppressed: "cells covering fewer than k people are written as the word `suppressed`, never 0 or empty",
    example: `/api/export/${view}?format=csv&table=${tables[0]}`,
  };
}

export type ExportFile = { body: string; contentType: string; filename: string; table: string };

type Header = { view: ViewId; range: DateRange; filters: RoomFilters; minGroupSize: number };

const tableJson = (table: ViewTable) => ({ columns: table.columns.map((col) => col.key), rows: tableRecords(table) });

/**
 * The download of a view, from the same tables the page renders: a suppressed cell is the word
 * `suppressed` in CSV and JSON alike. Null when the view has no such table.
 */
export function buildExport(view: PlannerView, request: ExportRequest): ExportFile | null {
  const tables = listViewTables(view);
  const header: Header = { view: view.view, range: view.range, filters: view.filters, minGroupSize: view.minGroupSize };
  const chosen = request.table === undefined ? undefined : tables.find((table) => table.id === request.table);
  if (request.table !== undefined && chosen === undefined) return null;
  const stem = `roomlens-${view.view}-${chosen?.id ?? (request.format === "csv" ? tables[0]?.id : "all") ?? "all"}-${view.range.from}-${view.range.to}`;

  if (request.format === "csv") {
    const table = chosen ?? tables[0];
    if (!table) return null;
    return { body: tableCsv(table), contentType: "text/csv; charset=utf-8", filename: `${stem}.csv`, table: table.id };
  }
  const body = chosen
    ? { ...header, table: chosen.id, ...tableJson(chosen) }
    : { ...header, tables: Object.fromEntries(tables.map((table) => [table.id, tableJson(table)])) };
  return { body: JSON.stringify(body, null, 2), contentType: "application/json; charset=utf-8", filename: `${stem}.json`, table: chosen?.id ?? "all" };
}

import type { CapacityBand } from "../bands";

/**
 * One table of a planner view, as the page shows it and the downloads write it. Cells carry their
 * own suppression flag, so the screen says "suppressed (< k people)" and the CSV `suppressed` for
 * exactly the same cells; a suppressed cell has no value at all (never 0, never the real number).
 */
export type ColumnType =
  | "text"
  /** Whole numbers: counts, seats. */
  | "integer"
  /** One decimal: mean seats. */
  | "decimal"
  | "hours"
  /** A 0–1 share, shown as a percentage. */
  | "share"
  /** A ratio such as the preference index, shown with two decimals. */
  | "ratio"
  /** A calendar day, YYYY-MM-DD. */
  | "day"
  /** An ISO weekday, 1 = Monday. */
  | "weekday"
  /** A local hour of the day, 0–23. */
  | "hour";

export const columnKeys = [
  "room", "building", "floor", "seats", "band", "amenities", "kind", "subject", "text", "threshold", "thresholdValue",
  "rooms", "bookings", "bookedHours", "utilisation", "weekday", "hour", "workingHours", "pressuredHours", "pressure",
  "peak", "peakShare", "day", "seatFill", "fill0to25", "fill25to50", "fill50to75", "fill75to100", "suggestedSeats",
  "seatsGained", "peers", "peerUtilisation", "preferenceIndex", "revealedBookings", "chosenWhilePeerFree", "revealedShare",
  "attribute", "preferred", "neutral", "avoided", "bookingsWithCheckIn", "ghosts", "ghostRate", "hoursLost",
  "occupiedHours", "occupiedUtilisation", "measure", "value", "unit", "bucket", "share", "week", "previousWeek",
  "previousBookings", "previousBookedHours", "previousUtilisation",
] as const;
export type ColumnKey = (typeof columnKeys)[number];

export type TableColumn = { key: ColumnKey; type: ColumnType };

/**
 * What a cell stands for when its stored value is a code, so each language can name it: the export
 * writes `value` ("all", "1-2", "<1h"), the page writes the label in the reader's words.
 */
export type CellLabel =
  | { kind: "allBuildings" }
  | { kind: "allBands" }
  | { kind: "noBuilding" }
  | { kind: "band"; band: CapacityBand }
  | { kind: "leadBucket"; bucket: string }
  | { kind: "durationBucket"; bucket: string }
  | { kind: "seatFillBucket"; bucket: string }
  | { kind: "measure"; measure: MeasureId }
  | { kind: "attribute"; attribute: "rooms" | "meanSeats" | "floors" | "revealedShare" }
  | { kind: "amenityShare"; amenity: string }
  | { kind: "recommendation"; recommendation: string }
  | { kind: "threshold"; threshold: string };

export type TableCell = {
  value: string | number | null;
  suppressed: boolean;
  /** Overrides the column's type for this cell (key–value tables mix units). */
  type?: ColumnType;
  label?: CellLabel;
};

export type ViewTable<Id extends string = string> = { id: Id; columns: TableColumn[]; rows: TableCell[][] };

/** The behaviour view's key figures, each one row of its summary table. */
export const measureIds = [
  "ghostRate", "hoursLost", "bookingsWithCheckIn", "occupiedUtilisation", "occupiedHours", "cancellationRate",
  "cancelled", "lateCancellationRate", "lateCancellations", "cancelledTimingUnknown", "medianLeadHours",
  "recurringShare", "recurring", "heldBookings", "bookingsInHours",
] as const;
export type MeasureId = (typeof measureIds)[number];

/** Numbers are kept to 4 decimals, as `metrics --json` writes them. */
function round(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 10_000) / 10_000;
}

/** A cell of a suppressible value: hidden cells keep no value. */
export function cell(value: number | string | null, suppressed = false, extra: Pick<TableCell, "type" | "label"> = {}): TableCell {
  if (suppressed) return { value: null, suppressed: true, ...extra };
  return { value: typeof value === "number" ? round(value) : value, suppressed: false, ...extra };
}

/** A directory fact or a code: never suppressed. */
export function fact(value: number | string | null, label?: CellLabel): TableCell {
  return label ? { ...cell(value), label } : cell(value);
}

export function column(key: ColumnKey, type: ColumnType = "text"): TableColumn {
  return { key, type };
}

// ---- downloads ----

/** The word every download writes for a suppressed cell (CSV and JSON alike): never 0, never empty. */
export const SUPPRESSED = "suppressed";

export type ExportValue = string | number | null;

/** A table's rows as objects keyed by column: what the JSON download holds. */
export function tableRecords(table: ViewTable): Record<string, ExportValue>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((col, i) => {
      const value = row[i];
      return [col.key, value === undefined ? null : value.suppressed ? SUPPRESSED : value.value];
    })),
  );
}

/**
 * RFC 4180 CSV with a header row of column keys; a suppressed cell is the word `suppressed`, a value
 * that does not exist (no peers to compare with, say) is an empty field. A text that a spreadsheet
 * would run as a formula (=, +, -, @ first) is quoted with a leading apostrophe.
 */
export function tableCsv(table: ViewTable): string {
  const lines = [table.columns.map((col) => col.key), ...tableRecords(table).map((record) => table.columns.map((col) => record[col.key] ?? null))];
  return lines.map((line) => line.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value: ExportValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

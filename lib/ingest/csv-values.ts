import type { BookingStatus } from "@/db/schema";

/**
 * Shows a cell in a rejection reason: quoted and shortened. Reasons are stored in `sync_runs`, so
 * a value that contains an e-mail address (an organizer, an attendee list in the wrong column) is
 * never echoed: privacy invariant 1.
 */
export function quoteCell(value: string, max = 40): string {
  if (value.includes("@")) return "a value containing an e-mail address (not shown)";
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return `'${printable.length > max ? `${printable.slice(0, max - 1)}…` : printable}'`;
}

export function badTime(header: string, value: string): string {
  return value === "" ? `${header}: empty` : `${header}: cannot read ${quoteCell(value)} as a date-time`;
}

const STATUS: ReadonlyMap<string, BookingStatus> = new Map([
  ["", "confirmed"],
  ["confirmed", "confirmed"],
  ["booked", "confirmed"],
  ["accepted", "confirmed"],
  ["cancelled", "cancelled"],
  ["canceled", "cancelled"],
  ["declined", "cancelled"],
  ["no_show", "no_show"],
  ["no-show", "no_show"],
  ["noshow", "no_show"],
  ["no show", "no_show"],
  ["auto_released", "no_show"],
  ["auto-released", "no_show"],
  ["auto released", "no_show"],
  ["released", "no_show"],
]);

/** The status vocabulary of Teem, Robin, Condeco and friends; `undefined` for anything else. */
export function readStatus(cell: string): BookingStatus | undefined {
  return STATUS.get(cell.trim().toLowerCase());
}

// Outlook's sensitivity values (normal / personal / private / confidential) are accepted too;
// "personal" counts as private because keeping too little is the safe side of a privacy flag.
const PRIVATE_FLAG: ReadonlyMap<string, boolean> = flags(
  ["true", "yes", "y", "1", "private", "confidential", "personal"],
  ["false", "no", "n", "0", "", "public", "normal"],
);
const RECURRING_FLAG: ReadonlyMap<string, boolean> = flags(
  ["true", "yes", "y", "1", "recurring", "recurrence", "series"],
  ["false", "no", "n", "0", "", "single", "once", "one-off"],
);

const YES_NO: ReadonlyMap<string, boolean> = flags(["true", "yes", "y", "1", "x"], ["false", "no", "n", "0"]);

function flags(yes: string[], no: string[]): ReadonlyMap<string, boolean> {
  return new Map([...yes.map((v): [string, boolean] => [v, true]), ...no.map((v): [string, boolean] => [v, false])]);
}

/** `undefined` for a value that is neither yes nor no: better rejected than guessed. */
export function readPrivateFlag(cell: string): boolean | undefined {
  return PRIVATE_FLAG.get(cell.trim().toLowerCase());
}

/** A plain yes/no cell (e.g. a "Checked In" column that holds no time). */
export function readYesNo(cell: string): boolean | undefined {
  return YES_NO.get(cell.trim().toLowerCase());
}

export function readRecurringFlag(cell: string): boolean | undefined {
  return RECURRING_FLAG.get(cell.trim().toLowerCase());
}

/** Non-negative whole number, `null` for an empty cell, `undefined` for anything else. */
export function readCount(cell: string): number | null | undefined {
  const value = cell.trim();
  if (value === "") return null;
  if (!/^\d{1,6}$/.test(value)) return undefined;
  return Number(value);
}

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;

/** An e-mail cell, without a "mailto:" prefix; `null` when empty, `undefined` when not an e-mail. */
export function readEmail(cell: string): string | null | undefined {
  let value = cell.trim();
  if (value === "") return null;
  if (value.length > 7 && value.slice(0, 7).toLowerCase() === "mailto:") value = value.slice(7);
  return EMAIL.test(value) ? value : undefined;
}

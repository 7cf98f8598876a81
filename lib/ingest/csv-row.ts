import type { CsvColumns } from "./csv-mapping";
import { isDateOnly } from "./csv-time";
import {
  badTime,
  quoteCell,
  readCount,
  readEmail,
  readPrivateFlag,
  readRecurringFlag,
  readStatus,
  readYesNo,
} from "./csv-values";
import type { RawBooking, Rejected, RoomHint, SourceRecord } from "./types";

export type RowReader = (fields: string[], row: number) => SourceRecord | undefined;

function cellAt(fields: string[], index: number): string {
  return (fields[index] ?? "").trim();
}

function rejected(at: string, reason: string): Rejected {
  return { kind: "rejected", at, reason };
}

/** Builds the per-row converter once the header is known. Returns undefined for a blank row. */
export function rowReader(label: string, columns: CsvColumns, toInstant: (cell: string) => number): RowReader {
  const { width, room, start, end, organizer, attendees, status, checkedIn, bookedAt, id } = columns;
  const privateColumn = columns.private;
  const recurringColumn = columns.recurring;

  return (fields, row) => {
    const at = `${label} row ${row}`;
    if (fields.length !== width) {
      if (isBlankRow(fields)) return undefined;
      return rejected(at, `has ${fields.length} cells where the header has ${width}`);
    }
    const roomCell = cellAt(fields, room.index);
    const startCell = cellAt(fields, start.index);
    const endCell = cellAt(fields, end.index);
    if (roomCell === "" && startCell === "" && endCell === "" && isBlankRow(fields)) return undefined;

    const startMs = toInstant(startCell);
    const endMs = toInstant(endCell);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
      if (isDateOnly(startCell) && isDateOnly(endCell)) return { kind: "all-day", at };
      return rejected(at, Number.isNaN(startMs) ? badTime(start.header, startCell) : badTime(end.header, endCell));
    }
    if (endMs <= startMs) {
      return rejected(at, `ends before it starts (${new Date(startMs).toISOString()} → ${new Date(endMs).toISOString()})`);
    }

    let bookingStatus: RawBooking["status"] = "confirmed";
    if (status !== null) {
      const value = cellAt(fields, status.index);
      const known = readStatus(value);
      if (known === undefined) {
        return rejected(at, `${status.header}: unknown value ${quoteCell(value)} (expected confirmed, cancelled or no-show)`);
      }
      bookingStatus = known;
    }

    let attendeeCount: number | null = null;
    if (attendees !== null) {
      const value = cellAt(fields, attendees.index);
      const count = readCount(value);
      if (count === undefined) return rejected(at, `${attendees.header}: cannot read ${quoteCell(value)} as a number of attendees`);
      attendeeCount = count;
    }

    let organizerEmail: string | null = null;
    if (organizer !== null) {
      const email = readEmail(cellAt(fields, organizer.index));
      // Never quoted: the cell may hold a person's name, and reasons are stored.
      if (email === undefined) return rejected(at, `${organizer.header}: not an e-mail address`);
      organizerEmail = email;
    }

    let checkedInAt: Date | null = null;
    if (checkedIn !== null) {
      const value = cellAt(fields, checkedIn.index);
      // Some tools export "Checked In" as yes/no: the check-in happened at an unknown time, so the start stands in.
      const flag = value === "" ? false : readYesNo(value);
      if (flag === true) checkedInAt = new Date(startMs);
      else if (flag === undefined) {
        const ms = toInstant(value);
        if (Number.isNaN(ms)) return rejected(at, badTime(checkedIn.header, value));
        checkedInAt = new Date(ms);
      }
    }

    let bookedAtDate: Date | null = null;
    if (bookedAt !== null) {
      const value = cellAt(fields, bookedAt.index);
      if (value !== "") {
        const ms = toInstant(value);
        if (Number.isNaN(ms)) return rejected(at, badTime(bookedAt.header, value));
        bookedAtDate = new Date(ms);
      }
    }

    let isPrivate = false;
    if (privateColumn !== null) {
      const value = cellAt(fields, privateColumn.index);
      const flag = readPrivateFlag(value);
      if (flag === undefined) return rejected(at, `${privateColumn.header}: cannot read ${quoteCell(value)} as yes or no`);
      isPrivate = flag;
    }

    let recurring = false;
    if (recurringColumn !== null) {
      const value = cellAt(fields, recurringColumn.index);
      const flag = readRecurringFlag(value);
      if (flag === undefined) return rejected(at, `${recurringColumn.header}: cannot read ${quoteCell(value)} as yes or no`);
      recurring = flag;
    }

    // An empty room cell leaves the choice to the room directory: the feed's own room, or a rejection.
    let rooms: RoomHint[] = [];
    if (roomCell !== "") {
      const email = roomCell.includes("@") ? readEmail(roomCell) : undefined;
      rooms = email ? [{ kind: "resource", email }] : [{ kind: "name", name: roomCell }];
    }
    const idCell = id === null ? "" : cellAt(fields, id.index);
    return {
      kind: "booking",
      at,
      sourceKey: idCell !== "" ? idCell : contentKey(roomCell, startMs, endMs, bookedAtDate),
      rooms,
      start: new Date(startMs),
      end: new Date(endMs),
      status: bookingStatus,
      organizerEmail,
      attendeeEmails: null,
      attendeeCount,
      bookedAt: bookedAtDate,
      checkedInAt,
      recurring,
      private: isPrivate,
    };
  };
}

/**
 * The key of a row without an id. The organizer is deliberately left out: the store keeps a plain
 * SHA-256 of this key next to the room and times, so an e-mail inside it could be recovered by
 * hashing guessed addresses. Booked-at (stored in the clear anyway) tells most double bookings apart.
 */
function contentKey(room: string, startMs: number, endMs: number, bookedAt: Date | null): string {
  const key = `csv|${room}|${new Date(startMs).toISOString()}|${new Date(endMs).toISOString()}`;
  return bookedAt === null ? key : `${key}|${bookedAt.toISOString()}`;
}

export function isBlankRow(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== "") return false;
  return true;
}

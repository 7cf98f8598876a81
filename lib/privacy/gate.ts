import type { BookingStatus } from "@/db/schema";
import type { RawBooking } from "@/lib/ingest/types";
import { normaliseEmail, pseudonymise, type PseudonymKeys } from "./pseudonymise";

/**
 * What the privacy gate lets through. It has no field that could hold an e-mail, a name, a
 * title or an attendee identity: nothing downstream of the gate can store one by mistake.
 */
export type GatedBooking = {
  organizerPseudonym: string | null;
  keyVersion: number | null;
  attendeeCount: number | null;
  start: Date;
  end: Date;
  status: BookingStatus;
  bookedAt: Date | null;
  checkedInAt: Date | null;
  recurring: boolean;
  private: boolean;
};

export type GateOutcome = { kind: "kept"; booking: GatedBooking } | { kind: "excluded" };

export type PrivacyGate = (raw: RawBooking) => GateOutcome;

const MAX_REMEMBERED_PEOPLE = 200_000;

/**
 * Builds the gate for one ingest. `excludedHashes` holds the exclusion list's keyed hashes under
 * every live key version; a person matches if any of their hashes is in it.
 */
export function createPrivacyGate(keys: PseudonymKeys, excludedHashes: ReadonlySet<string>): PrivacyGate {
  // The same few thousand people book again and again: remember each one's verdict and pseudonym
  // for this ingest (in memory only, bounded) instead of computing several HMACs per booking.
  const people = new Map<string, { excluded: boolean; pseudonym: string }>();
  const lookUp = (email: string) => {
    let person = people.get(email);
    if (!person) {
      person = {
        excluded: keys.live.some((key) => excludedHashes.has(pseudonymise(email, key))),
        pseudonym: pseudonymise(email, keys.current),
      };
      if (people.size >= MAX_REMEMBERED_PEOPLE) people.clear();
      people.set(email, person);
    }
    return person;
  };
  const isExcluded = (email: string) => lookUp(email).excluded;

  // One look-up per booking, and both kinds of result built with the same fields in the same order:
  // this runs once per row of a million-row import (docs/benchmarks.md).
  return (raw) => {
    const organizer = raw.organizerEmail ? lookUp(raw.organizerEmail) : null;
    // An excluded organizer's booking is dropped whole, private or not (invariant 4).
    if (organizer?.excluded) return { kind: "excluded" };
    // Private and confidential events are occupancy only: room and time, no person, no count (invariant 3).
    const booking: GatedBooking = {
      start: raw.start,
      end: raw.end,
      status: raw.status,
      bookedAt: raw.bookedAt,
      checkedInAt: raw.checkedInAt,
      recurring: raw.recurring,
      private: raw.private,
      organizerPseudonym: raw.private || !organizer ? null : organizer.pseudonym,
      keyVersion: raw.private || !organizer ? null : keys.current.version,
      attendeeCount: raw.private ? null : countAttendees(raw, isExcluded),
    };
    return { kind: "kept", booking };
  };
}

/** Distinct people in the meeting, organizer included, excluded people not counted. */
function countAttendees(raw: RawBooking, isExcluded: (email: string) => boolean): number | null {
  if (raw.attendeeEmails === null) return raw.attendeeCount;
  const people = new Set(raw.attendeeEmails.map(normaliseEmail));
  if (raw.organizerEmail) people.add(normaliseEmail(raw.organizerEmail));
  let count = 0;
  for (const email of people) if (!isExcluded(email)) count += 1;
  return count;
}

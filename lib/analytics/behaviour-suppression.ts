import { shown } from "@/lib/privacy/suppression";
import { durationBuckets, leadTimeBuckets, type BehaviourRows } from "./behaviour";
import { ratio, suppressLinked, type Cell, type Equation, type Tally } from "./cell-suppression";

export type HistogramBar = { bucket: string; bookings: number | null; share: number | null; suppressed: boolean };

export type LeadTime = {
  /** Bookings with a booked-at (the histogram's total). */
  bookings: number | null;
  medianHours: number | null;
  histogram: HistogramBar[];
  suppressed: boolean;
};
export type Durations = { bookings: number | null; histogram: HistogramBar[]; suppressed: boolean };
/** Each object's `suppressed` covers every number in it: all shown, or all null. */
export type RecurringShare = { bookings: number | null; recurring: number | null; share: number | null; suppressed: boolean };
export type Cancellations = {
  /** Bookings inside working hours, cancelled ones included. */
  bookings: number | null;
  cancelled: number | null;
  cancellationRate: number | null;
  suppressed: boolean;
  /** Cancellations learnt of within the hour before start (see `outcomes` in behaviour.ts), and their share of bookings. */
  late: { cancellations: number | null; rate: number | null; suppressed: boolean };
  /** Cancellations learnt of only at or after the start: their timing is unknown. */
  timingUnknown: { cancellations: number | null; suppressed: boolean };
};
export type Behaviour = { leadTime: LeadTime; durations: Durations; recurringShare: RecurringShare; cancellations: Cancellations };

/**
 * One linked table: every histogram, the recurring split and the outcomes hang off the same totals
 * (held = Σ durations = one-off + recurring = with + without booked-at; all = held + cancelled;
 * cancelled = early + late + unknown), so a cell one of them hides cannot be recovered from another.
 * Bookings without a booked-at are never shown but take part, as their count is total − the rest.
 */
export function suppressBehaviour(raw: BehaviourRows, k: number): Behaviour {
  const cells: Cell[] = [];
  const equations: Equation[] = [];
  const add = (tally: Tally, extra: Partial<Cell> = {}) => cells.push({ ...tally, ...extra }) - 1;
  const addAll = (tallies: Tally[]) => tallies.map((tally) => add(tally));

  const held = add(raw.held);
  const all = add(raw.all);
  const cancelled = add(raw.cancelled);
  const leadKnown = add(raw.leadKnown);
  const leadUnknown = add(raw.leadUnknown, { displayed: false });
  const lead = addAll(raw.lead);
  const durations = addAll(raw.durations);
  const [oneOff = -1, recurring = -1] = addAll(raw.recurring);
  // outcomes[0] is the held bookings again: the `held` cell.
  const [early = -1, late = -1, unknown = -1] = addAll(raw.outcomes.slice(1));
  equations.push(
    { whole: all, parts: [held, cancelled] },
    { whole: cancelled, parts: [early, late, unknown] },
    { whole: held, parts: [leadKnown, leadUnknown] },
    { whole: leadKnown, parts: lead },
    { whole: held, parts: durations },
    { whole: held, parts: [oneOff, recurring] },
  );
  const hidden = suppressLinked(cells, equations, k);
  const isHidden = (i: number) => hidden[i] ?? true;
  const bookingsAt = (i: number) => cells[i]?.bookings ?? 0;

  const bars = (labels: readonly string[], indices: number[], total: number): HistogramBar[] =>
    labels.map((bucket, j) => {
      const i = indices[j] ?? -1;
      return {
        bucket,
        bookings: shown(bookingsAt(i), isHidden(i)),
        share: shown(ratio(bookingsAt(i), bookingsAt(total)), isHidden(i) || isHidden(total)),
        suppressed: isHidden(i),
      };
    });

  // A share of a two-part split shows both parts; neither may be under k (an empty one included).
  const recurringHidden = isHidden(recurring) || isHidden(oneOff) || isHidden(held);
  const cancellationsHidden = isHidden(cancelled) || isHidden(held) || isHidden(all);
  const lateHidden = isHidden(late) || isHidden(all);
  return {
    leadTime: {
      bookings: shown(raw.leadKnown.bookings, isHidden(leadKnown)),
      medianHours: shown(raw.medianLeadSeconds === null ? null : raw.medianLeadSeconds / 3600, isHidden(leadKnown)),
      histogram: bars(leadTimeBuckets.map((bucket) => bucket.label), lead, leadKnown),
      suppressed: isHidden(leadKnown),
    },
    durations: { bookings: shown(raw.held.bookings, isHidden(held)), histogram: bars(durationBuckets, durations, held), suppressed: isHidden(held) },
    recurringShare: {
      bookings: shown(raw.held.bookings, recurringHidden),
      recurring: shown(bookingsAt(recurring), recurringHidden),
      share: shown(ratio(bookingsAt(recurring), raw.held.bookings), recurringHidden),
      suppressed: recurringHidden,
    },
    cancellations: {
      bookings: shown(raw.all.bookings, cancellationsHidden),
      cancelled: shown(raw.cancelled.bookings, cancellationsHidden),
      cancellationRate: shown(ratio(raw.cancelled.bookings, raw.all.bookings), cancellationsHidden),
      suppressed: cancellationsHidden,
      late: {
        cancellations: shown(bookingsAt(late), lateHidden),
        rate: shown(ratio(bookingsAt(late), raw.all.bookings), lateHidden),
        suppressed: lateHidden,
      },
      timingUnknown: { cancellations: shown(bookingsAt(unknown), isHidden(unknown)), suppressed: isHidden(unknown) },
    },
  };
}

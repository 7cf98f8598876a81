import { DAY_END } from "./calendar";
import type { LocalTime } from "./time";

/** Busy minutes per local day of one room, so new bookings mostly avoid existing ones. */
export class Busy {
  private readonly days = new Map<string, [number, number][]>();

  private list(day: LocalTime): [number, number][] {
    const key = day.toIsoDate();
    let list = this.days.get(key);
    if (!list) this.days.set(key, (list = []));
    return list;
  }

  overlaps(day: LocalTime, from: number, to: number): boolean {
    return this.list(day).some(([a, b]) => a < to && from < b);
  }

  /** The earliest busy start after `from`, or the end of the working day. */
  nextStart(day: LocalTime, from: number): number {
    let next = DAY_END;
    for (const [a] of this.list(day)) if (a > from && a < next) next = a;
    return next;
  }

  add(day: LocalTime, from: number, to: number): void {
    this.list(day).push([from, to]);
  }
}

/** A period of local calendar days, both ends inclusive, as YYYY-MM-DD. */
export type DateRange = { from: string; to: string };

/**
 * A value that covers fewer than k distinct organizers is never shown, not even as zero:
 * `value` is null and `suppressed` true.
 */
export type RoomUtilisation = {
  id: number;
  name: string;
  building: string;
  floor: string;
  /** Seats; null while unknown. */
  capacity: number | null;
  /** Confirmed bookings (private ones included) starting in the period; null when suppressed. */
  bookings: number | null;
  /** Hours of the union of confirmed bookings inside working hours; null when suppressed. */
  bookedHours: number | null;
  /** bookedHours / working hours, 0–1; null when suppressed. */
  utilisation: number | null;
  suppressed: boolean;
};

export type HeatmapCell = {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local hour of day, 0–23 (start of the hour). */
  hour: number;
  utilisation: number | null;
  suppressed: boolean;
};

export type DashboardMetrics = {
  range: DateRange;
  /** The small-group threshold in force. */
  minGroupSize: number;
  /** Working hours the metrics use, for labels. */
  workday: { startMinute: number; endMinute: number; weekdays: number[] };
  /** Active rooms in the directory. */
  rooms: number;
  bookings: number | null;
  bookedHours: number | null;
  utilisation: number | null;
  suppressed: boolean;
  byRoom: RoomUtilisation[];
  /** One cell per working weekday × working hour. */
  heatmap: HeatmapCell[];
};

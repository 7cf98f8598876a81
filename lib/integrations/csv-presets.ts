import type { CsvColumnMapping } from "@/lib/ingest/csv-mapping";

/**
 * Column mappings for the exports of common room-booking tools, chosen in the console. Header names
 * are matched case-insensitively; a column a preset names but a file lacks is reported by the preview
 * and the sync (resolveCsvColumns), so a tool that renamed a column is caught, never silently nulled.
 * "generic" is Roomlens's own layout (lib/ingest/csv-mapping.ts defaultCsvMapping).
 */
export const csvPresetIds = ["generic", "teem", "robin", "condeco"] as const;
export type CsvPresetId = (typeof csvPresetIds)[number];

export const csvPresets: Readonly<Record<CsvPresetId, Partial<CsvColumnMapping>>> = {
  generic: {},
  // Teem's reservations report ("Room Name", "Start Time", …); its "Meeting Title" is never mapped.
  teem: {
    room: "Room Name",
    start: "Start Time",
    end: "End Time",
    organizer: "Organizer",
    attendees: "Attendees",
    status: "Status",
    checkedIn: "Checked In",
  },
  // Robin's events export.
  robin: {
    id: "Event ID",
    room: "Space",
    start: "Start",
    end: "End",
    organizer: "Organizer Email",
    attendees: "Attendee Count",
    status: "Status",
    checkedIn: "Checked In At",
  },
  // Condeco's booking report.
  condeco: {
    id: "Booking ID",
    room: "Room Name",
    start: "Start Date Time",
    end: "End Date Time",
    organizer: "Booked For Email",
    attendees: "Number of Attendees",
    status: "Booking Status",
    checkedIn: "Checked In",
  },
};

/** The preset a stored mapping equals, or null when an admin or the CLI set other columns. */
export function findCsvPreset(mapping: Partial<CsvColumnMapping> | undefined): CsvPresetId | null {
  const given = Object.entries(mapping ?? {}).filter(([, value]) => value !== undefined);
  for (const id of csvPresetIds) {
    const preset = Object.entries(csvPresets[id]);
    if (preset.length === given.length && preset.every(([field, value]) => (mapping as Record<string, string | undefined>)[field] === value)) return id;
  }
  return null;
}

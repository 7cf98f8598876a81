import { LocalTime } from "./time";
import type { Meeting, RoomSchedule, Series, Single } from "./types";

/**
 * Serialises one room mailbox as an ICS feed (RFC 5545): CRLF line ends, lines folded at 75
 * octets, TZID-qualified local times with a VTIMEZONE, UTC for CREATED/DTSTAMP/UNTIL.
 */

// EU rules since 1996: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October.
export const vtimezones: Record<string, string[]> = {
  "Europe/London": [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ],
  "Europe/Amsterdam": [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ],
};

const weekdayCodes = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** Folds a content line at 75 octets without splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let offset = 0;
  let limit = 75;
  while (offset < bytes.length) {
    let end = Math.min(offset + limit, bytes.length);
    // 0b10xxxxxx is a continuation byte: back off to the start of its character.
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(offset, end).toString("utf8"));
    offset = end;
    limit = 74;
  }
  return parts.join("\r\n ");
}

export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function paramValue(value: string): string {
  return /[:;,]/.test(value) ? `"${value.replace(/"/g, "'")}"` : value;
}

function utc(time: LocalTime): string {
  return time.toIcsUtc();
}

function local(time: LocalTime): string {
  return time.toIcsLocal();
}

function zoned(name: string, time: LocalTime): string {
  return `${name};TZID=${time.zone}:${local(time)}`;
}

type Context = { schedule: RoomSchedule; stamp: LocalTime; mailto: (index: number) => string };

function people(meeting: Meeting, context: Context, salt: number): string[] {
  const { room } = context.schedule;
  const scheme = context.mailto(salt);
  const { organizer } = meeting;
  const lines = [`ORGANIZER;CN=${paramValue(organizer.name)}:${scheme}${organizer.feedEmail}`];
  lines.push(
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN=${paramValue(organizer.name)}:${scheme}${organizer.feedEmail}`,
  );
  meeting.guests.forEach((guest, i) => {
    const partstat = (salt + i) % 7 === 3 ? "TENTATIVE" : (salt + i) % 11 === 5 ? "NEEDS-ACTION" : "ACCEPTED";
    lines.push(
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=TRUE;CN=${paramValue(guest.name)}:${scheme}${guest.feedEmail}`,
    );
  });
  lines.push(
    `ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=${paramValue(room.name)}:mailto:${room.resourceEmail}`,
  );
  return lines;
}

function common(meeting: Meeting, context: Context, salt: number): string[] {
  const { room } = context.schedule;
  const lines = [
    `SUMMARY:${escapeText(meeting.title)}`,
    `LOCATION:${escapeText(room.name)}`,
  ];
  // Some invitations carry a body; the product must never read it either.
  if (salt % 5 === 0) {
    lines.push(
      `DESCRIPTION:${escapeText(`Agenda:\n1. Updates from ${meeting.organizer.first}\n2. Blockers, risks; next steps\nJoin online: https://meet.example.com/${(salt * 7919).toString(36)}`)}`,
    );
  }
  lines.push(...people(meeting, context, salt));
  lines.push(`CLASS:${meeting.private ? "PRIVATE" : "PUBLIC"}`);
  return lines;
}

/** When an instance was changed: two days before it, but never before the series or after the export. */
function editedAt(created: LocalTime, original: LocalTime, stamp: LocalTime): LocalTime {
  const ms = Math.min(stamp.ms, Math.max(created.ms + 3_600_000, original.ms - 2 * 86_400_000));
  return LocalTime.fromInstant(ms, original.zone);
}

function seriesEvents(series: Series, context: Context, salt: number): string[][] {
  const stamp = utc(context.stamp);
  const created = utc(series.bookedAt);
  const end = series.first.plusMinutes(series.durationMinutes);
  const last = series.starts[series.starts.length - 1] ?? series.first;
  const rule = [
    "FREQ=WEEKLY",
    ...(series.intervalWeeks > 1 ? [`INTERVAL=${series.intervalWeeks}`] : []),
    `BYDAY=${weekdayCodes[series.first.weekday] ?? "MO"}`,
    series.bound === "until" ? `UNTIL=${utc(last)}` : `COUNT=${series.starts.length}`,
  ].join(";");
  const master = [
    "BEGIN:VEVENT",
    `UID:${series.uid}`,
    `DTSTAMP:${stamp}`,
    `CREATED:${created}`,
    `LAST-MODIFIED:${created}`,
    "SEQUENCE:0",
    zoned("DTSTART", series.first),
    zoned("DTEND", end),
    `RRULE:${rule}`,
  ];
  if (series.exdates.length > 0) {
    const zone = series.first.zone;
    master.push(`EXDATE;TZID=${zone}:${series.exdates.map(local).join(",")}`);
  }
  master.push(...common(series.meeting, context, salt), "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT");
  const events = [master];

  const override = (original: LocalTime, start: LocalTime, endAt: LocalTime, status: string): string[] => [
    "BEGIN:VEVENT",
    `UID:${series.uid}`,
    zoned("RECURRENCE-ID", original),
    `DTSTAMP:${stamp}`,
    `CREATED:${created}`,
    `LAST-MODIFIED:${utc(editedAt(series.bookedAt, original, context.stamp))}`,
    "SEQUENCE:1",
    zoned("DTSTART", start),
    zoned("DTEND", endAt),
    ...common(series.meeting, context, salt),
    `STATUS:${status}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
  ];
  for (const move of series.moved) events.push(override(move.original, move.start, move.end, "CONFIRMED"));
  for (const original of series.cancelled) {
    events.push(override(original, original, original.plusMinutes(series.durationMinutes), "CANCELLED"));
  }
  return events;
}

function singleEvent(single: Single, context: Context, salt: number): string[] {
  const stamp = utc(context.stamp);
  const created = utc(single.bookedAt);
  const times = single.allDay
    ? [`DTSTART;VALUE=DATE:${single.start.toIcsDate()}`, `DTEND;VALUE=DATE:${single.end.toIcsDate()}`]
    : [zoned("DTSTART", single.start), zoned("DTEND", single.end)];
  return [
    "BEGIN:VEVENT",
    `UID:${single.uid}`,
    `DTSTAMP:${stamp}`,
    `CREATED:${created}`,
    `LAST-MODIFIED:${created}`,
    `SEQUENCE:${single.status === "cancelled" ? 1 : 0}`,
    ...times,
    ...common(single.meeting, context, salt),
    `STATUS:${single.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    `TRANSP:${single.allDay ? "TRANSPARENT" : "OPAQUE"}`,
    "END:VEVENT",
  ];
}

export function formatIcsFeed(schedule: RoomSchedule, stamp: LocalTime): string {
  const { room } = schedule;
  // Outlook writes "MAILTO:" on some events; the pipeline must not care about the scheme's case.
  const context: Context = { schedule, stamp, mailto: (salt) => (salt % 9 === 4 ? "MAILTO:" : "mailto:") };
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Roomlens//Demo room mailbox//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(room.name)}`,
    `X-WR-TIMEZONE:${room.timeZone}`,
    ...(vtimezones[room.timeZone] ?? []),
  ];
  let salt = 0;
  for (const series of schedule.series) for (const event of seriesEvents(series, context, salt++)) lines.push(...event);
  const singles = [...schedule.singles].sort((a, b) => a.start.ms - b.start.ms);
  for (const single of singles) lines.push(...singleEvent(single, context, salt++));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

import { foldLine, vtimezones } from "@/lib/demo/ics";
import { seededRandom } from "./random";

/**
 * A room mailbox's ICS export for the ICS throughput benchmark, with what real feeds carry: one-off
 * meetings, weekly and daily series (COUNT and UNTIL), EXDATEs, moved instances (RECURRENCE-ID),
 * cancelled ones, private ones, an IANA and a Windows zone name with their VTIMEZONEs, UTC times,
 * attendee lists and folded lines. Deterministic from the seed.
 */
export type IcsFeedOptions = { events: number; seed: number; end: Date };

// The demo's London zone, and the Windows-named zone only Outlook exports carry.
const VTIMEZONES = [
  vtimezones["Europe/London"] ?? [],
  // As Outlook writes it: a Windows zone name as TZID.
  [
    "BEGIN:VTIMEZONE",
    "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
  ],
];

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
const icsDay = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll("-", "");
const icsUtc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replaceAll("-", "").replaceAll(":", "")}Z`;

type Zone = { tzid: string | null; offsetHours: number };
const ZONES: Zone[] = [
  { tzid: "Europe/London", offsetHours: 0 },
  { tzid: "W. Europe Standard Time", offsetHours: 1 },
  { tzid: null, offsetHours: 0 },
];

export type IcsFeed = { text: string; events: number };

export function generateIcsFeed(options: IcsFeedOptions): IcsFeed {
  const random = seededRandom(options.seed ^ 0x1c5_0001);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Two years back and two months ahead of `end`, as a mailbox export covers.
  const firstDay = Math.floor(options.end.getTime() / DAY_MS) - 730;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Roomlens bench//EN", "METHOD:PUBLISH", ...VTIMEZONES.flat()];
  let events = 0;
  let uid = 0;
  while (events < options.events) {
    uid += 1;
    let day = firstDay + Math.floor(random() * 790);
    while ([0, 6].includes(new Date(day * DAY_MS).getUTCDay())) day += 1;
    const zone = pick(ZONES);
    const startMinute = 8 * 60 + Math.floor(random() * 19) * 30;
    const length = pick([30, 30, 60, 60, 60, 90, 120]);
    const time = (dayIndex: number, minute: number, name: string) => {
      const wall = `${icsDay(dayIndex * DAY_MS)}T${pad(Math.floor(minute / 60))}${pad(minute % 60)}00`;
      if (zone.tzid !== null) return `${name};TZID=${zone.tzid}:${wall}`;
      return `${name}:${icsUtc(dayIndex * DAY_MS + (minute - zone.offsetHours * 60) * 60_000)}`;
    };
    const person = Math.floor(random() ** 2 * 2000);
    const created = (day - 1 - Math.floor(random() * 30)) * DAY_MS + Math.floor(random() * DAY_MS);
    const roll = random();
    const rule =
      roll < 0.28
        ? random() < 0.5
          ? `RRULE:FREQ=WEEKLY;COUNT=${4 + Math.floor(random() * 36)}`
          : `RRULE:FREQ=WEEKLY;UNTIL=${icsUtc((day + 7 * (4 + Math.floor(random() * 36))) * DAY_MS)}`
        : roll < 0.33
          ? `RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=${5 + Math.floor(random() * 20)}`
          : null;
    const body = (): string[] => [
      `UID:bench-${uid}@rooms.example.com`,
      `DTSTAMP:${icsUtc(options.end.getTime())}`,
      `CREATED:${icsUtc(created)}`,
      `SUMMARY:Weekly sync of team ${person % 97} about the roadmap\\, hiring and the offsite`,
      `ORGANIZER;CN="Person ${person}":mailto:person${person}@example.com`,
      ...Array.from(
        { length: 1 + Math.floor(random() * 6) },
        (_, i) => `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN="Guest ${i}":mailto:guest${(person * 7 + i) % 3000}@example.com`,
      ),
      "ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:room-1@rooms.example.com",
      "LOCATION:Room 1",
      ...(random() < 0.03 ? ["CLASS:PRIVATE"] : []),
      ...(random() < 0.05 ? ["STATUS:CANCELLED"] : ["STATUS:CONFIRMED"]),
    ];
    lines.push("BEGIN:VEVENT", ...body(), time(day, startMinute, "DTSTART"), time(day, startMinute + length, "DTEND"));
    if (rule !== null) {
      lines.push(rule);
      if (random() < 0.2) lines.push(time(day + 14, startMinute, "EXDATE"));
    }
    lines.push("END:VEVENT");
    events += 1;
    // A moved instance of a weekly series: its fourth occurrence, an hour later.
    if (rule?.includes("WEEKLY") && random() < 0.15 && events < options.events) {
      lines.push(
        "BEGIN:VEVENT",
        ...body(),
        time(day + 21, startMinute, "RECURRENCE-ID"),
        time(day + 21, startMinute + 60, "DTSTART"),
        time(day + 21, startMinute + 60 + length, "DTEND"),
        "END:VEVENT",
      );
      events += 1;
    }
  }
  lines.push("END:VCALENDAR");
  return { text: `${lines.map(foldLine).join("\r\n")}\r\n`, events };
}

import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import ical from "node-ical";
import type { VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeDemoData, type DemoFiles } from "@/lib/demo/generate";

// Runs with TZ=America/New_York (vitest.config.ts): nothing here may depend on the host's zone.

const today = new Date("2025-03-12T15:30:00Z");
const seed = 42;

type RoomRow = {
  name: string;
  building: string;
  floor: string;
  capacity: string;
  amenities: string;
  time_zone: string;
  resource_email: string;
};
type BookingRow = {
  id: string;
  room: string;
  start: string;
  end: string;
  organizer_email: string;
  attendee_count: string;
  status: string;
  checked_in_at: string;
  booked_at: string;
  private: string;
  recurring: string;
};
/** One held (not cancelled) booking in its room's local time, from either source. */
type Held = { room: string; organizer: string | null; start: DateTime; minutes: number };

let dir: string;
let files: DemoFiles;
let rooms: RoomRow[];
let bookings: BookingRow[];
let feeds: { room: string; text: string; events: VEvent[] }[];
let held: Held[];

function readCsv<T>(text: string): T[] {
  return parse(text, { columns: true, skip_empty_lines: true }) as T[];
}

function organizerOf(event: VEvent): string | null {
  const organizer = event.organizer;
  if (!organizer) return null;
  const value = typeof organizer === "string" ? organizer : organizer.val;
  return value.replace(/^mailto:/i, "").toLowerCase();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "roomlens-demo-"));
  files = await writeDemoData(path.join(dir, "a"), { seed, today });

  rooms = readCsv<RoomRow>(await readFile(files.roomsCsv, "utf8"));
  bookings = readCsv<BookingRow>(await readFile(files.bookingsCsv, "utf8"));
  const zoneOf = new Map(rooms.map((room) => [room.name, room.time_zone]));

  feeds = [];
  for (const file of files.icsFiles) {
    const text = await readFile(file.path, "utf8");
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).filter((c): c is VEvent => c?.type === "VEVENT");
    feeds.push({ room: file.room, text, events });
  }

  held = [];
  for (const row of bookings) {
    if (row.status === "cancelled") continue;
    // The offset in the string is the room's own: setZone keeps the local reading.
    const start = DateTime.fromISO(row.start, { setZone: true });
    const end = DateTime.fromISO(row.end, { setZone: true });
    held.push({ room: row.room, organizer: row.organizer_email, start, minutes: end.diff(start, "minutes").minutes });
  }
  for (const feed of feeds) {
    const zone = zoneOf.get(feed.room) ?? "UTC";
    for (const event of feed.events) {
      if (event.datetype === "date" || event.status === "CANCELLED") continue;
      const instances = ical.expandRecurringEvent(event, {
        from: new Date("2024-01-01T00:00:00Z"),
        to: new Date("2026-01-01T00:00:00Z"),
      });
      for (const instance of instances) {
        if (instance.event.status === "CANCELLED") continue;
        held.push({
          room: feed.room,
          organizer: organizerOf(instance.event),
          start: DateTime.fromJSDate(instance.start, { zone }),
          minutes: (instance.end.getTime() - instance.start.getTime()) / 60_000,
        });
      }
    }
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeDemoData", () => {
  it("writes byte-identical files for the same seed and day, without Math.random or the clock", async () => {
    const random = vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random called");
    });
    const now = vi.spyOn(Date, "now").mockImplementation(() => {
      throw new Error("Date.now called");
    });
    try {
      const again = await writeDemoData(path.join(dir, "b"), { seed, today });
      const list = async (root: string) => (await readdir(root, { recursive: true })).sort();
      const names = await list(path.join(dir, "a"));
      expect(await list(path.join(dir, "b"))).toEqual(names);
      for (const name of names.filter((n) => n.endsWith(".csv") || n.endsWith(".ics"))) {
        const a = await readFile(path.join(dir, "a", name));
        const b = await readFile(path.join(dir, "b", name));
        expect(a.equals(b), name).toBe(true);
      }
      expect(again.people).toBe(files.people);
    } finally {
      random.mockRestore();
      now.mockRestore();
    }
    const other = await writeDemoData(path.join(dir, "c"), { seed: seed + 1, today });
    expect(await readFile(other.bookingsCsv, "utf8")).not.toBe(await readFile(files.bookingsCsv, "utf8"));
  });

  it("describes about 40 rooms of 2–20 seats in two buildings", () => {
    expect(files.rooms).toBe(rooms.length);
    expect(rooms.length).toBeGreaterThanOrEqual(36);
    expect(rooms.length).toBeLessThanOrEqual(44);
    expect(new Set(rooms.map((r) => r.name)).size).toBe(rooms.length);
    expect(new Set(rooms.map((r) => r.building)).size).toBe(2);
    const capacities = rooms.map((r) => Number(r.capacity));
    expect(Math.min(...capacities)).toBe(2);
    expect(Math.max(...capacities)).toBeLessThanOrEqual(20);
    expect(capacities.filter((c) => c <= 4).length).toBeGreaterThan(rooms.length / 2);
    for (const room of rooms) {
      expect(room.resource_email).toMatch(/^room\.[a-z]+-\d+-[a-z0-9-]+@example\.com$/);
      expect(DateTime.local({ zone: room.time_zone }).isValid).toBe(true);
      if (room.amenities) expect(room.amenities).toMatch(/^[a-z]+(;[a-z]+)*$/);
    }
  });

  it("splits the rooms between ICS feeds and the booking tool's CSV", () => {
    const icsRooms = new Set(files.icsFiles.map((f) => f.room));
    const csvRooms = new Set(bookings.map((b) => b.room));
    expect(icsRooms.size).toBe(files.icsFiles.length);
    expect(Math.abs(icsRooms.size - csvRooms.size)).toBeLessThanOrEqual(4);
    expect([...icsRooms].filter((r) => csvRooms.has(r))).toEqual([]);
    expect(new Set([...icsRooms, ...csvRooms])).toEqual(new Set(rooms.map((r) => r.name)));
    for (const file of files.icsFiles) expect(file.path).toMatch(/[/\\]ics[/\\][a-z0-9-]+\.ics$/);
  });

  it("has at least 300 distinct organizers across both sources", () => {
    const organizers = new Set(held.map((h) => h.organizer).filter((o): o is string => o !== null));
    expect(organizers.size).toBeGreaterThanOrEqual(300);
    expect(files.people).toBeGreaterThanOrEqual(organizers.size);
    for (const email of organizers) expect(email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
  });

  it("gives every room but one at least 15 organizers, and one room fewer than 10", () => {
    const byRoom = new Map<string, Set<string>>();
    for (const h of held) {
      if (!h.organizer) continue;
      const set = byRoom.get(h.room) ?? new Set<string>();
      set.add(h.organizer);
      byRoom.set(h.room, set);
    }
    const counts = rooms.map((room) => byRoom.get(room.name)?.size ?? 0);
    expect(counts.filter((n) => n < 10)).toHaveLength(1);
    expect(counts.filter((n) => n >= 10 && n < 15)).toHaveLength(0);
  });

  it("writes ICS feeds that node-ical reads, with series, exceptions and privacy flags", () => {
    const events = feeds.flatMap((f) => f.events);
    expect(events.some((e) => e.rrule !== undefined)).toBe(true);
    expect(events.some((e) => e.exdate !== undefined && Object.keys(e.exdate).length > 0)).toBe(true);
    expect(events.some((e) => e.recurrences !== undefined && Object.keys(e.recurrences).length > 0)).toBe(true);
    expect(events.some((e) => e.class === "PRIVATE")).toBe(true);
    expect(events.some((e) => e.status === "CANCELLED")).toBe(true);
    for (const feed of feeds) {
      expect(feed.events.length).toBeGreaterThan(0);
      expect(feed.text).toContain("BEGIN:VTIMEZONE");
      expect(feed.text).toMatch(/ATTENDEE;CUTYPE=ROOM;/);
      const long = feed.text.split("\r\n").filter((line) => Buffer.byteLength(line, "utf8") > 75);
      expect(long, feed.room).toEqual([]);
      expect(feed.text.replace(/\r\n/g, "")).not.toContain("\n");
    }
  });

  it("books within working hours in each room's own zone", () => {
    const zoneOf = new Map(rooms.map((room) => [room.name, room.time_zone]));
    const wrongOffset = bookings.filter((row) => {
      const written = DateTime.fromISO(row.start, { setZone: true });
      const inZone = DateTime.fromISO(row.start, { zone: zoneOf.get(row.room) ?? "UTC" });
      return written.offset !== inZone.offset;
    });
    expect(wrongOffset).toEqual([]);
    const outside = held.filter((h) => {
      const minute = h.start.hour * 60 + h.start.minute;
      return minute < 8 * 60 || minute + h.minutes > 18 * 60 || h.start.weekday > 5;
    });
    expect(outside).toEqual([]);
  });

  it("covers six months up to today plus two weeks, a few tens of thousands of bookings", () => {
    const first = Math.min(...held.map((h) => h.start.toMillis()));
    const last = Math.max(...held.map((h) => h.start.toMillis()));
    expect(today.getTime() - first).toBeGreaterThan(175 * 86_400_000);
    expect(today.getTime() - first).toBeLessThan(186 * 86_400_000);
    expect(last - today.getTime()).toBeGreaterThan(7 * 86_400_000);
    expect(last - today.getTime()).toBeLessThan(15 * 86_400_000);
    expect(held.length).toBeGreaterThan(10_000);
    expect(held.length).toBeLessThan(60_000);
  });

  it("records check-ins: about 30 % of past bookings are no-shows", () => {
    const withCheckInData = bookings.filter((b) => b.status === "no_show" || b.checked_in_at !== "");
    const noShows = withCheckInData.filter((b) => b.status === "no_show");
    expect(withCheckInData.length).toBeGreaterThan(1_000);
    const share = noShows.length / withCheckInData.length;
    expect(share).toBeGreaterThanOrEqual(0.25);
    expect(share).toBeLessThanOrEqual(0.35);
    const inconsistent = bookings.filter((row) => {
      const start = Date.parse(row.start);
      const delay = row.checked_in_at ? Date.parse(row.checked_in_at) - start : 0;
      return (
        !["confirmed", "cancelled", "no_show"].includes(row.status) ||
        Date.parse(row.booked_at) > Math.min(start, today.getTime()) ||
        (row.status !== "confirmed" && row.checked_in_at !== "") ||
        delay < 0 ||
        delay > 15 * 60_000 ||
        (row.checked_in_at !== "" && start >= today.getTime())
      );
    });
    expect(inconsistent).toEqual([]);
    expect(bookings.some((b) => b.status === "cancelled")).toBe(true);
    expect(bookings.some((b) => b.recurring === "true")).toBe(true);
    expect(bookings.some((b) => b.private === "true")).toBe(true);
  });

  it("is busier on Tuesday–Thursday mornings than on Monday and Friday afternoons", () => {
    // Booked minutes per weekday-hour: Tue–Thu 08–12 is 3 days × 4 h, Mon/Fri 12–18 is 2 days × 6 h.
    let midweekMornings = 0;
    let mondayFridayAfternoons = 0;
    for (const h of held) {
      const morning = h.start.hour < 12;
      if (morning && h.start.weekday >= 2 && h.start.weekday <= 4) midweekMornings += h.minutes;
      if (!morning && (h.start.weekday === 1 || h.start.weekday === 5)) mondayFridayAfternoons += h.minutes;
    }
    expect(midweekMornings / 12).toBeGreaterThan((1.5 * mondayFridayAfternoons) / 12);
  });

  it("holds mostly small meetings of 30 or 60 minutes", () => {
    const past = bookings.filter((b) => b.status !== "cancelled");
    const small = past.filter((b) => Number(b.attendee_count) <= 4).length;
    expect(small / past.length).toBeGreaterThan(0.5);
    const common = held.filter((h) => h.minutes === 30 || h.minutes === 60).length;
    expect(common / held.length).toBeGreaterThan(0.7);
  });
});

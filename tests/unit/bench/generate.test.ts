import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toBookingsCsvLine } from "@/scripts/bench/bookings-csv";
import { planSyntheticData, writeSyntheticFiles } from "@/scripts/bench/generate";
import { formatRoomsCsv } from "@/scripts/bench/synthetic-rooms";

const small = { rows: 3000, rooms: 40, seed: 7 };
const csvOf = (options: Parameters<typeof planSyntheticData>[0]) => [...planSyntheticData(options).bookings()].map(toBookingsCsvLine).join("");

describe("benchmark data generator", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "roomlens-generate-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the same bookings and rooms for the same seed", () => {
    expect(csvOf(small)).toBe(csvOf(small));
    expect(formatRoomsCsv(planSyntheticData(small).rooms)).toBe(formatRoomsCsv(planSyntheticData(small).rooms));
  });

  it("gives different bookings for another seed", () => {
    expect(csvOf({ ...small, seed: 8 })).not.toBe(csvOf(small));
  });

  it("starts a fresh, identical stream on every call", () => {
    const data = planSyntheticData(small);
    const first = data.bookings();
    first.next();
    first.next();
    expect([...data.bookings()].map(toBookingsCsvLine).join("")).toBe(csvOf(small));
  });

  it("writes byte-identical files for the same seed", async () => {
    const write = async (name: string) => {
      const files = { bookingsCsv: path.join(dir, `${name}.csv`), roomsCsv: path.join(dir, `${name}-rooms.csv`) };
      const rows = await writeSyntheticFiles(planSyntheticData(small), files);
      return { rows, bookings: readFileSync(files.bookingsCsv, "utf8"), rooms: readFileSync(files.roomsCsv, "utf8") };
    };
    const [a, b] = [await write("a"), await write("b")];
    expect(a.rows).toBe(small.rows);
    expect(a.bookings).toBe(b.bookings);
    expect(a.rooms).toBe(b.rooms);
    expect(a.bookings.split("\n")[0]).toBe("id,room,start,end,organizer_email,attendee_count,status,checked_in_at,booked_at,private,recurring");
  });

  it("yields exactly the rows asked for, numbered in order, each a plausible booking", () => {
    const data = planSyntheticData(small);
    const bookings = [...data.bookings()];
    expect(bookings).toHaveLength(small.rows);
    expect(bookings.map((b) => b.id)).toEqual(bookings.map((_, i) => i + 1));
    for (const b of bookings) {
      expect(b.endMinute - b.startMinute).toBeGreaterThanOrEqual(15);
      expect(b.endMinute - b.startMinute).toBeLessThanOrEqual(480);
      expect(b.bookedAtMinute).toBeLessThan(b.startMinute);
      expect(["confirmed", "cancelled", "no_show"]).toContain(b.status);
      // Check-ins exist only where a panel reports them, and only for bookings someone turned up to.
      if (b.checkedInMinute !== null) expect(b.room.checkIn && b.status === "confirmed").toBe(true);
      if (b.status === "no_show") expect(b.room.checkIn).toBe(true);
    }
    const share = (test: (b: (typeof bookings)[number]) => boolean) => bookings.filter(test).length / bookings.length;
    expect(share((b) => b.private)).toBeGreaterThan(0.01);
    expect(share((b) => b.private)).toBeLessThan(0.06);
    expect(share((b) => b.status === "cancelled")).toBeGreaterThan(0.05);
    expect(share((b) => b.recurring)).toBeGreaterThan(0.25);
  });

  it("puts meetings in each room's local working day", () => {
    const bookings = [...planSyntheticData(small).bookings()];
    const hourIn = (zone: string, minute: number) =>
      Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(new Date(minute * 60_000)));
    const starts = bookings.map((b) => hourIn(b.room.timeZone, b.startMinute));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...starts)).toBeLessThan(22);
    // Most start in the morning or afternoon peaks, not at the edges of the day.
    expect(starts.filter((h) => h >= 9 && h < 16).length / starts.length).toBeGreaterThan(0.7);
  });
});

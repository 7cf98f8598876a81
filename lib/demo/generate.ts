import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatBookingsCsv } from "./bookings-csv";
import { getPeriod, listWorkingDays } from "./calendar";
import { formatRoomsCsv, listDemoRooms } from "./rooms";
import { formatIcsFeed } from "./ics";
import { makeCrowd } from "./meetings";
import { listPeople } from "./people";
import { Rng } from "./random";
import { planRoom } from "./schedule";
import type { RoomSchedule } from "./types";

export type DemoFiles = {
  /** Path of rooms.csv. */
  roomsCsv: string;
  /** One feed per ICS room: its path and the room's name in rooms.csv. */
  icsFiles: { path: string; room: string }[];
  /** Path of bookings.csv. */
  bookingsCsv: string;
  /** People in the demo organisation (every one of them organizes something). */
  people: number;
  rooms: number;
};

export type DemoOptions = { seed?: number; today: Date; months?: number };

export const DEFAULT_DEMO_SEED = 20_240_917;

export type DemoPlan = {
  roomsCsv: string;
  /** ICS text per file name under `ics/`, with the room it belongs to. */
  icsFeeds: { file: string; room: string; text: string }[];
  bookingsCsv: string;
  people: number;
  rooms: number;
  schedules: RoomSchedule[];
};

/**
 * Builds the demo organisation's source files in memory. Pure: the same seed and `today` give the
 * same text, whatever the process's time zone or clock.
 */
export function planDemoData(options: DemoOptions): DemoPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const months = options.months ?? 6;
  if (!Number.isInteger(seed)) throw new RangeError("seed must be an integer");
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new RangeError("months must be 1–24");
  if (Number.isNaN(options.today.getTime())) throw new RangeError("today is not a valid date");

  const rng = new Rng(seed);
  const people = listPeople(rng.fork("people"));
  const crowd = makeCrowd(people);
  const rooms = listDemoRooms();

  const schedules = rooms.map((room) => {
    const period = getPeriod(options.today, room.timeZone, months);
    return planRoom(rng.fork(`room:${room.slug}`), crowd, room, period, listWorkingDays(period));
  });

  const stamp = getPeriod(options.today, "UTC", months).now;
  const icsFeeds = schedules
    .filter((schedule) => schedule.room.source === "ics")
    .map((schedule) => ({
      file: `${schedule.room.slug}.ics`,
      room: schedule.room.name,
      text: formatIcsFeed(schedule, stamp),
    }));
  const bookingsCsv = formatBookingsCsv(
    rng.fork("check-ins"),
    schedules.filter((schedule) => schedule.room.source === "csv"),
    stamp,
  );
  return {
    roomsCsv: formatRoomsCsv(rooms),
    icsFeeds,
    bookingsCsv,
    people: people.length,
    rooms: rooms.length,
    schedules,
  };
}

/** Writes rooms.csv, ics/<room>.ics and bookings.csv into `dir` for the real ingest pipeline. */
export async function writeDemoData(dir: string, options: DemoOptions): Promise<DemoFiles> {
  const plan = planDemoData(options);
  await mkdir(path.join(dir, "ics"), { recursive: true });
  const roomsCsv = path.join(dir, "rooms.csv");
  const bookingsCsv = path.join(dir, "bookings.csv");
  await writeFile(roomsCsv, plan.roomsCsv, "utf8");
  await writeFile(bookingsCsv, plan.bookingsCsv, "utf8");
  const icsFiles: DemoFiles["icsFiles"] = [];
  for (const feed of plan.icsFeeds) {
    const file = path.join(dir, "ics", feed.file);
    await writeFile(file, feed.text, "utf8");
    icsFiles.push({ path: file, room: feed.room });
  }
  return { roomsCsv, icsFiles, bookingsCsv, people: plan.people, rooms: plan.rooms };
}

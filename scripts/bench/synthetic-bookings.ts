import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** A small deterministic PRNG (mulberry32): the same seed gives byte-identical files. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SYNTHETIC_HEADER = "id,room,start,end,organizer_email,attendee_count,status,checked_in_at,booked_at,private,recurring";

/**
 * Writes `rows` bookings as a room-booking-tool CSV export, streamed (memory stays flat), spread over
 * `rooms` rooms and the two years before `end`, in working hours, with e-mails, check-ins and statuses.
 */
export async function writeSyntheticCsv(file: string, options: { rows: number; rooms: number; people: number; seed: number; end: Date }) {
  const random = seededRandom(options.seed);
  const out = createWriteStream(file);
  out.write(`${SYNTHETIC_HEADER}\n`);
  const spanDays = 730;
  const endDay = Math.floor(options.end.getTime() / 86_400_000);
  for (let i = 0; i < options.rows; i += 1) {
    const day = endDay - Math.floor(random() * spanDays);
    const startMinute = 8 * 60 + Math.floor(random() * 18) * 30;
    const start = new Date((day * 1440 + startMinute) * 60_000);
    const end = new Date(start.getTime() + (1 + Math.floor(random() * 4)) * 30 * 60_000);
    const roll = random();
    const status = roll < 0.08 ? "cancelled" : roll < 0.3 ? "no_show" : "confirmed";
    const checkedIn = status === "confirmed" ? new Date(start.getTime() + 180_000).toISOString() : "";
    const bookedAt = new Date(start.getTime() - Math.floor(random() * 20 * 86_400_000)).toISOString();
    const line = `b${i},room-${Math.floor(random() * options.rooms)},${start.toISOString()},${end.toISOString()},person-${Math.floor(
      random() * options.people,
    )}@example.com,${1 + Math.floor(random() * 8)},${status},${checkedIn},${bookedAt},${random() < 0.03},${random() < 0.4}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** The room directory for the synthetic export. */
export function syntheticRoomsCsv(rooms: number): string {
  const lines = ["name,building,floor,capacity,amenities,time_zone,resource_email"];
  for (let i = 0; i < rooms; i += 1) lines.push(`room-${i},B${i % 7},${i % 12},${2 + (i % 19)},screen,Europe/London,`);
  return `${lines.join("\n")}\n`;
}

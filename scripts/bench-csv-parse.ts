/**
 * Micro-benchmark of the CSV connector alone (no database, no privacy gate):
 *   npx tsx scripts/bench-csv-parse.ts [rows=1000000]
 * The file is generated into memory first so that generating it is not timed, then streamed in
 * 64 KB chunks (as fs.createReadStream delivers them) through the connector (csv-parse, then the
 * row reader), with UTC times and with local times in a stated zone.
 */
import { Readable } from "node:stream";
import { csvConnector } from "@/lib/ingest/csv";
import type { ConnectorContext } from "@/lib/ingest/types";

const rows = Number(process.argv[2] ?? 1_000_000);
const context: ConnectorContext = {
  window: { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") },
  timeZone: "Europe/Berlin",
  defaultRoom: null,
};

function generate(localTimes: boolean): Buffer[] {
  const chunks: Buffer[] = [];
  const zone = localTimes ? "" : "Z";
  const sep = localTimes ? " " : "T";
  let text = "room,start,end,organizer_email,attendee_count,status,checked_in_at,booked_at,private,recurring,id\n";
  for (let i = 0; i < rows; i++) {
    const day = `2026-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;
    const hour = 8 + (i % 10);
    const start = `${day}${sep}${pad(hour)}:${i % 2 ? "30" : "00"}:00${zone}`;
    const end = `${day}${sep}${pad(hour + 1)}:00:00${zone}`;
    const status = i % 17 === 0 ? "cancelled" : i % 23 === 0 ? "no_show" : "confirmed";
    const checkedIn = i % 3 === 0 ? start : "";
    text += `Room ${i % 400},${start},${end},person${i % 5000}@example.com,${i % 14},${status},${checkedIn},2025-12-01T10:00:00Z,${i % 50 === 0},${i % 4 === 0},B-${i}\n`;
    if (text.length > 64 * 1024) {
      chunks.push(Buffer.from(text));
      text = "";
    }
  }
  chunks.push(Buffer.from(text));
  return chunks;
}

/** Wall time and CPU time: on a shared machine rows per CPU-second is the steadier number. */
async function time(name: string, bytes: number, run: () => Promise<number>): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const count = await run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  const rate = (per: number) => Math.round(count / per).toLocaleString("en");
  console.log(
    `${name.padEnd(14)} ${count} rows  ${seconds.toFixed(2)} s  ${rate(seconds)} rows/s  ` +
      `${rate(cpuSeconds)} rows/CPU-s  ${(bytes / 1048576 / seconds).toFixed(0)} MB/s  ` +
      `heap ${heapGrowth >= 0 ? "+" : ""}${heapGrowth.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  for (const localTimes of [false, true]) {
    const chunks = generate(localTimes);
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const kind = localTimes ? "local times" : "UTC times";
    console.log(`\n${rows} rows, ${(bytes / 1048576).toFixed(0)} MB, ${kind}`);

    await time("csvConnector", bytes, async () => {
      let count = 0;
      const connector = csvConnector({ label: "bench.csv", open: () => Readable.from(chunks) });
      for await (const record of connector.records(context)) {
        if (record.kind !== "booking") throw new Error(`unexpected ${record.kind} at ${record.at}`);
        count++;
      }
      return count;
    });
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

await main();

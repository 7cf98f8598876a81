import ical from "node-ical";
import { icsConnector } from "@/lib/ingest/ics";
import type { ConnectorContext } from "@/lib/ingest/types";
import type { BenchContext } from "./context";
import { DEFAULT_END } from "./generate";
import { generateIcsFeed } from "./ics-feed";
import { formatSeconds, progress } from "./report";
import { measure } from "./timing";

/** Events in the generated feed at the "1 M" size: a very large room-mailbox export. */
const EVENTS_PER_BASE_ROW = 1 / 250;

/**
 * The ICS connector (our line scanner, zone handling, one node-ical parse per VEVENT, our recurrence
 * expansion) against node-ical's own parse of the same file, which reads every event but expands
 * nothing — the floor for any reader built on node-ical.
 */
export async function benchIcs(context: BenchContext): Promise<void> {
  const events = Math.max(100, Math.round(context.baseRows * EVENTS_PER_BASE_ROW));
  const feed = generateIcsFeed({ events, seed: context.seed, end: DEFAULT_END });
  const day = 86_400_000;
  // The import's window: the retention period back (395 days by default), 90 days ahead.
  const connectorContext: ConnectorContext = {
    window: { from: new Date(DEFAULT_END.getTime() - 395 * day), to: new Date(DEFAULT_END.getTime() + 90 * day) },
    timeZone: "Europe/London",
    defaultRoom: "Room 1",
    cursor: null,
  };
  let records = 0;
  const readAll = async () => {
    records = 0;
    for await (const record of icsConnector(feed.text, "bench.ics").records(connectorContext)) {
      if (record.kind === "booking") records += 1;
    }
  };
  const options = { repeatBelowSeconds: 30, repeats: 3 };
  progress(`ICS: node-ical's bare parse of ${feed.events.toLocaleString("en-US")} events (${(feed.text.length / 1e6).toFixed(1)} MB)`);
  const bare = await measure(async () => ical.sync.parseICS(feed.text), options);
  progress("ICS: the connector (parse + expansion)");
  const ours = await measure(readAll, options);
  context.report.figure(
    "ICS parse + expansion vs node-ical bare parse",
    ours.seconds / bare.seconds,
    { op: "≤", target: 1.5, unit: "×" },
    `connector ${formatSeconds(ours.seconds)} = ${Math.round(feed.events / ours.seconds).toLocaleString("en-US")} events/s, ` +
      `${Math.round(records / ours.seconds).toLocaleString("en-US")} bookings/s (${records.toLocaleString("en-US")} occurrences in the window); ` +
      `node-ical parseICS ${formatSeconds(bare.seconds)} = ${Math.round(feed.events / bare.seconds).toLocaleString("en-US")} events/s`,
  );
}

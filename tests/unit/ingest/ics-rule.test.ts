import ical from "node-ical";
import type { VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { expandSimpleRule, parseSimpleRule } from "@/lib/ingest/ics-rule";

// ics-rule.ts must give exactly the instants node-ical's `rrule.between` gives, or decline (null).

function nodeIcal(rule: string, dtstart: string): VEvent {
  const text = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", dtstart, `RRULE:${rule}`, "END:VEVENT", "END:VCALENDAR"].join("\r\n");
  const event = Object.values(ical.sync.parseICS(text)).find((c): c is VEvent => c?.type === "VEVENT");
  if (event?.rrule === undefined) throw new Error(`node-ical read no rule from ${rule}`);
  return event;
}

function both(rule: string, dtstart: string, zone: string, from: string, to: string) {
  const event = nodeIcal(rule, dtstart);
  const simple = parseSimpleRule(rule);
  if (simple === null) throw new Error(`not a simple rule: ${rule}`);
  const range = [new Date(from), new Date(to)] as const;
  return {
    ours: expandSimpleRule(simple, event.start, zone, ...range)?.map((d) => d.toISOString()) ?? null,
    reference: event.rrule?.between(...range, true).map((d) => d.toISOString()) ?? [],
  };
}

describe("simple RRULE expansion", () => {
  it("reads only the subset it can promise", () => {
    expect(parseSimpleRule("FREQ=WEEKLY;COUNT=10")).not.toBeNull();
    expect(parseSimpleRule("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250301T000000Z")).not.toBeNull();
    for (const rule of [
      "FREQ=MONTHLY;COUNT=3",
      "FREQ=WEEKLY;BYDAY=1MO",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
      "FREQ=DAILY;INTERVAL=3;BYDAY=SU",
      "FREQ=WEEKLY;COUNT=3;UNTIL=20250301T000000Z",
      "FREQ=WEEKLY;UNTIL=20250301",
      "FREQ=WEEKLY;UNTIL=20250301T000000",
      "FREQ=WEEKLY;BYMONTH=3",
      "FREQ=WEEKLY;COUNT=0",
      "freq=weekly",
      "FREQ=WEEKLY;",
    ]) {
      expect(parseSimpleRule(rule), rule).toBeNull();
    }
  });

  it("takes a weekly London series across both DST changes itself, with node-ical's instants", () => {
    const { ours, reference } = both(
      "FREQ=WEEKLY;COUNT=40",
      "DTSTART;TZID=Europe/London:20250106T090000",
      "Europe/London",
      "2025-01-01T00:00:00Z",
      "2026-01-01T00:00:00Z",
    );
    expect(ours).not.toBeNull();
    expect(ours).toEqual(reference);
    expect(ours).toContain("2025-01-06T09:00:00.000Z");
    expect(ours).toContain("2025-04-07T08:00:00.000Z");
  });

  it("declines a series whose wall-clock time falls into a skipped or repeated hour", () => {
    const skipped = both("FREQ=DAILY;COUNT=30", "DTSTART;TZID=America/New_York:20250301T023000", "America/New_York", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    expect(skipped.ours).toBeNull();
    const repeated = both("FREQ=WEEKLY;COUNT=30", "DTSTART;TZID=Europe/London:20250907T013000", "Europe/London", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    expect(repeated.ours).toBeNull();
  });

  it("agrees with node-ical on random rules, zones, times and windows", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "UTC"];
    const days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    const pad = (n: number) => String(n).padStart(2, "0");
    let taken = 0;
    for (let i = 0; i < 800; i += 1) {
      const zone = pick(zones);
      const start = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 700) * 86_400_000);
      const wall = `${start.getUTCFullYear()}${pad(start.getUTCMonth() + 1)}${pad(start.getUTCDate())}T${pad(pick([0, 1, 2, 3, 9, 13, 23]))}${pick(["00", "30"])}00`;
      const dtstart = zone === "UTC" ? `DTSTART:${wall}Z` : `DTSTART;TZID=${zone}:${wall}`;
      const freq = pick(["DAILY", "WEEKLY"]);
      const interval = pick([1, 1, 2, 3]);
      const startDay = days[(start.getUTCDay() + 6) % 7] as string;
      const byDay = pick([null, [startDay], [startDay, pick(days)], ["MO", "TU", "WE", "TH", "FR"]]);
      const end = pick([`COUNT=${1 + Math.floor(random() * 60)}`, `UNTIL=${2024 + Math.floor(random() * 3)}0${1 + Math.floor(random() * 9)}15T120000Z`, null]);
      const parts = [`FREQ=${freq}`, interval > 1 ? `INTERVAL=${interval}` : null, byDay ? `BYDAY=${[...new Set(byDay)].join(",")}` : null, end, random() < 0.2 ? "WKST=SU" : null];
      const rule = parts.filter((p) => p !== null).join(";");
      if (parseSimpleRule(rule) === null) continue;
      const from = new Date(start.getTime() + (Math.floor(random() * 400) - 100) * 86_400_000);
      const to = new Date(from.getTime() + Math.floor(random() * 300) * 86_400_000);
      const { ours, reference } = both(rule, dtstart, zone, from.toISOString(), to.toISOString());
      if (ours === null) continue;
      taken += 1;
      expect(ours, `${rule} ${dtstart} ${from.toISOString()}–${to.toISOString()}`).toEqual(reference);
    }
    expect(taken).toBeGreaterThan(250);
  });
});

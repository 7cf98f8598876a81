import ical from "node-ical";
import type { VEvent } from "node-ical";
import { paramValue, type ContentLine, type VEventBlock } from "./ics-lines";
import type { ZoneResolver } from "./ics-zones";

/** The zones an event's times are read in. */
export type ZoneContext = {
  /** The zone of floating times, or why there is none. */
  floatingZone: { zone: string } | { error: string };
  resolveZone: ZoneResolver;
};

/**
 * Only these properties reach node-ical, which reads dates, zones, EXDATE and RRULE. Everything
 * else (ORGANIZER, ATTENDEE, LOCATION, STATUS…) is read from the content lines by the connector,
 * and SUMMARY, DESCRIPTION and COMMENT are read by nobody: titles never enter the process's data.
 */
const dateProperties = new Set(["DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "CREATED"]);

/**
 * One VEVENT parsed by node-ical on its own, after its times were given explicit IANA zones.
 * `withRule` false leaves the RRULE out (the caller expands it itself, see ics-rule.ts).
 */
export function parseTimes(block: VEventBlock, zones: ZoneContext, withRule = true): { parsed: VEvent } | { reason: string } {
  const year = Number(block.lines.find((l) => l.name === "DTSTART")?.value.slice(0, 4));
  // A fixed UID: node-ical files events under their UID, and a UID like "__proto__" would vanish.
  const input = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:event"];
  for (const line of block.lines) {
    if (dateProperties.has(line.name)) {
      const rewritten = withExplicitZone(line, year, zones);
      if ("reason" in rewritten) return rewritten;
      input.push(rewritten.text);
    } else if (line.name === "RRULE" && withRule) {
      input.push(`RRULE:${freqFirst(line.value)}`);
    }
  }
  input.push("END:VEVENT", "END:VCALENDAR");

  let parsed: VEvent | undefined;
  try {
    parsed = Object.values(ical.sync.parseICS(input.join("\r\n"))).find((c): c is VEvent => c?.type === "VEVENT");
  } catch (error) {
    return { reason: `node-ical could not read it: ${scrub(error)}` };
  }
  return parsed === undefined ? { reason: "node-ical found no event in it" } : { parsed };
}

/**
 * Gives every DATE-TIME an explicit IANA TZID: resolved from its own TZID, or the floating zone.
 * node-ical would read an unknown TZID or a floating time in the host's zone, and it ignores
 * X-WR-TIMEZONE.
 */
function withExplicitZone(line: ContentLine, year: number, zones: ZoneContext): { text: string } | { reason: string } {
  const values = line.value.split(",").map((v) => v.trim());
  const dateOnly = paramValue(line, "VALUE")?.toUpperCase() === "DATE";
  const valid = dateOnly ? /^\d{8}$/ : /^\d{8}(T\d{6}Z?)?$/;
  if (values.some((v) => !valid.test(v))) return { reason: `${line.name} is not a valid date (line ${line.line})` };
  if (dateOnly || values.every((v) => /^\d{8}$/.test(v) || v.endsWith("Z"))) return { text: serialize(line) };

  const tzid = paramValue(line, "TZID");
  let zone: string;
  if (tzid !== null) {
    const resolved = zones.resolveZone(tzid, year);
    if (resolved === null) return { reason: `unknown time zone "${tzid}" (${line.name} TZID, line ${line.line})` };
    zone = resolved;
  } else if ("zone" in zones.floatingZone) {
    zone = zones.floatingZone.zone;
  } else {
    return { reason: zones.floatingZone.error };
  }
  const params = [...line.params.filter((p) => p.name !== "TZID"), { name: "TZID", value: zone, raw: zone }];
  return { text: serialize({ ...line, params }) };
}

/** node-ical drops every rule part before FREQ (an UNTIL or COUNT with it), so FREQ goes first. */
function freqFirst(rule: string): string {
  const parts = rule.split(";").filter((p) => p.trim() !== "");
  const isFreq = (p: string) => /^FREQ=/i.test(p.trim());
  return [...parts.filter(isFreq), ...parts.filter((p) => !isFreq(p))].join(";");
}

function serialize(line: ContentLine): string {
  return `${line.name}${line.params.map((p) => `;${p.name}=${p.raw}`).join("")}:${line.value}`;
}

/** Library messages may quote input; no e-mail address may reach a stored rejection reason. */
function scrub(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\S+@\S+/g, "<address>").slice(0, 200);
}

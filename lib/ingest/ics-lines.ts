import { UnparseableSourceError } from "@/lib/errors";

/**
 * The structural scan of an ICS file: unfolding, content lines and the component tree, with the
 * 1-based line number of every line in the original (still folded) text. node-ical keeps only the
 * last VCALENDAR of a file and knows no line numbers, so the file is split here and each VEVENT is
 * later handed to node-ical on its own.
 */

export type Param = { name: string; value: string; raw: string };

export type ContentLine = {
  /** 1-based line of the first physical line of this (unfolded) content line. */
  line: number;
  name: string;
  params: Param[];
  value: string;
};

export type VTimezoneBlock = { tzid: string; observances: Observance[] };

export type Observance = {
  kind: "STANDARD" | "DAYLIGHT";
  lines: ContentLine[];
};

export type VEventBlock = {
  /** Line of BEGIN:VEVENT. */
  line: number;
  /** The VEVENT's own properties; lines of nested components (VALARM) are left out. */
  lines: ContentLine[];
  /** First line inside the VEVENT that is not a valid content line, if any. */
  invalidLine: number | null;
};

export type CalendarBlock = {
  line: number;
  method: string | null;
  wrTimezone: string | null;
  timezones: VTimezoneBlock[];
  events: VEventBlock[];
};

type LogicalLine = { line: number; text: string };

type OpenComponent = { name: string; line: number };

export function paramValue(line: ContentLine, name: string): string | null {
  const found = line.params.find((p) => p.name === name);
  return found === undefined ? null : found.value;
}

export function scanCalendars(file: string, fileLabel: string): CalendarBlock[] {
  const where = (line: number) => `${fileLabel} line ${line}`;
  const text = file.replace(/^\uFEFF/, "");
  // Control characters other than tab/CR/LF never occur in a text calendar: this is binary data.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) {
    throw new UnparseableSourceError(fileLabel, "not a text calendar (binary data)");
  }
  if (!/^BEGIN:VCALENDAR\s*$/im.test(text)) {
    throw new UnparseableSourceError(where(1), "no BEGIN:VCALENDAR found: not an iCalendar file");
  }

  const calendars: CalendarBlock[] = [];
  const stack: OpenComponent[] = [];
  let calendar: CalendarBlock | null = null;
  let event: VEventBlock | null = null;
  let timezone: VTimezoneBlock | null = null;
  let observance: Observance | null = null;

  for (const logical of unfold(text, where)) {
    const parsed = parseContentLine(logical);
    const top = stack.at(-1);
    if (parsed === null) {
      if (top === undefined) throw new UnparseableSourceError(where(logical.line), "text outside BEGIN:VCALENDAR … END:VCALENDAR");
      if (event !== null && event.invalidLine === null) event.invalidLine = logical.line;
      continue;
    }
    const component = parsed.value.trim().toUpperCase();

    if (parsed.name === "BEGIN") {
      if (top === undefined && component !== "VCALENDAR") {
        throw new UnparseableSourceError(where(parsed.line), `BEGIN:${component} outside BEGIN:VCALENDAR … END:VCALENDAR`);
      }
      stack.push({ name: component, line: parsed.line });
      const depth = stack.length;
      if (depth === 1) {
        calendar = { line: parsed.line, method: null, wrTimezone: null, timezones: [], events: [] };
        calendars.push(calendar);
      } else if (depth === 2 && component === "VEVENT" && calendar !== null) {
        event = { line: parsed.line, lines: [], invalidLine: null };
        calendar.events.push(event);
      } else if (depth === 2 && component === "VTIMEZONE" && calendar !== null) {
        timezone = { tzid: "", observances: [] };
        calendar.timezones.push(timezone);
      } else if (depth === 3 && timezone !== null && (component === "STANDARD" || component === "DAYLIGHT")) {
        observance = { kind: component, lines: [] };
        timezone.observances.push(observance);
      }
      continue;
    }

    if (parsed.name === "END") {
      if (top === undefined) throw new UnparseableSourceError(where(parsed.line), `END:${component} without a matching BEGIN`);
      if (top.name !== component) {
        throw new UnparseableSourceError(
          where(parsed.line),
          `END:${component} does not close BEGIN:${top.name} (line ${top.line})`,
        );
      }
      stack.pop();
      if (stack.length === 0) calendar = null;
      if (stack.length <= 1) {
        event = null;
        timezone = null;
      }
      if (stack.length <= 2) observance = null;
      continue;
    }

    if (top === undefined) throw new UnparseableSourceError(where(parsed.line), "text outside BEGIN:VCALENDAR … END:VCALENDAR");
    const depth = stack.length;
    if (depth === 1 && calendar !== null) {
      if (parsed.name === "METHOD") calendar.method = parsed.value.trim().toUpperCase();
      if (parsed.name === "X-WR-TIMEZONE") calendar.wrTimezone = parsed.value.trim();
    } else if (depth === 2 && event !== null) {
      event.lines.push(parsed);
    } else if (depth === 2 && timezone !== null && parsed.name === "TZID") {
      timezone.tzid = parsed.value.trim();
    } else if (depth === 3 && observance !== null) {
      observance.lines.push(parsed);
    }
  }

  const unclosed = stack[0];
  if (unclosed !== undefined) {
    const innermost = stack.at(-1) ?? unclosed;
    throw new UnparseableSourceError(where(innermost.line), `BEGIN:${innermost.name} is never closed (file truncated?)`);
  }
  return calendars;
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function* unfold(text: string, where: (line: number) => string): Generator<LogicalLine> {
  let current: LogicalLine | null = null;
  let lineNumber = 0;
  for (const physical of text.split(/\r\n|\n|\r/)) {
    lineNumber += 1;
    if (physical.startsWith(" ") || physical.startsWith("\t")) {
      if (current === null) throw new UnparseableSourceError(where(lineNumber), "continuation line with nothing to continue");
      current.text += physical.slice(1);
      continue;
    }
    if (current !== null) yield current;
    current = physical.trim() === "" ? null : { line: lineNumber, text: physical };
  }
  if (current !== null) yield current;
}

/** `NAME;P1=v1;P2="v, 2":value`, or null when the line is not of that shape. */
function parseContentLine(logical: LogicalLine): ContentLine | null {
  const text = logical.text;
  const nameMatch = /^[A-Za-z0-9-]+/.exec(text);
  if (nameMatch === null) return null;
  const params: Param[] = [];
  let i = nameMatch[0].length;
  while (text[i] === ";") {
    const eq = text.indexOf("=", i);
    if (eq === -1) return null;
    const paramName = text.slice(i + 1, eq).toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(paramName)) return null;
    let j = eq + 1;
    // A parameter value runs to the next ';' or ':' outside double quotes.
    let inQuotes = false;
    while (j < text.length && (inQuotes || (text[j] !== ";" && text[j] !== ":"))) {
      if (text[j] === '"') inQuotes = !inQuotes;
      j += 1;
    }
    if (inQuotes) return null;
    const raw = text.slice(eq + 1, j);
    params.push({ name: paramName, raw, value: raw.replace(/^"(.*)"$/, "$1") });
    i = j;
  }
  if (text[i] !== ":") return null;
  return { line: logical.line, name: nameMatch[0].toUpperCase(), params, value: text.slice(i + 1) };
}

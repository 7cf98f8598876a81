/** A goal as the issue states it: the value must be at least or at most the target. */
export type Goal = { op: "≥" | "≤"; target: number; unit?: string };

/** Whether a value is exact or only a bound (a run stopped at the time cap gives a lower bound). */
export type Bound = "exact" | "above" | "below" | "unknown";

export type Figure = { name: string; text: string; met: boolean | null };

const started = performance.now();

/** Progress goes to stderr, stamped with the time since the run started. */
export function progress(message: string): void {
  const seconds = Math.round((performance.now() - started) / 1000);
  process.stderr.write(`[${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}] ${message}\n`);
}

export function elapsedSeconds(): number {
  return (performance.now() - started) / 1000;
}

/** Collects and prints figures as `<name>: <value> (goal <goal>)`, each followed by its baseline in brackets. */
export class Report {
  readonly figures: Figure[] = [];

  figure(name: string, value: number, goal: Goal, detail: string, bound: Bound = "exact"): void {
    const unit = goal.unit ?? "";
    const shown = bound === "unknown" ? "n/a" : `${bound === "above" ? "> " : bound === "below" ? "< " : ""}${formatNumber(value)}${unit}`;
    const met = isMet(value, goal, bound);
    const verdict = met === null ? "undetermined" : met ? "met" : "NOT met";
    const text = `${name}: ${shown} (goal ${goal.op} ${formatNumber(goal.target)}${unit}) ${verdict} [${detail}]`;
    this.figures.push({ name, text, met });
    process.stdout.write(`${text}\n`);
  }

  /** A line of context (a baseline, a size) that is not itself a goal. */
  note(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  summary(): string {
    const met = this.figures.filter((f) => f.met === true).length;
    const unmet = this.figures.filter((f) => f.met === false).length;
    const open = this.figures.length - met - unmet;
    return `goals met: ${met} of ${this.figures.length}${unmet ? `; not met: ${unmet}` : ""}${open ? `; undetermined: ${open}` : ""}`;
  }
}

function isMet(value: number, goal: Goal, bound: Bound): boolean | null {
  if (bound === "unknown" || !Number.isFinite(value)) return null;
  const holds = goal.op === "≥" ? value >= goal.target : value <= goal.target;
  if (bound === "exact") return holds;
  // A lower bound proves "≥" when it holds and disproves "≤" when "≤" fails; an upper bound the reverse.
  if (bound === "above") return goal.op === "≥" ? (holds ? true : null) : holds ? null : false;
  return goal.op === "≤" ? (holds ? true : null) : holds ? null : false;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatSeconds(seconds: number): string {
  return seconds >= 10 ? `${seconds.toFixed(1)} s` : seconds >= 1 ? `${seconds.toFixed(2)} s` : `${Math.round(seconds * 1000)} ms`;
}

export function formatRate(rows: number, seconds: number): string {
  return `${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`;
}

/** 1000000 → "1M", 250000 → "250k". */
export function formatCount(n: number): string {
  if (n >= 1_000_000 && n % 100_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 100 === 0) return `${n / 1000}k`;
  return String(n);
}

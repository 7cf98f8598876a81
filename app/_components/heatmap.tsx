import type { DashboardMetrics, HeatmapCell } from "@/lib/analytics/types";
import { formatClock, formatInteger, formatPercent, suppressedNote, weekdayLong, weekdayShort } from "./format";

/**
 * Viridis in ten steps, light (quiet) to dark (busy): perceptually even and readable with the
 * common colour-vision deficiencies. Each step names the text colour that keeps ≥ 4.5:1 contrast.
 */
const STEPS = [
  { bg: "#fde725", fg: "#111" },
  { bg: "#b5de2b", fg: "#111" },
  { bg: "#6ece58", fg: "#111" },
  { bg: "#35b779", fg: "#111" },
  { bg: "#1f9e89", fg: "#111" },
  { bg: "#26828e", fg: "#fff" },
  { bg: "#31688e", fg: "#fff" },
  { bg: "#3e4989", fg: "#fff" },
  { bg: "#482878", fg: "#fff" },
  { bg: "#440154", fg: "#fff" },
] as const;

function stepFor(share: number) {
  const index = Math.min(STEPS.length - 1, Math.max(0, Math.floor(share * STEPS.length)));
  return STEPS[index] ?? STEPS[0];
}

type Slot = { weekday: number; hour: number; label: string; cell: HeatmapCell | undefined };

function slotLabel(weekday: number, hour: number): string {
  return `${weekdayShort(weekday)} ${formatClock(hour * 60)}–${formatClock((hour + 1) * 60)}`;
}

/** Working weekdays × the hours the working day touches (a 17:30 end still shows the 17:00 hour). */
function buildGrid(metrics: DashboardMetrics): { weekdays: number[]; hours: number[]; slots: Map<string, Slot> } {
  const { startMinute, endMinute, weekdays: workdays } = metrics.workday;
  const weekdays = [...new Set([...workdays, ...metrics.heatmap.map((c) => c.weekday)])].sort((a, b) => a - b);
  const firstHour = Math.floor(startMinute / 60);
  const lastHour = Math.ceil(endMinute / 60) - 1;
  const hourSet = new Set(metrics.heatmap.map((c) => c.hour));
  for (let h = firstHour; h <= lastHour; h++) hourSet.add(h);
  const hours = [...hourSet].sort((a, b) => a - b);

  const cells = new Map(metrics.heatmap.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const slots = new Map<string, Slot>();
  for (const weekday of weekdays) {
    for (const hour of hours) {
      const key = `${weekday}:${hour}`;
      slots.set(key, { weekday, hour, label: slotLabel(weekday, hour), cell: cells.get(key) });
    }
  }
  return { weekdays, hours, slots };
}

function isShown(cell: HeatmapCell | undefined): cell is HeatmapCell & { utilisation: number } {
  return cell !== undefined && !cell.suppressed && cell.utilisation !== null;
}

/** One sentence a planner can act on without decoding colours. */
function summarise(slots: Slot[], minGroupSize: number): string {
  const shown = slots.filter((s) => isShown(s.cell));
  const suppressed = slots.filter((s) => s.cell?.suppressed).length;
  if (shown.length === 0) {
    return suppressed > 0
      ? `Every hour is suppressed: each covers fewer than ${formatInteger(minGroupSize)} people. Try a longer date range.`
      : "No hourly figures for this range.";
  }
  const value = (s: Slot) => s.cell?.utilisation ?? 0;
  // First of equals wins, so the earliest slot in the week is named on ties.
  const busiest = shown.reduce((best, s) => (value(s) > value(best) ? s : best));
  const quietest = shown.reduce((low, s) => (value(s) < value(low) ? s : low));
  const parts = [`Busiest: ${busiest.label} at ${formatPercent(value(busiest))}.`];
  if (quietest !== busiest) parts.push(`Quietest: ${quietest.label} at ${formatPercent(value(quietest))}.`);
  if (suppressed > 0) parts.push(`${formatInteger(suppressed)} of ${formatInteger(slots.length)} hours suppressed.`);
  return parts.join(" ");
}

export function Heatmap({ metrics }: { metrics: DashboardMetrics }) {
  const { weekdays, hours, slots } = buildGrid(metrics);
  const note = suppressedNote(metrics.minGroupSize);

  return (
    <section className="card" aria-labelledby="heatmap-heading">
      <header className="card__header">
        <h2 id="heatmap-heading">When rooms are busy</h2>
        <p className="card__sub">Utilisation of all rooms by weekday and hour, in each room&rsquo;s local time.</p>
      </header>
      <p className="heatmap-summary" data-testid="heatmap-summary">
        {summarise([...slots.values()], metrics.minGroupSize)}
      </p>
      <div className="heatmap-frame">
        <table className="heatmap" data-testid="heatmap">
          <caption className="visually-hidden">Utilisation by weekday and hour</caption>
          <thead>
            <tr>
              <td />
              {hours.map((hour) => (
                <th key={hour} scope="col">
                  {formatClock(hour * 60)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weekdays.map((weekday) => (
              <tr key={weekday}>
                <th scope="row">
                  <abbr title={weekdayLong(weekday)}>{weekdayShort(weekday)}</abbr>
                </th>
                {hours.map((hour) => {
                  const slot = slots.get(`${weekday}:${hour}`);
                  return slot ? <HeatCell key={hour} slot={slot} note={note} /> : null;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend note={note} />
    </section>
  );
}

function HeatCell({ slot, note }: { slot: Slot; note: string }) {
  const { cell, label } = slot;
  if (cell?.suppressed || (cell && cell.utilisation === null)) {
    // Hatched and worded: a small group must never look like an empty (0 %) hour.
    return (
      <td className="heat heat--suppressed" data-testid="heatmap-cell" data-suppressed="true" title={`${label}: ${note}`} aria-label={`${label}: ${note}`}>
        suppressed
      </td>
    );
  }
  if (!isShown(cell)) {
    return (
      <td className="heat heat--empty" data-testid="heatmap-cell" data-suppressed="false" title={`${label}: no data`} aria-label={`${label}: no data`}>
        –
      </td>
    );
  }
  const step = stepFor(cell.utilisation);
  const text = `${label}: ${formatPercent(cell.utilisation)}`;
  return (
    <td
      className="heat"
      data-testid="heatmap-cell"
      data-suppressed="false"
      style={{ background: step.bg, color: step.fg }}
      title={text}
      aria-label={text}
    >
      {formatPercent(cell.utilisation)}
    </td>
  );
}

function Legend({ note }: { note: string }) {
  return (
    <div className="legend" aria-label="Colour legend">
      <span className="legend__label">0%</span>
      <ol className="legend__scale">
        {STEPS.map((step, i) => (
          <li
            key={step.bg}
            style={{ background: step.bg }}
            title={`${i * 10}–${(i + 1) * 10}%`}
            aria-label={`${i * 10}–${(i + 1) * 10}%`}
          />
        ))}
      </ol>
      <span className="legend__label">100%</span>
      <span className="legend__suppressed">
        <span className="swatch-suppressed" aria-hidden="true" />
        {note}
      </span>
    </div>
  );
}

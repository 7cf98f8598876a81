import type { ReactNode } from "react";
import type { DashboardMetrics, HeatmapCell } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatClock, type Formatters } from "@/lib/i18n/format";

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
type Text = Dictionary["dashboard"]["heatmap"];
/** The word on a suppressed cell and the sentence that explains it, both in the reader's language. */
type Suppressed = { word: string; note: string };

/** Working weekdays × the hours the working day touches (a 17:30 end still shows the 17:00 hour). */
function buildGrid(
  metrics: DashboardMetrics,
  format: Formatters,
): { weekdays: number[]; hours: number[]; slots: Map<string, Slot> } {
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
      // The full weekday name: the label is read aloud (aria-label) and quoted in the summary.
      const label = `${format.weekdayLong(weekday)} ${formatClock(hour * 60)}–${formatClock((hour + 1) * 60)}`;
      slots.set(key, { weekday, hour, label, cell: cells.get(key) });
    }
  }
  return { weekdays, hours, slots };
}

function isShown(cell: HeatmapCell | undefined): cell is HeatmapCell & { utilisation: number } {
  return cell !== undefined && !cell.suppressed && cell.utilisation !== null;
}

/** One sentence a planner can act on without decoding colours. */
function summarise(slots: Slot[], minGroupSize: number, t: Text, format: Formatters): string {
  const shown = slots.filter((s) => isShown(s.cell));
  const suppressed = slots.filter((s) => s.cell?.suppressed).length;
  if (shown.length === 0) return suppressed > 0 ? t.allSuppressed(minGroupSize) : t.noFigures;
  const value = (s: Slot) => s.cell?.utilisation ?? 0;
  // First of equals wins, so the earliest slot in the week is named on ties.
  const busiest = shown.reduce((best, s) => (value(s) > value(best) ? s : best));
  const quietest = shown.reduce((low, s) => (value(s) < value(low) ? s : low));
  const parts = [t.busiest(busiest.label, format.percent(value(busiest)))];
  if (quietest !== busiest) parts.push(t.quietest(quietest.label, format.percent(value(quietest))));
  if (suppressed > 0) parts.push(t.suppressedCount(suppressed, slots.length));
  return parts.join(" ");
}

type Props = {
  metrics: DashboardMetrics;
  t: Text;
  suppressed: Suppressed;
  format: Formatters;
  /** Shown under the summary (a planner view says the room filters do not narrow this chart). */
  note?: ReactNode;
  /** Shown under the legend: the planner views put the downloads of these figures there. */
  footer?: ReactNode;
};

export function Heatmap({ metrics, t, suppressed, format, note, footer }: Props) {
  const { weekdays, hours, slots } = buildGrid(metrics, format);

  return (
    <section className="card" aria-labelledby="heatmap-heading">
      <header className="card__header">
        <h2 id="heatmap-heading">{t.heading}</h2>
        <p className="card__sub">{t.sub}</p>
      </header>
      <p className="heatmap-summary" data-testid="heatmap-summary">
        {summarise([...slots.values()], metrics.minGroupSize, t, format)}
      </p>
      {note}
      <div className="heatmap-frame">
        <table className="heatmap" data-testid="heatmap">
          <caption className="visually-hidden">{t.caption}</caption>
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
                  <abbr title={format.weekdayLong(weekday)}>{format.weekdayShort(weekday)}</abbr>
                </th>
                {hours.map((hour) => {
                  const slot = slots.get(`${weekday}:${hour}`);
                  return slot ? <HeatCell key={hour} slot={slot} t={t} suppressed={suppressed} format={format} /> : null;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend t={t} suppressed={suppressed} format={format} />
      {footer}
    </section>
  );
}

function HeatCell({ slot, t, suppressed, format }: { slot: Slot; t: Text; suppressed: Suppressed; format: Formatters }) {
  const { cell, label } = slot;
  if (cell?.suppressed || (cell && cell.utilisation === null)) {
    // Hatched and worded: a small group must never look like an empty (0 %) hour.
    const text = `${label}: ${suppressed.note}`;
    return (
      <td className="heat heat--suppressed" data-testid="heatmap-cell" data-suppressed="true" title={text} aria-label={text}>
        {suppressed.word}
      </td>
    );
  }
  if (!isShown(cell)) {
    const text = `${label}: ${t.noData}`;
    return (
      <td className="heat heat--empty" data-testid="heatmap-cell" data-suppressed="false" title={text} aria-label={text}>
        –
      </td>
    );
  }
  const step = stepFor(cell.utilisation);
  const value = format.percent(cell.utilisation);
  const text = `${label}: ${value}`;
  return (
    <td
      className="heat"
      data-testid="heatmap-cell"
      data-suppressed="false"
      style={{ background: step.bg, color: step.fg }}
      title={text}
      aria-label={text}
    >
      {value}
    </td>
  );
}

function Legend({ t, suppressed, format }: { t: Text; suppressed: Suppressed; format: Formatters }) {
  return (
    <div className="legend" aria-label={t.legendLabel}>
      <span className="legend__label">{format.percent(0)}</span>
      <ol className="legend__scale">
        {STEPS.map((step, i) => {
          const band = `${format.percent(i / STEPS.length)}–${format.percent((i + 1) / STEPS.length)}`;
          return <li key={step.bg} style={{ background: step.bg }} title={band} aria-label={band} />;
        })}
      </ol>
      <span className="legend__label">{format.percent(1)}</span>
      <span className="legend__suppressed">
        <span className="swatch-suppressed" aria-hidden="true" />
        {suppressed.note}
      </span>
    </div>
  );
}

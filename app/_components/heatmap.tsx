import type { ReactNode } from "react";
import type { DashboardMetrics, HeatmapCell } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { formatClock, type Formatters } from "@/lib/i18n/format";
import { slotLabel, stepFor, STEPS, type HeatmapGrid, type HeatValue } from "./heatmap-grid";
import { HeatmapTable } from "./heatmap-table";

type Slot = { label: string; cell: HeatmapCell | undefined };
type Text = Dictionary["dashboard"]["heatmap"];
/** The word on a suppressed cell and the sentence that explains it, both in the reader's language. */
type Suppressed = { word: string; note: string };

function isShown(cell: HeatmapCell | undefined): cell is HeatmapCell & { utilisation: number } {
  return cell !== undefined && !cell.suppressed && cell.utilisation !== null;
}

/** Working weekdays × the hours the working day touches (a 17:30 end still shows the 17:00 hour). */
function buildGrid(metrics: DashboardMetrics, t: Text, suppressed: Suppressed, format: Formatters): { grid: HeatmapGrid; slots: Slot[] } {
  const { startMinute, endMinute, weekdays: workdays } = metrics.workday;
  const weekdays = [...new Set([...workdays, ...metrics.heatmap.map((c) => c.weekday)])].sort((a, b) => a - b);
  const firstHour = Math.floor(startMinute / 60);
  const lastHour = Math.ceil(endMinute / 60) - 1;
  const hourSet = new Set(metrics.heatmap.map((c) => c.hour));
  for (let h = firstHour; h <= lastHour; h++) hourSet.add(h);
  const hours = [...hourSet]
    .sort((a, b) => a - b)
    .map((hour) => ({ key: hour, label: formatClock(hour * 60), range: `${formatClock(hour * 60)}–${formatClock((hour + 1) * 60)}` }));

  const cells = new Map(metrics.heatmap.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const slots: Slot[] = [];
  const rows = weekdays.map((weekday) => {
    const long = format.weekdayLong(weekday);
    const values = hours.map((hour): HeatValue => {
      const cell = cells.get(`${weekday}:${hour.key}`);
      slots.push({ label: slotLabel(long, hour.range), cell });
      if (cell?.suppressed || (cell && cell.utilisation === null)) return "suppressed";
      return isShown(cell) ? [stepFor(cell.utilisation), format.percent(cell.utilisation)] : null;
    });
    return { key: weekday, short: format.weekdayShort(weekday), long, values };
  });
  const text = { caption: t.caption, suppressedWord: suppressed.word, suppressedNote: suppressed.note, noData: t.noData };
  return { grid: { hours, weekdays: rows, text }, slots };
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
  /** Shown under the legend: the planner views put the downloads of these figures there. */
  footer?: ReactNode;
};

export function Heatmap({ metrics, t, suppressed, format, footer }: Props) {
  const { grid, slots } = buildGrid(metrics, t, suppressed, format);

  return (
    <section className="card" aria-labelledby="heatmap-heading">
      <header className="card__header">
        <h2 id="heatmap-heading">{t.heading}</h2>
        <p className="card__sub">{t.sub}</p>
      </header>
      <p className="heatmap-summary" data-testid="heatmap-summary">
        {summarise(slots, metrics.minGroupSize, t, format)}
      </p>
      <HeatmapTable grid={grid} />
      <Legend t={t} suppressed={suppressed} format={format} />
      {footer}
    </section>
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

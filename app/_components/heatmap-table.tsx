"use client";

// A client component only so that the page carries the grid's short values, not each cell's element
// with its labels (heatmap-grid.ts); its HTML is still rendered on the server and it has no behaviour.
import { slotLabel, STEPS, type HeatmapGrid, type HeatValue } from "./heatmap-grid";

export function HeatmapTable({ grid }: { grid: HeatmapGrid }) {
  const { hours, weekdays, text } = grid;
  return (
    <div className="heatmap-frame">
      <table className="heatmap" data-testid="heatmap">
        <caption className="visually-hidden">{text.caption}</caption>
        <thead>
          <tr>
            <td />
            {hours.map((hour) => (
              <th key={hour.key} scope="col">
                {hour.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekdays.map((weekday) => (
            <tr key={weekday.key}>
              <th scope="row">
                <abbr title={weekday.long}>{weekday.short}</abbr>
              </th>
              {hours.map((hour, i) => (
                <HeatCell key={hour.key} label={slotLabel(weekday.long, hour.range)} value={weekday.values[i] ?? null} text={text} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeatCell({ label, value, text }: { label: string; value: HeatValue; text: HeatmapGrid["text"] }) {
  if (value === "suppressed") {
    // Hatched and worded: a small group must never look like an empty (0 %) hour.
    const title = `${label}: ${text.suppressedNote}`;
    return (
      <td className="heat heat--suppressed" data-testid="heatmap-cell" data-suppressed="true" title={title} aria-label={title}>
        {text.suppressedWord}
      </td>
    );
  }
  if (value === null) {
    const title = `${label}: ${text.noData}`;
    return (
      <td className="heat heat--empty" data-testid="heatmap-cell" data-suppressed="false" title={title} aria-label={title}>
        –
      </td>
    );
  }
  const [step, percent] = value;
  const colours = STEPS[step] ?? STEPS[0];
  const title = `${label}: ${percent}`;
  return (
    <td
      className="heat"
      data-testid="heatmap-cell"
      data-suppressed="false"
      style={{ background: colours.bg, color: colours.fg }}
      title={title}
      aria-label={title}
    >
      {percent}
    </td>
  );
}

"use client";

// A client leaf because recharts measures and draws in the browser. Everything it shows arrives as
// text already translated and formatted on the server; the table beside it carries the same figures.
import { useId, useRef } from "react";
import { Bar, BarChart as Chart, CartesianGrid, LabelList, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { BarShapeProps, TooltipContentProps } from "recharts";
import { SuppressedBand, useUntabbableLayers } from "../chart-parts";
import styles from "./planner.module.css";

export type ChartSeries = { key: string; label: string; colour: string };

export type ChartCell = {
  /** null: no value to draw (not the same as suppressed). */
  value: number | null;
  suppressed: boolean;
  /** The bar's label in the reader's format ("62%"); ignored when suppressed. */
  text: string;
};

export type ChartRow = { key: string; label: string; cells: ChartCell[] };

export type ChartText = {
  title: string;
  description: string;
  /** The word written across a suppressed bar, and the sentence that explains it. */
  suppressed: string;
  suppressedNote: string;
  ticks: { value: number; label: string }[];
  /** Dashed vertical lines, such as a threshold: `label` in the legend, `short` (its value) on the line. */
  references?: { value: number; label: string; short?: string }[];
  legend: string;
};

type Props = {
  series: ChartSeries[];
  rows: ChartRow[];
  text: ChartText;
  /** Right end of the value axis. */
  domainMax: number;
  labelWidth?: number;
  /** Room right of the longest bar for its label ("23 of 64 days" needs more than "62%"). */
  valueWidth?: number;
};

type Datum = Record<string, string | number | boolean | null> & { key: string; label: string };

/**
 * Horizontal bars, one group per row and one bar per series. A suppressed value is drawn as a
 * full-length hatched band with the word on it, so it can never be read as a short bar or a zero.
 */
export function BarChart({ series, rows, text, domainMax, labelWidth = 170, valueWidth = 56 }: Props) {
  const data: Datum[] = rows.map((row) => {
    const datum: Datum = { key: row.key, label: row.label };
    series.forEach((_, i) => {
      const cell = row.cells[i];
      datum[`v${i}`] = cell?.suppressed ? domainMax : (cell?.value ?? null);
      datum[`s${i}`] = cell?.suppressed ?? false;
      datum[`t${i}`] = cell && !cell.suppressed && cell.value !== null ? cell.text : "";
    });
    return datum;
  });
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const barSize = series.length > 1 ? 12 : 18;
  const height = rows.length * (series.length * (barSize + 2) + 10) + 48;
  const tickLabels = new Map(text.ticks.map((tick) => [tick.value, tick.label]));
  const hatchId = `hatch-${useId().replaceAll(":", "")}`;
  const frame = useRef<HTMLDivElement>(null);
  useUntabbableLayers(frame);
  const anySuppressed = rows.some((row) => row.cells.some((cell) => cell.suppressed));

  return (
    <div ref={frame}>
      <Chart
        data={data}
        layout="vertical"
        responsive
        style={{ width: "100%", height }}
        margin={{ top: 4, right: valueWidth, bottom: 18, left: 8 }}
        barCategoryGap={8}
        barGap={2}
        title={text.title}
        desc={text.description}
      >
        <defs>
          <pattern id={hatchId} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="var(--suppressed-bg)" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="var(--suppressed-stripe)" strokeWidth="3" />
          </pattern>
        </defs>
        <CartesianGrid horizontal={false} stroke="var(--grid)" />
        <XAxis
          type="number"
          domain={[0, domainMax]}
          ticks={text.ticks.map((tick) => tick.value)}
          tickFormatter={(v: number) => tickLabels.get(v) ?? ""}
          stroke="var(--muted)"
          tick={{ fill: "var(--muted)", fontSize: 12 }}
          orientation="top"
          allowDataOverflow
        />
        <YAxis
          type="category"
          dataKey="key"
          width={labelWidth}
          interval={0}
          tickLine={false}
          stroke="var(--border)"
          tick={{ fill: "var(--text)", fontSize: 12 }}
          tickFormatter={(key: string) => truncate(byKey.get(key)?.label ?? key, Math.floor(labelWidth / 7))}
        />
        <Tooltip
          cursor={{ fill: "var(--row-hover)" }}
          content={(props: TooltipContentProps) => <RowTooltip {...props} byKey={byKey} series={series} note={text.suppressedNote} />}
        />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={`v${i}`}
            name={s.label}
            fill={s.colour}
            barSize={barSize}
            isAnimationActive={false}
            shape={(props: BarShapeProps) =>
              props.payload?.[`s${i}`] ? (
                <SuppressedBand {...props} hatchId={hatchId} word={text.suppressed} />
              ) : (
                <rect x={props.x} y={props.y} width={Math.max(0, props.width)} height={Math.max(0, props.height)} fill={s.colour} rx={2} />
              )
            }
          >
            <LabelList dataKey={`t${i}`} position="right" fill="var(--text)" fontSize={11} />
          </Bar>
        ))}
        {(text.references ?? []).map((reference) => (
          <ReferenceLine
            key={reference.value}
            x={reference.value}
            stroke="var(--text)"
            strokeDasharray="4 3"
            ifOverflow="extendDomain"
            label={reference.short ? { value: reference.short, position: "bottom", fontSize: 11, fill: "var(--text)" } : undefined}
          />
        ))}
      </Chart>
      <ul className={styles.legend} aria-label={text.legend}>
        {series.length > 1 &&
          series.map((s) => (
            <li key={s.key}>
              <span className={styles.swatch} style={{ background: s.colour }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        {(text.references ?? []).map((reference) => (
          <li key={reference.value}>
            <span className={styles.line} aria-hidden="true" />
            {reference.label}
          </li>
        ))}
        {anySuppressed && (
          <li>
            <span className="swatch-suppressed" aria-hidden="true" />
            {text.suppressedNote}
          </li>
        )}
      </ul>
    </div>
  );
}

function RowTooltip({
  active,
  label,
  byKey,
  series,
  note,
}: TooltipContentProps & { byKey: Map<string, ChartRow>; series: ChartSeries[]; note: string }) {
  const row = active && label !== undefined ? byKey.get(String(label)) : undefined;
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{row.label}</strong>
      {series.map((s, i) => {
        const cell = row.cells[i];
        const value = cell?.suppressed ? note : cell?.value === null || cell === undefined ? "–" : cell.text;
        return (
          <span key={s.key}>
            {series.length > 1 ? `${s.label}: ` : ""}
            {value}
          </span>
        );
      })}
    </div>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

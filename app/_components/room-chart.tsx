"use client";

// A client leaf because recharts measures and draws in the browser. It gets the rows the room table
// shows (room-rows.ts), already in words: the client needs neither the dictionary nor a locale.
import { useId, useRef, useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { BarShapeProps, TooltipContentProps } from "recharts";
import { SuppressedBand, useUntabbableLayers } from "./chart-parts";
import { fillSlot, type RoomRow, type RoomText } from "./room-rows";

/** What the chart draws of a room: its bar (the share itself), or a full-width hatched band when suppressed. */
type ChartDatum = {
  key: string;
  name: string;
  /** "Canal Works · floor 2", for the tooltip. */
  place: string;
  value: number | null;
  /** For suppressed rooms only: a full-width hatched band in place of a bar (never a 0-length bar). */
  suppressedBand: number | null;
  /** The bar's label ("62%"), empty for a suppressed room. */
  valueLabel: string;
  /** The tooltip's line: the share in words, or why it is not shown. */
  detail: string;
};

const ROW_HEIGHT = 30;

export function RoomChart({ rows, text, suppressedNote }: { rows: RoomRow[]; text: RoomText["chart"]; suppressedNote: string }) {
  const data: ChartDatum[] = rows.map(([key, name, building, floor, , , , share, shareText]) => ({
    key,
    name,
    place: [building, floor && fillSlot(text.floor, floor)].filter(Boolean).join(" · "),
    value: share,
    suppressedBand: share === null ? 1 : null,
    valueLabel: shareText ?? "",
    detail: share === null || shareText === null ? suppressedNote : fillSlot(text.utilised, shareText),
  }));
  const byKey = new Map(data.map((d) => [d.key, d]));
  const height = data.length * ROW_HEIGHT + 48;
  const tickLabels = new Map(text.ticks.map((tick) => [tick.value, tick.label]));
  // Unique per chart instance: SVG pattern ids are document-global.
  const hatchId = `hatch-${useId().replaceAll(":", "")}`;
  const frame = useRef<HTMLDivElement>(null);
  useUntabbableLayers(frame);
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  // recharts measures its container before drawing, so on the server it renders an empty box of the
  // chart's height at the cost of building its whole state per request; the server sends the box alone.
  if (!inBrowser) {
    return (
      <div ref={frame}>
        <div style={{ width: "100%", height }} />
      </div>
    );
  }
  return (
    <div ref={frame}>
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: "100%", height }}
        margin={{ top: 4, right: 48, bottom: 4, left: 8 }}
        barCategoryGap={6}
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
          domain={[0, 1]}
          ticks={text.ticks.map((tick) => tick.value)}
          tickFormatter={(v: number) => tickLabels.get(v) ?? ""}
          stroke="var(--muted)"
          tick={{ fill: "var(--muted)", fontSize: 12 }}
          orientation="top"
        />
        <YAxis
          type="category"
          dataKey="key"
          width={170}
          interval={0}
          tickLine={false}
          stroke="var(--border)"
          tick={{ fill: "var(--text)", fontSize: 13 }}
          tickFormatter={(key: string) => truncate(byKey.get(key)?.name ?? key, 24)}
        />
        <Tooltip
          cursor={{ fill: "var(--row-hover)" }}
          content={(props: TooltipContentProps) => <RoomTooltip {...props} byKey={byKey} />}
        />
        <Bar dataKey="value" stackId="room" fill="var(--accent)" isAnimationActive={false} radius={[0, 3, 3, 0]}>
          <LabelList dataKey="valueLabel" position="right" fill="var(--text)" fontSize={12} />
        </Bar>
        <Bar
          dataKey="suppressedBand"
          stackId="room"
          isAnimationActive={false}
          shape={(props: BarShapeProps) => <SuppressedBand {...props} hatchId={hatchId} word={text.suppressed} />}
        />
      </BarChart>
    </div>
  );
}

function RoomTooltip({
  active,
  label,
  byKey,
}: TooltipContentProps & { byKey: Map<string, ChartDatum> }) {
  const room = active && label !== undefined ? byKey.get(String(label)) : undefined;
  if (!room) return null;
  return (
    <div className="chart-tooltip">
      <strong>{room.name}</strong>
      <span className="chart-tooltip__place">{room.place}</span>
      <span>{room.detail}</span>
    </div>
  );
}

/** Nothing to subscribe to: the snapshot only tells the server render (false) from the browser's (true). */
function subscribeToNothing(): () => void {
  return () => {};
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

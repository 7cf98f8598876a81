"use client";

// Pieces both bar charts (the dashboard's room chart and the planner views' chart) draw the same way.
import { useEffect, type RefObject } from "react";
import type { BarShapeProps } from "recharts";

const LAYER_SELECTOR = 'g[class^="recharts-zIndex-layer"]:not([tabindex])';

/**
 * Recharts renders its z-index layers through React portals into bare <g> elements. React puts
 * focus listeners on every portal container, and Chromium then makes those SVG groups keyboard
 * focusable: without this, Tab walks through several invisible stops inside the chart (seen with
 * recharts 3.11 in Chromium). tabindex="-1" takes them out of the tab order. The layers appear
 * after the first render, hence the observer.
 */
export function useUntabbableLayers(frame: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const root = frame.current;
    if (!root) return;
    const fix = () => root.querySelectorAll(LAYER_SELECTOR).forEach((g) => g.setAttribute("tabindex", "-1"));
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [frame]);
}

/** The hatched band of a suppressed value, labelled in words so it can never read as a value. */
export function SuppressedBand({ x, y, width, height, hatchId, word }: BarShapeProps & { hatchId: string; word: string }) {
  if (width <= 0 || height <= 0) return <g />;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill={`url(#${hatchId})`} rx={2} />
      <text x={x + 8} y={y + height / 2} dominantBaseline="central" fontSize={Math.min(12, height - 2)} fill="var(--text)">
        {word}
      </text>
    </g>
  );
}

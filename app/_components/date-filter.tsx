import Link from "next/link";
import type { DatePreset } from "@/lib/analytics/filters";
import type { DateRange } from "@/lib/analytics/types";

type Props = { range: DateRange; presets: DatePreset[] };

/**
 * The range lives in the URL (`/?from=…&to=…`), so a plain GET form is enough: it works without
 * JavaScript, every view can be bookmarked or shared, and the server renders the numbers directly.
 */
export function DateFilter({ range, presets }: Props) {
  return (
    <div className="date-filter">
      <form method="get" action="/" className="date-filter__form" data-testid="date-filter">
        <div className="field">
          <label htmlFor="range-from">From</label>
          <input id="range-from" type="date" name="from" defaultValue={range.from} required />
        </div>
        <div className="field">
          <label htmlFor="range-to">To</label>
          <input id="range-to" type="date" name="to" defaultValue={range.to} required />
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </form>
      <nav aria-label="Quick date ranges">
        <ul className="presets">
          {presets.map((preset) => {
            const active = preset.range.from === range.from && preset.range.to === range.to;
            return (
              <li key={preset.id}>
                {/* No prefetch: each preset is a full dashboard query, run only when chosen. */}
                <Link
                  href={`/?from=${preset.range.from}&to=${preset.range.to}`}
                  prefetch={false}
                  className="preset"
                  aria-current={active ? "true" : undefined}
                >
                  {preset.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}

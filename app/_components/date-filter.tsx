import Link from "next/link";
import type { DatePreset } from "@/lib/analytics/filters";
import type { DateRange } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";

type Props = { range: DateRange; presets: DatePreset[]; t: Dictionary["dashboard"]["filter"] };

/**
 * The range lives in the URL (`/?from=…&to=…`), so a plain GET form is enough: it works without
 * JavaScript, every view can be bookmarked or shared, and the server renders the numbers directly.
 */
export function DateFilter({ range, presets, t }: Props) {
  return (
    <div className="date-filter">
      <form method="get" action="/" className="date-filter__form" data-testid="date-filter">
        <div className="field">
          <label htmlFor="range-from">{t.from}</label>
          <input id="range-from" type="date" name="from" defaultValue={range.from} required />
        </div>
        <div className="field">
          <label htmlFor="range-to">{t.to}</label>
          <input id="range-to" type="date" name="to" defaultValue={range.to} required />
        </div>
        <button type="submit" className="button">
          {t.apply}
        </button>
      </form>
      <nav aria-label={t.presetsLabel}>
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
                  {/* By id, not the English label the filter module carries: each language names its own. */}
                  {t.presets[preset.id]}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}

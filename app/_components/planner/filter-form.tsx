import Link from "next/link";
import type { DatePreset } from "@/lib/analytics/filters";
import type { RoomFilters } from "@/lib/analytics/room-filter";
import { hasRoomFilters, viewQuery, type RoomFilterOptions } from "@/lib/analytics/room-filter-params";
import type { DateRange } from "@/lib/analytics/types";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { bandText } from "./format";
import styles from "./planner.module.css";

type Props = {
  /** The page the form reloads: filters live in its URL, so a view can be bookmarked or shared. */
  path: string;
  range: DateRange;
  filters: RoomFilters;
  options: RoomFilterOptions;
  presets: DatePreset[];
  t: Dictionary["planner"];
  presetNames: Dictionary["dashboard"]["filter"]["presets"];
};

/**
 * Dates and room filters as one plain GET form: it works without JavaScript, by keyboard, and the
 * server renders the numbers straight from the URL. The options come from the room directory.
 */
export function FilterForm({ path, range, filters, options, presets, t, presetNames }: Props) {
  const text = t.filters;
  // A value in the URL that the directory no longer lists stays selectable, so the form shows what the page shows.
  const withCurrent = (values: readonly string[], current: string | undefined) =>
    current !== undefined && !values.includes(current) ? [...values, current] : values;
  const select = (name: "building" | "floor" | "band" | "amenity", label: string, all: string, values: readonly string[], show = (v: string) => v) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={filters[name] ?? ""} className={styles.select}>
        <option value="">{all}</option>
        {withCurrent(values, filters[name]).map((value) => (
          <option key={value} value={value}>
            {show(value)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className={styles.filters}>
      <form method="get" action={path} className={styles.filterForm} data-testid="date-filter">
        <fieldset className={styles.fieldset}>
          <legend className="visually-hidden">{text.legend}</legend>
          <div className="field">
            <label htmlFor="range-from">{text.from}</label>
            <input id="range-from" type="date" name="from" defaultValue={range.from} required />
          </div>
          <div className="field">
            <label htmlFor="range-to">{text.to}</label>
            <input id="range-to" type="date" name="to" defaultValue={range.to} required />
          </div>
          {select("building", text.building, text.allBuildings, options.buildings)}
          {select("floor", text.floor, text.allFloors, options.floors)}
          {select("band", text.band, text.allBands, options.bands, (band) => bandText(band, t))}
          {select("amenity", text.amenity, text.allAmenities, options.amenities)}
        </fieldset>
        <button type="submit" className="button">
          {text.apply}
        </button>
      </form>
      <nav aria-label={text.presetsLabel} className={styles.presetRow}>
        <ul className="presets">
          {presets.map((preset) => {
            const active = preset.range.from === range.from && preset.range.to === range.to;
            return (
              <li key={preset.id}>
                {/* No prefetch: each preset is a full set of queries, run only when chosen. */}
                <Link href={`${path}?${viewQuery(preset.range, filters)}`} prefetch={false} className="preset" aria-current={active ? "true" : undefined}>
                  {presetNames[preset.id]}
                </Link>
              </li>
            );
          })}
        </ul>
        {hasRoomFilters(filters) && (
          <Link href={`${path}?${viewQuery(range, {})}`} prefetch={false} className={styles.clear}>
            {text.clear}
          </Link>
        )}
      </nav>
    </div>
  );
}

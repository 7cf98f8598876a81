import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getPlannerFormat } from "@/app/_components/planner/format";
import { PlannerPage, type PageContext } from "@/app/_components/planner/planner-page";
import { getDictionary } from "@/lib/i18n/dictionary";
import { locales } from "@/lib/i18n/locales";

/** The planner frame around a view, rendered as the server sends it. */
function render(locale: (typeof locales)[number], updating: boolean): string {
  const t = getDictionary(locale);
  const context: PageContext = {
    range: { from: "2026-07-01", to: "2026-09-30" },
    filters: {},
    adjusted: false,
    options: { buildings: [], floors: [], bands: [], amenities: [] },
    presets: [],
    minGroupSize: 10,
    freshness: { updating },
  };
  return renderToStaticMarkup(
    createElement(PlannerPage, { view: "demand", title: "Demand", intro: "", context, t, format: getPlannerFormat(locale), children: null }),
  );
}

describe("a planner page's figures while imported bookings are added", () => {
  it.each(locales)("says so, as a status, in %s", (locale) => {
    const page = render(locale, true);
    expect(page).toContain('data-testid="figures-updating"');
    expect(page).toContain('role="status"');
    expect(page).toContain(getDictionary(locale).dashboard.updating);
  });

  it.each(locales)("says nothing when the figures are current, in %s", (locale) => {
    expect(render(locale, false)).not.toContain(getDictionary(locale).dashboard.updating);
  });
});

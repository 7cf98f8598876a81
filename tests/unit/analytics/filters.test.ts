import { describe, expect, it } from "vitest";
import { countDays, isRangeAdjusted, listDatePresets, parseDateRange, toIsoDay } from "@/lib/analytics/filters";

// Local noon on 2025-06-15 (tests run with TZ=America/New_York): unambiguous in any zone offset.
const today = new Date(2025, 5, 15, 12, 0, 0);

describe("parseDateRange", () => {
  it("defaults to the last 90 days ending today", () => {
    // 2025-06-15 − 89 days: June 15 → May 16 (30 days) → Apr 16 (30) → Mar 18 (29) = 2025-03-18.
    const range = parseDateRange({}, today);
    expect(range).toEqual({ from: "2025-03-18", to: "2025-06-15" });
    expect(countDays(range)).toBe(90);
  });

  it("keeps a valid range as given", () => {
    expect(parseDateRange({ from: "2025-01-01", to: "2025-01-31" }, today)).toEqual({
      from: "2025-01-01",
      to: "2025-01-31",
    });
  });

  it("accepts a single-day range", () => {
    expect(parseDateRange({ from: "2025-04-02", to: "2025-04-02" }, today)).toEqual({
      from: "2025-04-02",
      to: "2025-04-02",
    });
  });

  it.each([
    ["not a date", "yesterday"],
    ["wrong format", "15/06/2025"],
    ["impossible day", "2025-02-30"],
    ["no leap day in 2025", "2025-02-29"],
    ["implausible year", "0001-01-01"],
    ["empty string", ""],
  ])("treats %s as missing (%j)", (_why, bad) => {
    expect(parseDateRange({ from: bad, to: bad }, today)).toEqual({ from: "2025-03-18", to: "2025-06-15" });
  });

  it("accepts a real leap day", () => {
    expect(parseDateRange({ from: "2024-02-29", to: "2024-03-01" }, today)).toEqual({
      from: "2024-02-29",
      to: "2024-03-01",
    });
  });

  it("runs from a lone `from` until today", () => {
    expect(parseDateRange({ from: "2025-05-01" }, today)).toEqual({ from: "2025-05-01", to: "2025-06-15" });
  });

  it("gives a lone future `from` a 90-day window instead of an inverted range", () => {
    // 2025-07-01 + 89 days: July 1 → Aug 1 (31) → Sep 1 (31) → Sep 28 (27) = 2025-09-28.
    expect(parseDateRange({ from: "2025-07-01" }, today)).toEqual({ from: "2025-07-01", to: "2025-09-28" });
  });

  it("ends the default-length window on a lone `to`", () => {
    // 2025-01-31 − 89 days: Jan 31 → Dec 31 (31) → Dec 1 (30) → Nov 3 (28) = 2024-11-03.
    expect(parseDateRange({ to: "2025-01-31" }, today)).toEqual({ from: "2024-11-03", to: "2025-01-31" });
  });

  it("keeps the valid half when the other is invalid", () => {
    expect(parseDateRange({ from: "2025-05-01", to: "garbage" }, today)).toEqual({
      from: "2025-05-01",
      to: "2025-06-15",
    });
  });

  it("swaps a reversed range so that to >= from", () => {
    expect(parseDateRange({ from: "2025-03-31", to: "2025-03-01" }, today)).toEqual({
      from: "2025-03-01",
      to: "2025-03-31",
    });
  });

  it("caps the span at two years, keeping the end", () => {
    // Two years back from 2025-06-15 is 2023-06-15; +1 day for an inclusive span → 2023-06-16.
    const range = parseDateRange({ from: "2020-01-01", to: "2025-06-15" }, today);
    expect(range).toEqual({ from: "2023-06-16", to: "2025-06-15" });
    // 2023-06-16 … 2024-06-15 is 366 days (2024 is leap), … 2025-06-15 another 365 = 731.
    expect(countDays(range)).toBe(731);
  });

  it("allows exactly two years", () => {
    expect(parseDateRange({ from: "2023-01-01", to: "2024-12-31" }, today)).toEqual({
      from: "2023-01-01",
      to: "2024-12-31",
    });
  });

  it("clamps the two-year limit on a leap day", () => {
    // 2024-02-29 − 2 years has no Feb 29 → 2022-02-28; +1 day → 2022-03-01.
    expect(parseDateRange({ from: "2019-01-01", to: "2024-02-29" }, today)).toEqual({
      from: "2022-03-01",
      to: "2024-02-29",
    });
  });

  it("uses the first value of a repeated parameter", () => {
    expect(parseDateRange({ from: ["2025-04-01", "2025-05-01"], to: "2025-04-30" }, today)).toEqual({
      from: "2025-04-01",
      to: "2025-04-30",
    });
  });

  it("ignores unrelated parameters", () => {
    expect(parseDateRange({ room: "12", utm_source: "mail" }, today)).toEqual({
      from: "2025-03-18",
      to: "2025-06-15",
    });
  });

  it("counts the default across a DST change as whole days", () => {
    // US DST started 2025-03-09; 2025-04-01 − 89 days: Apr 1 → Mar 1 (31) → Feb 1 (28) → Jan 2 (30).
    expect(parseDateRange({}, new Date(2025, 3, 1, 0, 30))).toEqual({ from: "2025-01-02", to: "2025-04-01" });
  });
});

describe("isRangeAdjusted", () => {
  const check = (params: Record<string, string | undefined>) => isRangeAdjusted(params, parseDateRange(params, today));

  it("is false when the URL names no dates or keeps the ones it names", () => {
    expect(check({})).toBe(false);
    expect(check({ from: "", to: "" })).toBe(false);
    expect(check({ from: "2025-01-01", to: "2025-01-31" })).toBe(false);
    // A lone `from` gains a `to`, but nothing asked for was changed.
    expect(check({ from: "2025-05-01" })).toBe(false);
  });

  it("is true when a named date was replaced", () => {
    expect(check({ from: "2025-02-30" })).toBe(true);
    expect(check({ from: "2025-03-31", to: "2025-03-01" })).toBe(true);
    expect(check({ from: "2020-01-01", to: "2025-06-15" })).toBe(true);
  });
});

describe("toIsoDay", () => {
  it("reads the calendar day in the server's time zone", () => {
    // 02:00 UTC on June 15 is still 22:00 on June 14 in New York.
    expect(toIsoDay(new Date("2025-06-15T02:00:00Z"))).toBe("2025-06-14");
  });
});

describe("listDatePresets", () => {
  it("offers ranges ending today", () => {
    expect(listDatePresets(today)).toEqual([
      // 2025-06-15 − 29 days = 2025-05-17.
      { id: "30d", label: "Last 30 days", range: { from: "2025-05-17", to: "2025-06-15" } },
      { id: "90d", label: "Last 90 days", range: { from: "2025-03-18", to: "2025-06-15" } },
      // 2025-06-15 − 6 months = 2024-12-15; +1 day for an inclusive span.
      { id: "6m", label: "Last 6 months", range: { from: "2024-12-16", to: "2025-06-15" } },
      { id: "ytd", label: "This year", range: { from: "2025-01-01", to: "2025-06-15" } },
    ]);
  });

  it("clamps six months back to the end of a shorter month", () => {
    // 2024-08-31 − 6 months → Feb 31 does not exist → 2024-02-29 (leap); +1 day → 2024-03-01.
    const sixMonths = listDatePresets(new Date(2024, 7, 31, 12)).find((p) => p.id === "6m");
    expect(sixMonths?.range).toEqual({ from: "2024-03-01", to: "2024-08-31" });
  });

  it("keeps every preset parseable and unchanged by parseDateRange", () => {
    for (const preset of listDatePresets(today)) {
      expect(parseDateRange(preset.range, today)).toEqual(preset.range);
    }
  });
});

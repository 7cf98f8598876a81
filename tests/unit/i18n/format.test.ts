import { describe, expect, it } from "vitest";
import { formatClock, formatDateTime, getFormatters } from "@/lib/i18n/format";

describe("formatDateTime", () => {
  // 14:05 UTC; the test process runs in New York, so a local-time slip would show 09:05 or 10:05.
  const purge = new Date("2026-03-02T14:05:00Z");

  it("writes the time in UTC and says so, in each language", () => {
    for (const locale of ["en", "vi"] as const) {
      const text = formatDateTime(purge, locale);
      expect(text, locale).toContain("14:05");
      expect(text, locale).toContain("UTC");
      expect(text, locale).toContain("2026");
    }
  });
});

describe("getFormatters", () => {
  const en = getFormatters("en");
  const vi = getFormatters("vi");

  it("writes numbers with each language's separators", () => {
    expect(en.integer(12345)).toBe("12,345");
    expect(vi.integer(12345)).toBe("12.345");
    expect(en.hours(1234.56)).toBe("1,234.6");
    expect(vi.hours(1234.56)).toBe("1.234,6");
    expect(en.percent(0.625)).toMatch(/^63\s?%$/);
    expect(vi.percent(0.625)).toMatch(/^63\s?%$/);
  });

  it("writes calendar days without shifting them into the server's zone", () => {
    // The process runs in New York: a local-midnight slip would print 17 March or 14 June.
    // ICU puts thin spaces around the dash; compare with plain ones.
    const plain = (text: string) => text.replace(/\s/g, " ");
    expect(plain(en.dayRange({ from: "2025-03-18", to: "2025-06-15" }))).toBe("18 Mar – 15 Jun 2025");
    expect(en.dayRange({ from: "2025-03-18", to: "2025-03-18" })).toBe("18 Mar 2025");
    const range = vi.dayRange({ from: "2025-03-18", to: "2025-06-15" });
    expect(range).toContain("18");
    expect(range).toContain("15");
    expect(range).toContain("2025");
    expect(range).not.toContain("Mar");
  });

  it("names ISO weekdays, Monday first, in each language", () => {
    expect([1, 2, 7].map(en.weekdayShort)).toEqual(["Mon", "Tue", "Sun"]);
    expect([1, 7].map(en.weekdayLong)).toEqual(["Monday", "Sunday"]);
    expect(vi.weekdayLong(1)).toBe("Thứ Hai");
    expect(vi.weekdayLong(7)).toBe("Chủ Nhật");
    expect(en.weekdayShort(8)).toBe("8");
  });
});

describe("formatClock", () => {
  it("writes minutes after midnight on a 24-hour clock", () => {
    expect(formatClock(9 * 60)).toBe("09:00");
    expect(formatClock(17 * 60 + 30)).toBe("17:30");
  });
});

import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/i18n/format";

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

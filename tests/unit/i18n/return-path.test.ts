import { describe, expect, it } from "vitest";
import { returnPathFrom } from "@/lib/i18n/return-path";

describe("returnPathFrom", () => {
  it("goes back to the page and query the switch was used on", () => {
    expect(returnPathFrom("http://localhost:3000/privacy")).toBe("/privacy");
    expect(returnPathFrom("http://localhost:3000/?from=2026-03-01&to=2026-03-31")).toBe("/?from=2026-03-01&to=2026-03-31");
  });

  it("keeps only the path, so a foreign Referer cannot send anyone off site", () => {
    expect(returnPathFrom("https://evil.example/phish")).toBe("/phish");
    expect(returnPathFrom("http://localhost:3000//evil.example/x")).toBe("/");
    expect(returnPathFrom("http://localhost:3000/\\evil.example")).toBe("/");
  });

  it("falls back to the home page without a usable Referer", () => {
    expect(returnPathFrom(null)).toBe("/");
    expect(returnPathFrom("")).toBe("/");
    expect(returnPathFrom("not a url")).toBe("/");
    expect(returnPathFrom("http://localhost:3000/api/locale")).toBe("/");
  });
});

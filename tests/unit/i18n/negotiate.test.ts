import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage } from "@/lib/i18n/negotiate";

describe("parseAcceptLanguage", () => {
  it("orders ranges by weight, keeping the header's order on ties", () => {
    expect(parseAcceptLanguage("en;q=0.8, vi-VN, vi;q=0.9, fr")).toEqual([
      { tag: "vi-vn", q: 1 },
      { tag: "fr", q: 1 },
      { tag: "vi", q: 0.9 },
      { tag: "en", q: 0.8 },
    ]);
  });

  it("drops q=0 (\"not this language\") and malformed weights", () => {
    expect(parseAcceptLanguage("vi;q=0, en;q=abc, fr;q=2, de;q=0.5")).toEqual([{ tag: "de", q: 0.5 }]);
  });
});

describe("negotiateLocale", () => {
  it("answers in Vietnamese to a Vietnamese browser", () => {
    expect(negotiateLocale({ acceptLanguage: "vi-VN,vi;q=0.9,en;q=0.8" })).toBe("vi");
  });

  it("falls back to English for a language Roomlens does not speak", () => {
    expect(negotiateLocale({ acceptLanguage: "fr" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "" })).toBe("en");
    expect(negotiateLocale({})).toBe("en");
  });

  it("takes the best-weighted language it speaks, skipping ones it does not", () => {
    expect(negotiateLocale({ acceptLanguage: "fr-FR,fr;q=0.9,vi;q=0.7,en;q=0.5" })).toBe("vi");
    expect(negotiateLocale({ acceptLanguage: "vi;q=0.4,en-GB;q=0.6" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "VI" })).toBe("vi");
  });

  it("lets the cookie win over the browser", () => {
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "vi-VN,vi;q=0.9" })).toBe("en");
    expect(negotiateLocale({ cookie: "vi", acceptLanguage: "en-US" })).toBe("vi");
  });

  it("ignores a cookie that names no language it speaks", () => {
    expect(negotiateLocale({ cookie: "xx", acceptLanguage: "vi" })).toBe("vi");
    expect(negotiateLocale({ cookie: "", acceptLanguage: "fr" })).toBe("en");
  });
});

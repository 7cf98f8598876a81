import { defaultLocale, isLocale, type Locale } from "./locales";

export type LanguageRange = { tag: string; q: number };

/**
 * Parses an Accept-Language header ("vi-VN,vi;q=0.9,en;q=0.8") into ranges, best first. Ranges with
 * q=0 mean "not this one" and are dropped; a malformed q drops its range instead of failing the page.
 */
export function parseAcceptLanguage(header: string): LanguageRange[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith("q="));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim().toLowerCase(), q, index };
    })
    .filter(({ tag, q }) => tag !== "" && Number.isFinite(q) && q > 0 && q <= 1)
    // Equal weights keep the header's own order (Array.prototype.sort is stable).
    .sort((a, b) => b.q - a.q)
    .map(({ tag, q }) => ({ tag, q }));
}

/**
 * The language to answer in: a valid `lang` cookie (the person chose) wins; else the first range of
 * the browser's Accept-Language whose primary subtag we speak ("vi-VN" → vi); else English.
 */
export function negotiateLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  for (const { tag } of parseAcceptLanguage(input.acceptLanguage ?? "")) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

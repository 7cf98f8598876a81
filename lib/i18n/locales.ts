/** The languages Roomlens speaks. Adding one here makes TypeScript ask for it everywhere text lives. */
export const locales = ["en", "vi"] as const;
export type Locale = (typeof locales)[number];

/** English unless the person or their browser asks for Vietnamese. */
export const defaultLocale: Locale = "en";

/** The cookie the language switch sets; it wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = "lang";

/** A piece of text in every language: data (the privacy inventory) carries its own translations. */
export type Localised = Readonly<Record<Locale, string>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The language's own name, shown on the switch in that language so anyone can find theirs. */
export const localeNames: Readonly<Record<Locale, string>> = { en: "English", vi: "Tiếng Việt" };

/** The BCP 47 tag used for Intl formatting of dates and numbers. */
export const intlLocale: Readonly<Record<Locale, string>> = { en: "en-GB", vi: "vi-VN" };

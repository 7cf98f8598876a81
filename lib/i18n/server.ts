import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDictionary, type Dictionary } from "./dictionary";
import { LOCALE_COOKIE, type Locale } from "./locales";
import { negotiateLocale } from "./negotiate";

/**
 * The request's language, for server components: the `lang` cookie if the person chose one, else the
 * browser's Accept-Language, else English. Cached per request: the layout, header and page all ask.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale({
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
});

/** The language and its dictionary in one call: `const { locale, t } = await getI18n()`. */
export async function getI18n(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: getDictionary(locale) };
}

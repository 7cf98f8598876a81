import { en, type Dictionary } from "./en";
import type { Locale } from "./locales";
import { vi } from "./vi";

export type { Dictionary } from "./en";

/** Every language's dictionary; a Record over Locale, so adding a locale without text fails to compile. */
export const dictionaries: Readonly<Record<Locale, Dictionary>> = { en, vi };

export function getDictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}

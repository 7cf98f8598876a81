import { describe, expect, it } from "vitest";
import { dictionaries, type Dictionary } from "@/lib/i18n/dictionary";
import { en } from "@/lib/i18n/en";
import { locales } from "@/lib/i18n/locales";
import { listSlots } from "@/lib/i18n/slots";

type Leaf = { path: string; kind: "string" | "function" | "object"; arity?: number; value: unknown };

/** Every key path of a dictionary with what it holds, so two languages can be compared at run time. */
function leaves(node: unknown, prefix = ""): Leaf[] {
  if (typeof node === "string") return [{ path: prefix, kind: "string", value: node }];
  if (typeof node === "function") return [{ path: prefix, kind: "function", arity: node.length, value: node }];
  if (typeof node !== "object" || node === null) throw new Error(`${prefix}: unexpected ${typeof node}`);
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

// Compile-time half of the parity check: these lines only type-check because the errors are there.
// @ts-expect-error — a dictionary missing a section does not compile.
const missingKey: Dictionary = { header: en.header };
// @ts-expect-error — nor does one with a key English lacks.
const extraKey: Dictionary = { ...en, header: { ...en.header, newKey: "x" } };
// @ts-expect-error — nor one that turns a parameterised text into plain text.
const wrongKind: Dictionary = { ...en, privacy: { ...en.privacy, intro: "no k here" } };

describe("dictionaries", () => {
  const reference = leaves(en);

  it.each(locales)("%s has exactly English's keys, each of the same kind", (locale) => {
    const shape = (list: Leaf[]) => list.map(({ path, kind, arity }) => ({ path, kind, arity })).sort((a, b) => a.path.localeCompare(b.path));
    expect(shape(leaves(dictionaries[locale]))).toEqual(shape(reference));
  });

  it.each(locales)("%s has no empty text and puts every live value into its sentence", (locale) => {
    for (const leaf of leaves(dictionaries[locale])) {
      if (leaf.kind === "string") expect(String(leaf.value).trim(), leaf.path).not.toBe("");
      if (leaf.kind !== "function" || typeof leaf.value !== "function") continue;
      // Distinctive numbers, so a translation that drops or swaps a value is caught.
      const args = [23, 47].slice(0, leaf.arity);
      const text: unknown = leaf.value(...args);
      expect(typeof text, leaf.path).toBe("string");
      for (const arg of args) expect(String(text), leaf.path).toContain(String(arg));
    }
  });

  it.each(locales)("%s names the same {slots} as English, so every element finds its place", (locale) => {
    const slotsOf = (list: Leaf[]) =>
      list.filter((leaf) => leaf.kind === "string").map((leaf) => ({ path: leaf.path, slots: listSlots(String(leaf.value)).sort() }));
    expect(slotsOf(leaves(dictionaries[locale]))).toEqual(expect.arrayContaining(slotsOf(reference)));
    expect(slotsOf(reference).filter((leaf) => leaf.slots.length > 0).length).toBeGreaterThan(0);
  });

  it("really is translated, not a copy of English", () => {
    const same = leaves(dictionaries.vi).filter(
      (leaf) => leaf.kind === "string" && leaves(en).some((e) => e.path === leaf.path && e.value === leaf.value),
    );
    expect(same.map((leaf) => leaf.path)).toEqual([]);
  });

  it("keeps the compile-time checks above in the build", () => {
    expect([missingKey, extraKey, wrongKind]).toHaveLength(3);
  });
});

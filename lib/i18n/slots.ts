import { createElement, Fragment, type ReactNode } from "react";

const SLOT = /\{(\w+)\}/;

/** The slot names a text asks for, in order: "add {flag} to {file}" → ["flag", "file"]. */
export function listSlots(template: string): string[] {
  return template.split(SLOT).filter((_, index) => index % 2 === 1);
}

/**
 * Puts elements into a translated sentence: "add {flag} if …" with `{ flag: <code>…</code> }`.
 * The sentence stays whole in the dictionary, so each language places the element where its
 * grammar wants it; a test checks that every language names the same slots.
 */
export function fillSlots(template: string, slots: Readonly<Record<string, ReactNode>>): ReactNode {
  return template
    .split(SLOT)
    .map((part, index) => createElement(Fragment, { key: index }, index % 2 === 1 ? (slots[part] ?? `{${part}}`) : part));
}

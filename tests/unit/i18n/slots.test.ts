import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fillSlots, listSlots } from "@/lib/i18n/slots";

const render = (node: ReturnType<typeof fillSlots>) => renderToStaticMarkup(createElement("p", null, node));

describe("slots", () => {
  it("lists the slots a text asks for, in order", () => {
    expect(listSlots("add {flag} or run {demo}.")).toEqual(["flag", "demo"]);
    expect(listSlots("no slots here")).toEqual([]);
  });

  it("puts each element where the sentence places it", () => {
    const strong = createElement("strong", null, "not");
    expect(render(fillSlots("do {not} come back", { not: strong }))).toBe("<p>do <strong>not</strong> come back</p>");
    expect(render(fillSlots("sẽ {not} được khôi phục", { not: strong }))).toBe("<p>sẽ <strong>not</strong> được khôi phục</p>");
  });

  it("leaves a missing slot visible rather than dropping words silently", () => {
    expect(render(fillSlots("add {flag}", {}))).toBe("<p>add {flag}</p>");
  });
});

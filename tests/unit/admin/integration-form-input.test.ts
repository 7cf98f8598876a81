import { describe, expect, it } from "vitest";
import { changedConfig, mappingOf, mappingValues } from "@/app/admin/integrations/form-input";
import { parseSettings } from "@/lib/integrations/config";
import { csvPresets } from "@/lib/integrations/csv-presets";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe("the CSV columns a form sends", () => {
  it("is the preset, with the columns named by hand on top", () => {
    expect(mappingOf(form({ preset: "generic" }))).toEqual({});
    expect(mappingOf(form({ preset: "teem" }))).toEqual({ mapping: csvPresets.teem });
    expect(mappingOf(form({ preset: "robin", "column.room": " Room ", "column.id": "" }))).toEqual({ mapping: { ...csvPresets.robin, room: "Room" } });
    expect(mappingOf(form({ preset: "no such tool" }))).toEqual({});
  });

  it("reads back into the form as its preset, or as columns named by hand", () => {
    expect(mappingValues(csvPresets.condeco)).toEqual({ preset: "condeco" });
    expect(mappingValues({ room: "Space", start: "From", end: "To" })).toEqual({ preset: "generic", "column.room": "Space", "column.start": "From", "column.end": "To" });
  });
});

describe("the settings an edit form saves", () => {
  const stored = parseSettings("csv", { url: "https://tool.example.com/…/export.csv", room: "Orion", mapping: csvPresets.teem });

  it("are none when only the name or schedule changed, so the sync cursor is kept", () => {
    expect(changedConfig(stored, form({ name: "Renamed", every: "30", url: "", room: "Orion", preset: "teem" }))).toBeUndefined();
  });

  it("are the typed ones when a setting or the address changed", () => {
    expect(changedConfig(stored, form({ url: "", room: "Lyra", preset: "teem" }))).toEqual({ room: "Lyra", mapping: csvPresets.teem });
    expect(changedConfig(stored, form({ url: "https://tool.example.com/new.csv?t=1", room: "Orion", preset: "teem" }))).toEqual({
      url: "https://tool.example.com/new.csv?t=1",
      room: "Orion",
      mapping: csvPresets.teem,
    });
  });

  it("keep settings the form does not show", () => {
    const google = parseSettings("google", { subject: "admin@example.com", endpoints: { tokenUrl: "http://127.0.0.1:9/token" } });
    expect(changedConfig(google, form({ subject: "other@example.com" }))).toEqual({ subject: "other@example.com", endpoints: { tokenUrl: "http://127.0.0.1:9/token" } });
    expect(changedConfig(google, form({ subject: "admin@example.com" }))).toBeUndefined();
  });
});

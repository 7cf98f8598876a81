import type { IntegrationKind } from "@/db/schema";
import type { CsvColumnMapping, CsvField } from "@/lib/ingest/csv-mapping";
import { csvPresetIds, csvPresets, findCsvPreset, type CsvPresetId } from "@/lib/integrations/csv-presets";
import type { IntegrationSettings } from "@/lib/integrations/config";
import { IntegrationInputError, type InputIssue } from "@/lib/integrations/errors";
import { UserError } from "@/lib/errors";

/** What an integration form shows after a submit: what was refused, and the typed values to keep. */
export type IntegrationFormState = {
  issues: InputIssue[];
  /** The non-secret values typed, so a refused form keeps them (secrets are typed again). */
  values: Record<string, string>;
  /** A new integration; a webhook's generated secret travels here once and is never stored in clear. */
  created?: { id: number; secret: string | null };
  saved?: boolean;
};

export function textOf(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value.trim() : "";
}

const optional = (form: FormData, key: string): Record<string, string> => {
  const value = textOf(form, key);
  return value === "" ? {} : { [key]: value };
};

export function presetOf(form: FormData): CsvPresetId {
  const chosen = textOf(form, "preset");
  return csvPresetIds.find((id) => id === chosen) ?? "generic";
}

/** The fields whose column an admin may name by hand, over the preset's (`column.<field>` in the form). */
export const columnFields = ["room", "start", "end", "organizer", "attendees", "status", "checkedIn", "bookedAt", "private", "recurring", "id"] as const satisfies readonly CsvField[];

/** The chosen preset's mapping with the columns named by hand; the generic layout alone needs none stored. */
export function mappingOf(form: FormData): { mapping?: Partial<CsvColumnMapping> } {
  const mapping: Partial<CsvColumnMapping> = { ...csvPresets[presetOf(form)] };
  for (const field of columnFields) {
    const named = textOf(form, `column.${field}`);
    if (named !== "") mapping[field] = named;
  }
  return Object.keys(mapping).length > 0 ? { mapping } : {};
}

/** The form values of a stored mapping: its preset, or "generic" with every column named by hand. */
export function mappingValues(mapping: Partial<CsvColumnMapping> | undefined): Record<string, string> {
  const preset = findCsvPreset(mapping);
  if (preset !== null) return { preset };
  return Object.fromEntries([["preset", "generic"], ...Object.entries(mapping ?? {}).map(([field, column]) => [`column.${field}`, column ?? ""])]);
}

/** The non-secret settings a form sends for a kind; empty optional fields are left out. */
export function configFromForm(kind: IntegrationKind, form: FormData): Record<string, unknown> {
  switch (kind) {
    case "ics":
      return { ...optional(form, "url"), ...optional(form, "room"), ...optional(form, "timeZone") };
    case "csv":
      return { ...optional(form, "url"), ...optional(form, "room"), ...optional(form, "timeZone"), ...mappingOf(form) };
    case "google":
      return { ...optional(form, "subject"), ...optional(form, "customer"), ...optional(form, "timeZone") };
    case "microsoft":
      return { ...optional(form, "tenantId"), ...optional(form, "clientId"), ...optional(form, "timeZone") };
    case "webhook":
      return {};
  }
}

/** The secret typed into the form, if any: an empty field means "keep the stored one". */
export function secretFromForm(form: FormData): string | undefined {
  const value = form.get("secret");
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The non-secret fields echoed back to a refused form. */
export function echoValues(form: FormData): Record<string, string> {
  const keep = ["name", "url", "room", "timeZone", "preset", "subject", "customer", "tenantId", "clientId", "every", ...columnFields.map((f) => `column.${f}`)];
  return Object.fromEntries(keep.map((key) => [key, textOf(form, key)]).filter(([, value]) => value !== ""));
}

const stable = (value: Record<string, unknown>) => JSON.stringify(Object.keys(value).sort().map((key) => [key, value[key]]));

/**
 * The settings to save from an edit form, or undefined when they equal the stored ones: saving new
 * settings restarts the sync from scratch, which a rename or a new schedule must not cause. Settings
 * the form does not show (a test's local endpoints) are kept.
 */
export function changedConfig(current: IntegrationSettings | null, form: FormData): Record<string, unknown> | undefined {
  if (current === null || current.kind === "webhook") return undefined;
  const typed = configFromForm(current.kind, form);
  const { kind: _kind, ...stored } = current;
  const withHidden = "endpoints" in stored && stored.endpoints !== undefined ? { ...typed, endpoints: stored.endpoints } : typed;
  // A feed's URL is write-only: an empty field keeps the stored one, so compare without it.
  const { url: typedUrl, ...typedRest } = withHidden;
  const { url: _storedUrl, ...storedRest } = stored as Record<string, unknown>;
  if (typedUrl === undefined && stable(typedRest) === stable(storedRest)) return undefined;
  return withHidden;
}

/** Turns an expected failure into issues a form shows; anything else is logged and shown generically. */
export function issuesOf(error: unknown): InputIssue[] {
  if (error instanceof IntegrationInputError) return error.issues;
  if (error instanceof UserError) return [{ path: "form", message: error.message }];
  console.error(`integration form failed: ${error instanceof Error ? error.name : "unknown error"}`);
  return [{ path: "internal", message: "" }];
}

"use client";

import { startTransition, useActionState, useRef, useState } from "react";
import { getDictionary } from "@/lib/i18n/dictionary";
import { defaultCsvMapping } from "@/lib/ingest/csv-mapping";
import type { Locale } from "@/lib/i18n/locales";
import { csvPresetIds, csvPresets, type CsvPresetId } from "@/lib/integrations/csv-presets";
import { addIntegration, saveIntegration, testDraftIntegration, type TestState } from "../actions";
import { importCsvUpload, previewCsvDraft, type PreviewState } from "../csv-actions";
import { columnFields, type IntegrationFormState } from "../form-input";
import { CsvPreviewTable } from "./csv-preview-table";
import { FormIssues } from "./form-issues";
import { TestResult } from "./test-result";
import { WebhookSecret } from "./webhook-secret";

/** "upload" is a CSV file sent from the browser: imported at once, not fetched on a schedule. */
export type FormKind = "ics" | "csv" | "upload" | "google" | "microsoft" | "webhook";

type Props = {
  locale: Locale;
  kind: FormKind;
  /** Editing a saved integration: its id and stored non-secret values; absent when adding. */
  edit?: { id: number; values: Record<string, string>; hasSecret: boolean };
  /** Shown in the webhook's curl example. */
  origin: string;
};

/**
 * The add and edit form of every kind. Secrets are write-only: the field starts empty, and an empty
 * field keeps the stored secret. "Test connection" and "Preview" run without saving and without
 * resetting what was typed (they are called outside the form's own submit).
 */
export function IntegrationForm({ locale, kind, edit, origin }: Props) {
  const t = getDictionary(locale).adminIntegrations;
  const submit = kind === "upload" ? importCsvUpload : edit ? saveIntegration : addIntegration;
  const [state, action, pending] = useActionState<IntegrationFormState | null, FormData>(submit, null);
  const [test, runTest, testing] = useActionState<TestState, FormData>(testDraftIntegration, null);
  const [preview, runPreview, previewing] = useActionState<PreviewState, FormData>(previewCsvDraft, null);
  const form = useRef<HTMLFormElement>(null);
  const value = (key: string) => state?.values[key] ?? edit?.values[key] ?? "";
  const formData = () => new FormData(form.current ?? undefined);
  const id = (field: string) => `${edit ? `edit-${edit.id}` : "add"}-${field}`;
  // The chosen preset's column names are the placeholders of the "name columns by hand" fields.
  const [preset, setPreset] = useState<CsvPresetId>(csvPresetIds.find((p) => p === value("preset")) ?? "generic");

  if (state?.created?.secret) return <WebhookSecret locale={locale} id={state.created.id} secret={state.created.secret} origin={origin} />;

  const field = (name: string, label: string, options: { type?: string; required?: boolean; hint?: string; placeholder?: string } = {}) => (
    <div className="form-row">
      <label htmlFor={id(name)}>{label}</label>
      <input
        id={id(name)}
        name={name}
        type={options.type ?? "text"}
        defaultValue={value(name)}
        required={options.required}
        placeholder={options.placeholder}
        aria-describedby={options.hint ? `${id(name)}-hint` : undefined}
      />
      {options.hint && (
        <span className="hint" id={`${id(name)}-hint`}>
          {options.hint}
        </span>
      )}
    </div>
  );
  const feed = kind === "ics" || kind === "csv";
  const csv = kind === "csv" || kind === "upload";

  return (
    <form ref={form} action={action} className="card" data-testid={edit ? "edit-integration-form" : "add-integration-form"}>
      <input type="hidden" name="kind" value={kind === "upload" ? "csv" : kind} />
      {edit && <input type="hidden" name="id" value={edit.id} />}
      {field("name", t.fields.name, { required: true, hint: kind === "upload" ? t.fields.uploadNameHint : undefined })}
      {feed &&
        field("url", t.fields.url, {
          type: "url",
          required: !edit,
          hint: edit ? t.fields.urlKeep : t.fields.urlHint,
          placeholder: edit ? value("shownUrl") : "https://",
        })}
      {kind === "upload" && (
        <div className="form-row">
          <label htmlFor={id("file")}>{t.fields.file}</label>
          <input id={id("file")} name="file" type="file" accept=".csv,text/csv,text/plain" required />
        </div>
      )}
      {csv && (
        <div className="form-row">
          <label htmlFor={id("preset")}>{t.fields.preset}</label>
          <select id={id("preset")} name="preset" value={preset} onChange={(event) => setPreset(csvPresetIds.find((p) => p === event.target.value) ?? "generic")}>
            {csvPresetIds.map((option) => (
              <option key={option} value={option}>
                {t.presets[option]}
              </option>
            ))}
          </select>
          <details>
            <summary>{t.fields.columns}</summary>
            <p className="hint">{t.fields.columnsHint}</p>
            {columnFields.map((column) => (
              <div className="form-row" key={column}>
                <label htmlFor={id(`column-${column}`)}>{t.preview.fields[column]}</label>
                <input
                  id={id(`column-${column}`)}
                  name={`column.${column}`}
                  defaultValue={value(`column.${column}`)}
                  placeholder={csvPresets[preset][column] ?? (preset === "generic" ? defaultCsvMapping[column] : "")}
                />
              </div>
            ))}
          </details>
        </div>
      )}
      {(feed || csv) && field("room", t.fields.room, { hint: t.fields.roomHint })}
      {kind === "google" && field("subject", t.fields.subject, { type: "email", required: true, hint: t.fields.subjectHint })}
      {kind === "google" && field("customer", t.fields.customer, { hint: t.fields.customerHint })}
      {kind === "microsoft" && field("tenantId", t.fields.tenantId, { required: true })}
      {kind === "microsoft" && field("clientId", t.fields.clientId, { required: true })}
      {kind !== "webhook" && field("timeZone", t.fields.timeZone, { hint: t.fields.timeZoneHint, placeholder: "Europe/London" })}
      {kind === "google" && (
        <div className="form-row">
          <label htmlFor={id("secret")}>{t.fields.secretGoogle}</label>
          <textarea id={id("secret")} name="secret" rows={4} required={!edit} autoComplete="off" spellCheck={false} aria-describedby={`${id("secret")}-hint`} />
          <span className="hint" id={`${id("secret")}-hint`}>
            {edit ? (edit.hasSecret ? t.fields.secretKeep : t.fields.secretMissing) : t.fields.secretOnce}
          </span>
        </div>
      )}
      {kind === "microsoft" && (
        <div className="form-row">
          <label htmlFor={id("secret")}>{t.fields.secretMicrosoft}</label>
          <input id={id("secret")} name="secret" type="password" required={!edit} autoComplete="new-password" aria-describedby={`${id("secret")}-hint`} />
          <span className="hint" id={`${id("secret")}-hint`}>
            {edit ? (edit.hasSecret ? t.fields.secretKeep : t.fields.secretMissing) : t.fields.secretOnce}
          </span>
        </div>
      )}
      {kind === "webhook" && !edit && <p className="hint">{t.fields.secretWebhook}</p>}
      {kind !== "upload" && kind !== "webhook" && field("every", t.fields.every, { type: "number", hint: t.fields.everyHint })}

      <FormIssues locale={locale} issues={state?.issues ?? []} />
      {state?.saved && (
        <p className="notice" role="status">
          {t.detail.saved}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="button button--primary" disabled={pending}>
          {kind === "upload" ? t.buttons.import : edit ? t.buttons.save : t.buttons.add}
        </button>
        {csv && (
          <button type="button" className="button button--secondary" disabled={previewing} onClick={() => startTransition(() => runPreview(formData()))}>
            {t.buttons.preview}
          </button>
        )}
        {!edit && kind !== "upload" && (
          <button type="button" className="button button--secondary" disabled={testing} onClick={() => startTransition(() => runTest(formData()))}>
            {testing ? t.buttons.testing : t.buttons.test}
          </button>
        )}
      </div>
      {test && <TestResult locale={locale} result={test.result} />}
      {preview && <CsvPreviewTable locale={locale} preview={preview.preview} />}
    </form>
  );
}

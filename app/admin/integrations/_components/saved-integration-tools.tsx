"use client";

import { useActionState } from "react";
import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import { newWebhookSecret, testIntegration, type TestState } from "../actions";
import type { IntegrationFormState } from "../form-input";
import { FormIssues } from "./form-issues";
import { TestResult } from "./test-result";
import { WebhookSecret } from "./webhook-secret";

/** "Test connection" for a saved integration: its stored settings and secret, nothing written. */
export function TestSavedConnection({ locale, id }: { locale: Locale; id: number }) {
  const t = getDictionary(locale).adminIntegrations.buttons;
  const [state, action, pending] = useActionState<TestState, FormData>(testIntegration, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {pending ? t.testing : t.test}
      </button>
      {state && <TestResult locale={locale} result={state.result} />}
    </form>
  );
}

/** Generates a new webhook secret, shown once in this answer; the old one stops working at once. */
export function RotateWebhookSecret({ locale, id, origin }: { locale: Locale; id: number; origin: string }) {
  const t = getDictionary(locale).adminIntegrations;
  const [state, action, pending] = useActionState<IntegrationFormState | null, FormData>(newWebhookSecret, null);
  if (state?.created?.secret) return <WebhookSecret locale={locale} id={id} secret={state.created.secret} origin={origin} />;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {t.buttons.newSecret}
      </button>
      <span className="hint">{t.webhook.rotateHint}</span>
      <FormIssues locale={locale} issues={state?.issues ?? []} />
    </form>
  );
}

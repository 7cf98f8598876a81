import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import type { ConnectionTest } from "@/lib/integrations/test-connection";

/** The outcome of "Test connection": what was reached, or what failed and what to do about it. */
export function TestResult({ locale, result }: { locale: Locale; result: ConnectionTest }) {
  const t = getDictionary(locale).adminIntegrations.test;
  return (
    <div className="notice" role="status" data-testid="test-result">
      <p>
        <strong>{result.ok ? t.ok : t.failed}</strong> {result.message}
      </p>
      {!result.ok && (
        <p>
          {t.whatToDo} {result.advice}
        </p>
      )}
    </div>
  );
}

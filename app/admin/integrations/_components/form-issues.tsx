import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import type { InputIssue } from "@/lib/integrations/errors";

/**
 * What a form refused, by field in the reader's language. The library's own detail (English, naming
 * the rule that failed) follows in muted text, so nothing an admin needs is lost in translation.
 */
export function FormIssues({ locale, issues }: { locale: Locale; issues: readonly InputIssue[] }) {
  if (issues.length === 0) return null;
  const t = getDictionary(locale).adminIntegrations.issues;
  const labelOf = (path: string): string => {
    const key = path.startsWith("config.") ? (path.split(".")[1] ?? "config") : path;
    return Object.hasOwn(t.fields, key) ? t.fields[key as keyof typeof t.fields] : t.fields.form;
  };
  return (
    <div className="notice" role="alert" data-testid="form-issues">
      <p>{t.heading}</p>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.path}-${i}`}>
            {labelOf(issue.path)}
            {issue.message && <span className="muted"> ({issue.message})</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

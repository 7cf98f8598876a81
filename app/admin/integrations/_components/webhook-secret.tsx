import Link from "next/link";
import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";

/** The one place a webhook's signing secret is ever shown: in the answer of the action that made it. */
export function WebhookSecret({ locale, id, secret, origin }: { locale: Locale; id: number; secret: string; origin: string }) {
  const t = getDictionary(locale).adminIntegrations.webhook;
  const address = `${origin}/api/ingest/${id}`;
  const example = [
    `BODY='{"bookings":[]}'`,
    `TS=$(date +%s)`,
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac '${secret}' | sed 's/^.* //')`,
    `curl -X POST "${address}" -H "Content-Type: application/json" -H "X-Roomlens-Timestamp: $TS" -H "X-Roomlens-Signature: sha256=$SIG" --data-binary "$BODY"`,
  ].join("\n");
  return (
    <div className="card notice" role="status" data-testid="webhook-secret">
      <h2>{t.heading}</h2>
      <p>
        {t.address} <code>{address}</code>
      </p>
      <p>
        {t.secret} <code data-testid="webhook-secret-value">{secret}</code>
      </p>
      <p>
        <strong>{t.once}</strong>
      </p>
      <p>{t.example}</p>
      <pre className="command" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        <code>{example}</code>
      </pre>
      <Link href={`/admin/integrations/detail?id=${id}`}>{t.continue}</Link>
    </div>
  );
}

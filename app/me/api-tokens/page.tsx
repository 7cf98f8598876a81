import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePermission } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDatabase } from "@/lib/server/database";
import { CreateTokenForm } from "./_components/create-token-form";
import { revokeToken } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.apiTokens.metaTitle };
}

/** Where this server is reached, for the example command (behind a proxy, as the proxy says). */
async function getOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const proto = list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function ApiTokensPage() {
  await connection();
  // Planners and admins only: members have no API to call.
  const { user } = await requirePermission("api.tokens.write");
  const [{ db }, { locale, t: dictionary }, origin] = await Promise.all([getDatabase(), getI18n(), getOrigin()]);
  const t = dictionary.apiTokens;
  const tokens = user ? await listApiTokens(db, user.id) : [];

  return (
    <main id="main" className="page page--narrow">
      <h1>{t.title}</h1>
      <p className="page__intro">{t.intro}</p>
      <p className="muted">{t.endpoints}</p>
      <CreateTokenForm
        exampleUrl={`${origin}/api/v1/metrics`}
        text={{
          heading: t.createHeading,
          nameLabel: t.nameLabel,
          nameHint: t.nameHint,
          create: t.create,
          invalidName: t.invalidName,
          createdHeading: t.createdHeading,
          createdOnce: t.createdOnce,
          exampleLabel: t.exampleLabel,
        }}
      />
      <section className="card" aria-labelledby="token-list-heading">
        <h2 id="token-list-heading">{t.listHeading}</h2>
        {tokens.length === 0 ? (
          <p className="muted">{t.empty}</p>
        ) : (
          <table className="data-table" data-testid="token-table">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.lastUsed}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDateTime(token.createdAt, locale)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t.never}</td>
                  <td>
                    {token.revokedAt ? (
                      t.revoked(formatDateTime(token.revokedAt, locale))
                    ) : (
                      <form action={revokeToken} className="inline-form">
                        <input type="hidden" name="tokenId" value={token.id} />
                        <span>{t.active}</span>{" "}
                        <button type="submit" className="button button--secondary" aria-label={t.revokeLabel(token.name)}>
                          {t.revoke}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

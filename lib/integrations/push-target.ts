import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { integrations, type Integration, type IntegrationKind } from "@/db/schema";
import { loadSecretsKey, type SecretsKey } from "./secrets";

/** What a push endpoint answers: JSON, or (the Graph handshake) plain text. */
export type PushAnswer = { status: number; body: Record<string, unknown> } | { status: number; text: string };

export type PushOptions = {
  secretsKey?: SecretsKey;
  /** Asks for an incremental sync in the background (lib/integrations/push-sync.ts); never awaited. */
  trigger: (integrationId: number) => void;
  log?: (line: string) => void;
};

export const refusePush = (status: number, error: string): PushAnswer => ({ status, body: { error } });

/**
 * The integration a push address names, with the key its tokens derive from — or the answer that
 * ends the request. Only the integration's own kind is found, so a Google channel cannot address a
 * feed or a webhook.
 */
export async function findPushTarget(
  database: Database,
  segment: string,
  kind: Extract<IntegrationKind, "google" | "microsoft">,
  options: Pick<PushOptions, "secretsKey" | "log">,
): Promise<{ integration: Integration; key: SecretsKey } | { answer: PushAnswer }> {
  const noSuch = { answer: refusePush(404, `no ${kind === "google" ? "Google Workspace" : "Microsoft 365"} integration at this address`) };
  if (!/^\d{1,9}$/.test(segment)) return noSuch;
  const [integration] = await database.db.select().from(integrations).where(eq(integrations.id, Number(segment)));
  if (integration?.kind !== kind) return noSuch;
  try {
    return { integration, key: options.secretsKey ?? loadSecretsKey() };
  } catch (error) {
    (options.log ?? console.error)(`push to integration ${integration.id}: ${error instanceof Error ? error.message : String(error)}`);
    return { answer: refusePush(500, "the server cannot read its secrets key; its operator must set ROOMLENS_SECRETS_KEY") };
  }
}

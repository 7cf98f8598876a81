import type { IntegrationSummary } from "@/lib/integrations/queries";
import type { Dictionary } from "@/lib/i18n/dictionary";

type Text = Dictionary["adminIntegrations"];

/** A stored failure ("<message>\nWhat to do: <advice>", lib/integrations/failures.ts) as its two parts. */
export function splitFailure(stored: string): { message: string; advice: string | null } {
  const [message = stored, advice] = stored.split("\nWhat to do: ");
  return { message, advice: advice ?? null };
}

/** The status an admin reads first: paused wins over the last run's outcome. */
export function statusText(integration: IntegrationSummary, t: Text): string {
  if (!integration.enabled) return t.status.paused;
  return integration.lastStatus === null ? t.status.never : t.status[integration.lastStatus];
}

/** The kind as the console names it; a CSV file uploaded from the browser is told apart from a CSV URL. */
export function kindText(integration: IntegrationSummary, t: Text): string {
  if (integration.kind === "csv" && integration.source.startsWith("upload:")) return t.kinds.upload;
  return t.kinds[integration.kind];
}

export function scheduleText(integration: IntegrationSummary, t: Text): string {
  if (!integration.syncable) return t.schedule.notPulled;
  return integration.syncIntervalMinutes === null ? t.schedule.onDemand : t.schedule.every(integration.syncIntervalMinutes);
}

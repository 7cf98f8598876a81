import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { integrationKinds, type IntegrationKind } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { UserError } from "@/lib/errors";
import { createIntegration, listIntegrations } from "./manage";
import { syncAll, syncIntegration, type SyncOutcome, type SyncProgress } from "./run-sync";

/** The CLI's `integration …` and `sync` commands, thin over lib/integrations (lib/cli.ts dispatches). */

type Output = { out: (text: string) => void; err: (text: string) => void };
type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
}

const addOptions = {
  name: { type: "string" },
  url: { type: "string" },
  every: { type: "string" },
  room: { type: "string" },
  timezone: { type: "string" },
  "service-account": { type: "string" },
  subject: { type: "string" },
  tenant: { type: "string" },
  "client-id": { type: "string" },
  "client-secret-file": { type: "string" },
  /** graphBaseUrl=…, authorityUrl=…, tokenUrl=…: national clouds (and tests' local fakes). */
  endpoint: { type: "string", multiple: true },
} as const;

function readSecretFile(file: string | undefined, flag: string): string {
  if (!file) throw new UserError(`${flag} FILE is required`);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    // The path is the admin's own; the file's content is never echoed.
    throw new UserError(`${flag}: cannot read ${file}`);
  }
}

function endpoints(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at < 1) throw new UserError(`--endpoint takes NAME=URL, not '${pair}'`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** `integration add <kind> …` and `integration list`. */
export async function runIntegrationCommand(context: AppContext, args: string[], output: Output): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === "list") return printList(context, output);
  if (sub !== "add") throw new UserError("usage: integration add <ics|csv|google|microsoft|webhook> --name NAME … | integration list");
  const { values, positionals } = parse(rest, addOptions);
  const kind = integrationKinds.find((k) => k === positionals[0]);
  if (!kind || positionals.length > 1) throw new UserError(`integration add takes one kind: ${integrationKinds.join(", ")}`);
  if (!values.name) throw new UserError("--name NAME is required");
  const common = { ...(values.timezone ? { timeZone: values.timezone } : {}) };
  const byKind: Record<IntegrationKind, () => { config: Record<string, unknown>; secret?: string }> = {
    ics: () => ({ config: { ...common, url: values.url, ...(values.room ? { room: values.room } : {}) } }),
    csv: () => ({ config: { ...common, url: values.url, ...(values.room ? { room: values.room } : {}) } }),
    google: () => ({
      config: { ...common, subject: values.subject, endpoints: endpoints(values.endpoint) },
      secret: readSecretFile(values["service-account"], "--service-account"),
    }),
    microsoft: () => ({
      config: { ...common, tenantId: values.tenant, clientId: values["client-id"], endpoints: endpoints(values.endpoint) },
      secret: readSecretFile(values["client-secret-file"], "--client-secret-file"),
    }),
    webhook: () => ({ config: {} }),
  };
  const { config, secret } = byKind[kind]();
  const created = await createIntegration(
    context.database.db,
    { kind, name: values.name, config, secret, syncIntervalMinutes: values.every },
    "cli",
  );
  output.out(`Added ${kind} integration ${created.id} "${values.name}".`);
  if (created.generatedSecret !== null) {
    output.out(`  Senders POST signed batches to /api/ingest/${created.id} (see the README, "Signed webhook").`);
    output.out(`  Signing secret, shown this once — store it with the sender now:`);
    output.out(`  ${created.generatedSecret}`);
  }
}

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "never");

async function printList(context: AppContext, output: Output): Promise<void> {
  const rows = (await listIntegrations(context.database.db)).map((i) => [
    String(i.id),
    i.kind,
    i.name,
    i.enabled ? "yes" : "paused",
    i.lastStatus ?? "-",
    when(i.lastSyncAt),
    i.syncIntervalMinutes === null ? (i.syncable ? "on demand" : "-") : `every ${i.syncIntervalMinutes} min`,
  ]);
  if (rows.length === 0) {
    output.out("No integrations yet: add one with `integration add <kind> --name NAME …`.");
    return;
  }
  const table = [["id", "kind", "name", "enabled", "last status", "last sync", "schedule"], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => (row[column] ?? "").length)));
  for (const row of table) output.out(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd());
}

/** `sync [--integration ID]`: progress on stderr, one result line per integration; fails if any failed. */
export async function runSyncCommand(context: AppContext, args: string[], output: Output): Promise<void> {
  const { values, positionals } = parse(args, { integration: { type: "string" } });
  if (positionals.length > 0) throw new UserError("sync takes no arguments besides --integration ID");
  const progress = (p: SyncProgress) => {
    if (p.phase === "connecting") output.err(`syncing integration ${p.integrationId} …`);
    if (p.phase === "reading") output.err(`  … ${p.recordsRead.toLocaleString("en-US")} records read`);
  };
  let outcomes: SyncOutcome[];
  if (values.integration !== undefined) {
    if (!/^\d+$/.test(values.integration)) throw new UserError("--integration takes the id that `integration list` shows");
    outcomes = [await syncIntegration(context.database, context.keys, Number(values.integration), progress)];
  } else {
    outcomes = await syncAll(context.database, context.keys, { onProgress: progress });
    if (outcomes.length === 0) output.out("Nothing to sync: no enabled integration pulls from a URL or a calendar service.");
  }
  for (const outcome of outcomes) printOutcome(outcome, output);
  const failed = outcomes.filter((o) => !o.ok).length;
  if (failed > 0) throw new UserError(`${failed} of ${outcomes.length} integrations failed to sync (see above)`);
}

function printOutcome(outcome: SyncOutcome, output: Output): void {
  const who = `${outcome.integrationId} "${outcome.name}" (${outcome.kind})`;
  if (!outcome.ok) {
    output.out(`FAILED ${who}: ${outcome.failure.message}`);
    output.out(`  What to do: ${outcome.failure.advice}`);
    return;
  }
  const r = outcome.report;
  if (outcome.notModified) {
    output.out(`ok ${who}: not modified since the last sync.`);
    return;
  }
  output.out(
    `ok ${who}: ${r.fetched} read, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.cancelled} cancelled, ` +
      `${r.excluded} excluded, ${r.allDay} all-day skipped, ${r.rejected} rejected.`,
  );
  for (const rejection of r.rejections.slice(0, 5)) output.out(`  rejected ${rejection.where}: ${rejection.reason}`);
  if (r.rejected > 5) output.out(`  … and ${r.rejected - 5} more (integration list / the console show the first ${r.rejections.length})`);
}

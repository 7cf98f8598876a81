import { writeFileSync } from "node:fs";
import { webhookJsonSchema } from "@/lib/ingest/webhook-schema";

// Regenerates docs/webhook.schema.json from the zod schema; tests/unit/ingest/webhook-schema.test.ts
// fails while the committed file is out of date.
export const WEBHOOK_SCHEMA_FILE = "docs/webhook.schema.json";

export function renderWebhookSchema(): string {
  return `${JSON.stringify(webhookJsonSchema(), null, 2)}\n`;
}

if (process.argv[1]?.endsWith("write-webhook-schema.ts")) {
  writeFileSync(WEBHOOK_SCHEMA_FILE, renderWebhookSchema());
  process.stdout.write(`wrote ${WEBHOOK_SCHEMA_FILE}\n`);
}

"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { integrations } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/auth/viewer";
import { defaultTimeZone, ingestWindow } from "@/lib/context";
import { UserError } from "@/lib/errors";
import { PREVIEW_BYTES, previewCsv, readCsvHead, type CsvPreview } from "@/lib/integrations/csv-preview";
import { csvConnector } from "@/lib/ingest/csv";
import { ingest } from "@/lib/ingest/pipeline";
import { isValidTimeZone } from "@/lib/time-zones";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";
import { echoValues, issuesOf, mappingOf, textOf, type IntegrationFormState } from "./form-input";

export type PreviewState = { preview: CsvPreview } | null;

const uploadedFile = (form: FormData): File | null => {
  const file = form.get("file");
  return file instanceof File && file.size > 0 ? file : null;
};

const zoneOf = (form: FormData) => {
  const zone = textOf(form, "timeZone");
  return zone !== "" && isValidTimeZone(zone) ? zone : defaultTimeZone();
};

/**
 * The first rows of a CSV (an uploaded file, or the export at `url`) under the chosen preset, with
 * e-mail addresses masked and what the import would do with each row. Only the first 64 KB are read;
 * nothing is stored.
 */
export async function previewCsvDraft(_previous: PreviewState, form: FormData): Promise<PreviewState> {
  await requirePermission("admin.integrations.write");
  const file = uploadedFile(form);
  const url = textOf(form, "url");
  let head: { text: string; complete: boolean };
  try {
    if (file) head = { text: await file.slice(0, PREVIEW_BYTES).text(), complete: file.size <= PREVIEW_BYTES };
    else if (url !== "") head = await readCsvHead(url);
    else return null;
  } catch (error) {
    return { preview: { ok: false, problem: error instanceof UserError ? error.message : "the file could not be read" } };
  }
  const database = await getDatabase();
  const room = textOf(form, "room");
  const preview = await previewCsv(head.text, mappingOf(form).mapping ?? {}, {
    window: await ingestWindow(database),
    timeZone: zoneOf(form),
    defaultRoom: room === "" ? null : room,
    complete: head.complete,
  });
  return { preview };
}

/** An uploaded file's integration is labelled by the file's name; it is never fetched again. */
const uploadSource = (fileName: string) => `upload:${fileName.replace(/[^\w.\- ]/g, "_").slice(0, 80)}`;

/**
 * Imports an uploaded CSV export through the ingest pipeline, under the integration `name` (the same
 * name again updates the same bookings). The file is streamed, never written to disk.
 */
export async function importCsvUpload(_previous: IntegrationFormState | null, form: FormData): Promise<IntegrationFormState> {
  const { user } = await requirePermission("admin.integrations.write");
  const values = echoValues(form);
  const file = uploadedFile(form);
  const name = textOf(form, "name");
  if (name === "" || name.length > 100) return { issues: [{ path: "name", message: "" }], values };
  if (!file) return { issues: [{ path: "file", message: "" }], values };
  const database = await getDatabase();
  // Re-uploading under a name is an update; a name another kind of integration holds is refused.
  const [other] = await database.db.select({ kind: integrations.kind, config: integrations.config }).from(integrations).where(eq(integrations.name, name));
  if (other && !(other.kind === "csv" && other.config.source.startsWith("upload:"))) return { issues: [{ path: "nameTaken", message: "" }], values };
  const room = textOf(form, "room");
  const timeZone = zoneOf(form);
  const mapping = mappingOf(form).mapping ?? {};
  let integrationId: number;
  try {
    const report = await ingest(
      database,
      {
        kind: "csv",
        name,
        config: { source: uploadSource(file.name), timeZone, ...(room ? { room } : {}), ...(Object.keys(mapping).length > 0 ? { mapping } : {}) },
        // The upload is held by the request, so it can be read twice: a re-upload parses only changed rows.
        connector: csvConnector({ label: file.name.slice(0, 80), open: () => file.stream() }, mapping, { rereadable: true }),
        coverage: "observed",
      },
      { keys: getServerKeys(), window: await ingestWindow(database), timeZone, defaultRoom: room === "" ? null : room },
    );
    integrationId = report.integrationId;
    await recordAudit(database.db, `user:${user?.id ?? 0}`, "integration.file_imported", { integrationId, fetched: report.fetched });
  } catch (error) {
    return { issues: issuesOf(error), values };
  }
  revalidatePath("/admin/integrations");
  redirect(`/admin/integrations/detail?id=${integrationId}`);
}

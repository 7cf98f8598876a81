"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { integrationKinds } from "@/db/schema";
import { requirePermission } from "@/lib/auth/viewer";
import {
  createIntegration,
  getIntegration,
  removeIntegration,
  rotateWebhookSecret,
  setEnabled,
  updateIntegration,
} from "@/lib/integrations/manage";
import { syncIntegration, testConnection, testDraftConnection, type ConnectionTest } from "@/lib/integrations/run-sync";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";
import { changedConfig, configFromForm, echoValues, issuesOf, secretFromForm, textOf, type IntegrationFormState } from "./form-input";

const idOf = (form: FormData) => z.coerce.number().int().positive().safeParse(form.get("id"));
const kindOf = (form: FormData) => z.enum(integrationKinds).safeParse(form.get("kind"));
const actorOf = (user: { id: number } | null) => `user:${user?.id ?? 0}`;

/** Adds an integration. A webhook's generated secret is returned in this answer only, never again. */
export async function addIntegration(_previous: IntegrationFormState | null, form: FormData): Promise<IntegrationFormState> {
  const { user } = await requirePermission("admin.integrations.write");
  const values = echoValues(form);
  const kind = kindOf(form);
  if (!kind.success) return { issues: [{ path: "kind", message: "" }], values };
  let created: { id: number; generatedSecret: string | null };
  try {
    created = await createIntegration(
      (await getDatabase()).db,
      { kind: kind.data, name: textOf(form, "name"), config: configFromForm(kind.data, form), secret: secretFromForm(form), syncIntervalMinutes: textOf(form, "every") },
      actorOf(user),
    );
  } catch (error) {
    return { issues: issuesOf(error), values };
  }
  revalidatePath("/admin/integrations");
  // The secret must be shown before leaving the page; every other kind goes straight to its page.
  if (created.generatedSecret !== null) return { issues: [], values: {}, created: { id: created.id, secret: created.generatedSecret } };
  redirect(`/admin/integrations/detail?id=${created.id}&added=1`);
}

/** Saves name, schedule, settings and (when typed) a new secret. Unchanged settings keep the sync cursor. */
export async function saveIntegration(_previous: IntegrationFormState | null, form: FormData): Promise<IntegrationFormState> {
  const { user } = await requirePermission("admin.integrations.write");
  const values = echoValues(form);
  const id = idOf(form);
  if (!id.success) return { issues: [{ path: "id", message: "" }], values };
  try {
    const { db } = await getDatabase();
    const current = await getIntegration(db, id.data);
    await updateIntegration(
      db,
      id.data,
      { name: textOf(form, "name"), syncIntervalMinutes: textOf(form, "every"), config: changedConfig(current.settings, form), secret: secretFromForm(form) },
      actorOf(user),
    );
  } catch (error) {
    return { issues: issuesOf(error), values };
  }
  revalidatePath("/admin/integrations");
  revalidatePath("/admin/integrations/detail");
  return { issues: [], values: {}, saved: true };
}

/** A new webhook signing secret, shown in this answer only; the old one stops working at once. */
export async function newWebhookSecret(_previous: IntegrationFormState | null, form: FormData): Promise<IntegrationFormState> {
  const { user } = await requirePermission("admin.integrations.write");
  const id = idOf(form);
  if (!id.success) return { issues: [{ path: "id", message: "" }], values: {} };
  try {
    const secret = await rotateWebhookSecret((await getDatabase()).db, id.data, actorOf(user));
    return { issues: [], values: {}, created: { id: id.data, secret } };
  } catch (error) {
    return { issues: issuesOf(error), values: {} };
  }
}

/** Pauses (`enabled=false`) or resumes an integration. */
export async function setIntegrationEnabled(form: FormData): Promise<void> {
  const { user } = await requirePermission("admin.integrations.write");
  const id = idOf(form);
  if (!id.success) return;
  await setEnabled((await getDatabase()).db, id.data, textOf(form, "enabled") === "true", actorOf(user));
  revalidatePath("/admin/integrations");
  revalidatePath("/admin/integrations/detail");
}

/** Removes an integration with its bookings, once the admin ticked the confirmation. */
export async function removeIntegrationNow(form: FormData): Promise<void> {
  const { user } = await requirePermission("admin.integrations.write");
  const id = idOf(form);
  if (!id.success) return;
  if (form.get("confirm") !== "on") redirect(`/admin/integrations/detail?id=${id.data}&confirm=1#remove`);
  const { deletedBookings } = await removeIntegration((await getDatabase()).db, id.data, actorOf(user));
  revalidatePath("/admin/integrations");
  redirect(`/admin/integrations?removed=${deletedBookings}`);
}

/** How long "Sync now" waits before answering: a small feed is done by then, a large one goes on in the background. */
const WAIT_FOR_SYNC_MS = 2_000;

/**
 * Starts a sync of one integration in this server process. The page shows its live progress
 * (lib/integrations/progress.ts) and its run once finished; a failure is recorded on the run.
 */
export async function syncIntegrationNow(form: FormData): Promise<void> {
  await requirePermission("admin.integrations.write");
  const id = idOf(form);
  if (!id.success) return;
  const database = await getDatabase();
  const sync = syncIntegration(database, getServerKeys(), id.data).catch((error: unknown) => {
    // Only an unknown id or a webhook throw; the page says there is nothing to sync.
    console.error(`sync now failed: ${error instanceof Error ? error.message : "unknown error"}`);
  });
  await Promise.race([sync, new Promise((resolve) => setTimeout(resolve, WAIT_FOR_SYNC_MS))]);
  revalidatePath("/admin/integrations");
  redirect(`/admin/integrations/detail?id=${id.data}`);
}

export type TestState = { result: ConnectionTest } | null;

/** Tests a saved integration with its stored settings and secret; nothing is written. */
export async function testIntegration(_previous: TestState, form: FormData): Promise<TestState> {
  await requirePermission("admin.integrations.write");
  const id = idOf(form);
  if (!id.success) return null;
  return { result: await testConnection(await getDatabase(), id.data) };
}

/** Tests the settings typed into the add form before they are saved; nothing is written. */
export async function testDraftIntegration(_previous: TestState, form: FormData): Promise<TestState> {
  await requirePermission("admin.integrations.write");
  const kind = kindOf(form);
  if (!kind.success) return null;
  const result = await testDraftConnection(await getDatabase(), { kind: kind.data, config: configFromForm(kind.data, form), secret: secretFromForm(form) });
  return { result };
}

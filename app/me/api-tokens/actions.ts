"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { apiTokenName, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { requirePermission } from "@/lib/auth/viewer";
import { getDatabase } from "@/lib/server/database";

/** What the create form shows after a submit: the new token, once, or why none was made. */
export type CreateTokenState = { created: { id: number; name: string; token: string } | null; invalid: boolean };

/**
 * Creates a token for the signed-in planner or admin. The token travels back in this action's
 * response only (useActionState): it is never stored, logged or put in a URL, so it is shown once.
 */
export async function createToken(_previous: CreateTokenState | null, formData: FormData): Promise<CreateTokenState> {
  const { user } = await requirePermission("api.tokens.write");
  if (!user) return { created: null, invalid: false };
  const name = apiTokenName.safeParse(formData.get("name"));
  if (!name.success) return { created: null, invalid: true };
  const created = await createApiToken((await getDatabase()).db, user.id, name.data);
  revalidatePath("/me/api-tokens");
  return { created: { id: created.id, name: created.name, token: created.token }, invalid: false };
}

const revocation = z.object({ tokenId: z.coerce.number().int().positive() });

/** Revokes one of the signed-in person's own tokens; someone else's id changes nothing. */
export async function revokeToken(formData: FormData): Promise<void> {
  const { user } = await requirePermission("api.tokens.write");
  const input = revocation.safeParse({ tokenId: formData.get("tokenId") });
  if (!user || !input.success) return;
  await revokeApiToken((await getDatabase()).db, user.id, input.data.tokenId);
  revalidatePath("/me/api-tokens");
}

"use server";
import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/orgs/api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validations/members";
import { orgAction } from "./safe-action";

export const createApiKeyAction = orgAction(createApiKeySchema, "apikeys.manage", async ({ input, actor, db }) => {
  const r = await createApiKey(db, actor, input);
  revalidatePath("/settings/api-keys");
  // The key is shown once, to the owner who made it; only its hash is kept.
  return { id: r.id, name: r.name, role: r.role, key: r.key };
});

export const revokeApiKeyAction = orgAction(revokeApiKeySchema, "apikeys.manage", async ({ input, actor, db }) => {
  await revokeApiKey(db, actor, input.id);
  revalidatePath("/settings/api-keys");
  return null;
});

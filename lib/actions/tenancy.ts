"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createKkt, createPremises, createTenant, setStoreCategory, updatePremises, updateTenant } from "@/lib/tenancy/tenancy";
import { kktInputSchema, premisesInputSchema, premisesPatchSchema, tenantInputSchema, tenantPatchSchema } from "@/lib/validations/contracts";
import { orgAction } from "./safe-action";

export const createTenantAction = orgAction(tenantInputSchema, "tenancy.write", async ({ input, actor, db }) => {
  const r = await createTenant(db, actor, input);
  revalidatePath("/tenants");
  return r;
});

/** The same schema as PATCH /api/v1/tenants/{id}; `safeExtend` keeps its "change at least one field" check. */
export const updateTenantAction = orgAction(tenantPatchSchema.safeExtend({ id: z.string().uuid() }), "tenancy.write", async ({ input: { id, ...patch }, actor, db }) => {
  const r = await updateTenant(db, actor, id, patch);
  revalidatePath("/tenants");
  return r;
});

export const createKktAction = orgAction(kktInputSchema, "tenancy.write", async ({ input, actor, db }) => {
  const r = await createKkt(db, actor, input);
  revalidatePath("/tenants");
  return r;
});

export const createPremisesAction = orgAction(premisesInputSchema, "contracts.write", async ({ input, actor, db }) => {
  const r = await createPremises(db, actor, input);
  revalidatePath("/tenants");
  return r;
});

export const updatePremisesAction = orgAction(premisesPatchSchema.safeExtend({ id: z.string().uuid() }), "contracts.write", async ({ input: { id, ...patch }, actor, db }) => {
  const r = await updatePremises(db, actor, id, patch);
  revalidatePath("/tenants");
  return r;
});

export const setStoreCategoryAction = orgAction(
  z.object({ storeId: z.string().uuid(), category: z.string().trim().max(100, "At most 100 characters").transform((c) => c || null) }),
  "tenancy.write",
  async ({ input, actor, db }) => {
    const r = await setStoreCategory(db, actor, input);
    revalidatePath("/tenants");
    return r;
  },
);

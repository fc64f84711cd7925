import "server-only";
import { z } from "zod";
import { listKkts, listPremises, listStoresWithCategories, listTenants } from "@/db/queries/tenancy";
import { createKkt, createPremises, createTenant, updatePremises, updateTenant } from "@/lib/tenancy/tenancy";
import { kktInputSchema, premisesInputSchema, premisesPatchSchema, tenantInputSchema, tenantPatchSchema } from "@/lib/validations/contracts";
import { defineRoute, pathId } from "../handler";

const tenant = z.object({ id: z.string().uuid(), inn: z.string(), kpp: z.string(), name: z.string() });
const kkt = z.object({ id: z.string().uuid(), rnm: z.string(), tenantId: z.string().uuid(), storeId: z.string().uuid().nullable(), consentFrom: z.string().nullable(), consentTo: z.string().nullable(), place: z.string().nullable(), address: z.string().nullable() });
const store = z.object({ id: z.string().uuid(), name: z.string(), brand: z.string().nullable(), categories: z.array(z.object({ name: z.string(), value: z.string() })), category: z.string().nullable() });
const premises = z.object({ id: z.string().uuid(), code: z.string(), areaM2: z.string(), floor: z.string().nullable() });

export const getTenants = defineRoute(
  { method: "GET", path: "/api/v1/tenants", summary: "Tenants (discovered or entered)", tag: "Tenancy", permission: "tenancy.read", response: z.object({ data: z.array(tenant) }) },
  async ({ actor, db }) => ({ data: await listTenants(db, actor.orgId) }),
);
export const postTenant = defineRoute(
  { method: "POST", path: "/api/v1/tenants", summary: "Enter a tenant by hand", tag: "Tenancy", permission: "tenancy.write", body: tenantInputSchema, response: tenant, successStatus: 201 },
  async ({ actor, db, body }) => createTenant(db, actor, body),
);
export const patchTenant = defineRoute(
  { method: "PATCH", path: "/api/v1/tenants/{id}", summary: "Rename a tenant or correct its KPP (the INN cannot change)", tag: "Tenancy", permission: "tenancy.write", body: tenantPatchSchema, response: tenant },
  async ({ actor, db, params, body }) => updateTenant(db, actor, pathId(params), body),
);
export const getKkts = defineRoute(
  { method: "GET", path: "/api/v1/kkts", summary: "Cash registers with their consent periods", tag: "Tenancy", permission: "tenancy.read", response: z.object({ data: z.array(kkt) }) },
  async ({ actor, db }) => ({ data: await listKkts(db, actor.orgId) }),
);
export const postKkt = defineRoute(
  { method: "POST", path: "/api/v1/kkts", summary: "Enter a cash register by hand", tag: "Tenancy", permission: "tenancy.write", body: kktInputSchema, response: kkt, successStatus: 201 },
  async ({ actor, db, body }) => createKkt(db, actor, body),
);
export const getStores = defineRoute(
  { method: "GET", path: "/api/v1/stores", summary: "Stores with their categories", tag: "Tenancy", permission: "tenancy.read", response: z.object({ data: z.array(store) }) },
  // `category`: the admin's override when set, else the provider's first category value.
  async ({ actor, db }) => ({ data: (await listStoresWithCategories(db, actor.orgId)).map(({ override, ...s }) => ({ ...s, category: override ?? s.categories[0]?.value ?? null })) }),
);
export const getPremises = defineRoute(
  { method: "GET", path: "/api/v1/premises", summary: "Units of the mall", tag: "Contracts", permission: "contracts.read", response: z.object({ data: z.array(premises) }) },
  async ({ actor, db }) => ({ data: await listPremises(db, actor.orgId) }),
);
export const postPremises = defineRoute(
  { method: "POST", path: "/api/v1/premises", summary: "Add a unit (area as a decimal string)", tag: "Contracts", permission: "contracts.write", body: premisesInputSchema, response: premises, successStatus: 201 },
  async ({ actor, db, body }) => createPremises(db, actor, body),
);
export const patchPremises = defineRoute(
  { method: "PATCH", path: "/api/v1/premises/{id}", summary: "Change a unit's code, area (a decimal string) or floor (null clears it)", tag: "Contracts", permission: "contracts.write", body: premisesPatchSchema, response: premises },
  async ({ actor, db, params, body }) => updatePremises(db, actor, pathId(params), body),
);

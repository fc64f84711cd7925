import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { kkts, premises, storeCategories, stores, tenants } from "../schema";

type Q = Db | Tx;

export async function insertTenant(db: Q, orgId: string, v: { inn: string; kpp: string; name: string }) {
  const [r] = await db.insert(tenants).values({ orgId, ...v, source: "manual", nameSetByHand: true }).returning({ id: tenants.id, inn: tenants.inn, kpp: tenants.kpp, name: tenants.name });
  return r;
}

export async function listTenants(db: Q, orgId: string) {
  return db.select({ id: tenants.id, inn: tenants.inn, kpp: tenants.kpp, name: tenants.name }).from(tenants).where(eq(tenants.orgId, orgId)).orderBy(asc(tenants.name));
}

export async function getTenant(db: Q, orgId: string, id: string) {
  const [r] = await db.select({ id: tenants.id, name: tenants.name, inn: tenants.inn, kpp: tenants.kpp }).from(tenants).where(and(eq(tenants.orgId, orgId), eq(tenants.id, id)));
  return r;
}

/** The tenant as an edit sees it: with its source, since a discovered tenant's (INN, KPP) is the provider's key. */
export async function getTenantForUpdate(db: Q, orgId: string, id: string) {
  const [r] = await db.select({ id: tenants.id, inn: tenants.inn, kpp: tenants.kpp, name: tenants.name, source: tenants.source }).from(tenants).where(and(eq(tenants.orgId, orgId), eq(tenants.id, id))).for("update");
  return r;
}

export async function updateTenantRow(db: Q, orgId: string, id: string, v: { name?: string; kpp?: string }) {
  const [r] = await db
    .update(tenants)
    .set({ name: v.name, kpp: v.kpp, ...(v.name !== undefined ? { nameSetByHand: true } : {}), updatedAt: new Date() })
    .where(and(eq(tenants.orgId, orgId), eq(tenants.id, id)))
    .returning({ id: tenants.id, inn: tenants.inn, kpp: tenants.kpp, name: tenants.name });
  return r;
}

export async function insertKkt(db: Q, orgId: string, v: { rnm: string; tenantId: string; address?: string; place?: string }) {
  const [r] = await db.insert(kkts).values({ orgId, ...v }).returning({ id: kkts.id, rnm: kkts.rnm, tenantId: kkts.tenantId, storeId: kkts.storeId, consentFrom: kkts.consentFrom, consentTo: kkts.consentTo, place: kkts.place, address: kkts.address });
  return r;
}

export async function listKkts(db: Q, orgId: string) {
  return db
    .select({ id: kkts.id, rnm: kkts.rnm, tenantId: kkts.tenantId, storeId: kkts.storeId, consentFrom: kkts.consentFrom, consentTo: kkts.consentTo, place: kkts.place, address: kkts.address })
    .from(kkts)
    .where(eq(kkts.orgId, orgId))
    .orderBy(asc(kkts.rnm));
}

export async function findKktsByRnm(db: Q, orgId: string, rnms: string[]) {
  if (rnms.length === 0) return [];
  return db.select({ id: kkts.id, rnm: kkts.rnm }).from(kkts).where(and(eq(kkts.orgId, orgId), inArray(kkts.rnm, rnms)));
}

export async function listStoresWithCategories(db: Q, orgId: string) {
  const rows = await db.select({ id: stores.id, name: stores.name, brand: stores.brand, override: stores.categoryOverride }).from(stores).where(eq(stores.orgId, orgId)).orderBy(asc(stores.name));
  const cats = await db.select({ storeId: storeCategories.storeId, name: storeCategories.name, value: storeCategories.value }).from(storeCategories).where(eq(storeCategories.orgId, orgId));
  return rows.map((s) => ({ ...s, categories: cats.filter((c) => c.storeId === s.id).map(({ name, value }) => ({ name, value })) }));
}

export async function insertPremises(db: Q, orgId: string, v: { code: string; areaM2: string; floor?: string }) {
  const [r] = await db.insert(premises).values({ orgId, ...v }).returning({ id: premises.id, code: premises.code, areaM2: premises.areaM2, floor: premises.floor });
  return r;
}

export async function listPremises(db: Q, orgId: string) {
  return db.select({ id: premises.id, code: premises.code, areaM2: premises.areaM2, floor: premises.floor }).from(premises).where(eq(premises.orgId, orgId)).orderBy(asc(premises.code));
}

export async function getPremisesForUpdate(db: Q, orgId: string, id: string) {
  const [r] = await db.select({ id: premises.id, code: premises.code, areaM2: premises.areaM2, floor: premises.floor }).from(premises).where(and(eq(premises.orgId, orgId), eq(premises.id, id))).for("update");
  return r;
}

export async function updatePremisesRow(db: Q, orgId: string, id: string, v: { code?: string; areaM2?: string; floor?: string | null }) {
  const [r] = await db
    .update(premises)
    .set({ code: v.code, areaM2: v.areaM2, floor: v.floor })
    .where(and(eq(premises.orgId, orgId), eq(premises.id, id)))
    .returning({ id: premises.id, code: premises.code, areaM2: premises.areaM2, floor: premises.floor });
  return r;
}

export async function findPremises(db: Q, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: premises.id, areaM2: premises.areaM2 }).from(premises).where(and(eq(premises.orgId, orgId), inArray(premises.id, ids)));
}

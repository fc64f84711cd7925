import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { stores } from "@/db/schema";
import * as q from "@/db/queries/tenancy";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";

export const isUniqueViolation = (e: unknown) => {
  const x = e as { code?: string; cause?: { code?: string } };
  return x?.code === "23505" || x?.cause?.code === "23505";
};

export async function createTenant(db: Db, actor: Actor, v: { inn: string; kpp?: string; name: string }) {
  authorize(actor, "tenancy.write");
  try {
    return await db.transaction(async (tx) => {
      const t = await q.insertTenant(tx, actor.orgId, { inn: v.inn, kpp: v.kpp ?? "", name: v.name });
      await recordAudit(tx, actor, { action: "tenant.created", entityType: "tenant", entityId: t.id, after: t });
      return t;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A tenant with this INN and KPP exists", { inn: ["Already registered"] });
    throw e;
  }
}

export async function createKkt(db: Db, actor: Actor, v: { rnm: string; tenantId: string; address?: string; place?: string }) {
  authorize(actor, "tenancy.write");
  if (!(await q.getTenant(db, actor.orgId, v.tenantId))) throw new AppError("not_found", "Tenant not found", { tenantId: ["No such tenant"] });
  try {
    return await q.insertKkt(db, actor.orgId, v);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A register with this RNM exists", { rnm: ["Already registered"] });
    throw e;
  }
}

export async function createPremises(db: Db, actor: Actor, v: { code: string; areaM2: string; floor?: string }) {
  authorize(actor, "contracts.write");
  try {
    return await q.insertPremises(db, actor.orgId, v);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "Premises with this code exist", { code: ["Already used"] });
    throw e;
  }
}

/** An admin's category for a store wins over the provider's (kept beside it, so a re-discovery never undoes it). */
export async function setStoreCategory(db: Db, actor: Actor, v: { storeId: string; category: string | null }) {
  authorize(actor, "tenancy.write");
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ id: stores.id, name: stores.name, override: stores.categoryOverride }).from(stores).where(and(eq(stores.orgId, actor.orgId), eq(stores.id, v.storeId)));
    if (!before) throw new AppError("not_found", "Store not found");
    await tx.update(stores).set({ categoryOverride: v.category, updatedAt: new Date() }).where(and(eq(stores.orgId, actor.orgId), eq(stores.id, v.storeId)));
    await recordAudit(tx, actor, { action: "store.category_set", entityType: "store", entityId: v.storeId, before: { category: before.override }, after: { category: v.category } });
    return { id: v.storeId, category: v.category };
  });
}

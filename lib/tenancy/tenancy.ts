import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { stores } from "@/db/schema";
import * as q from "@/db/queries/tenancy";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { KPP_NEEDED, NO_KPP_FOR_SOLE_TRADER, NO_KPP_IN_UKRAINE, type PremisesPatch, type TenantPatch } from "@/lib/validations/contracts";

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

const nothingToChange = () => new AppError("validation", "Change at least one field", { _: ["Change at least one field"] });

/**
 * Rename a tenant or correct its KPP; the INN is its identity and never changes. A discovered tenant keeps
 * the provider's KPP: (INN, KPP) is the key discovery upserts on, so a changed KPP would make the next
 * discovery add the tenant again and move its registers to that copy.
 */
export async function updateTenant(db: Db, actor: Actor, id: string, patch: Omit<TenantPatch, "inn">) {
  authorize(actor, "tenancy.write");
  if (patch.name === undefined && patch.kpp === undefined) throw nothingToChange();
  try {
    return await db.transaction(async (tx) => {
      const found = await q.getTenantForUpdate(tx, actor.orgId, id);
      if (!found) throw new AppError("not_found", "Tenant not found");
      const { source, ...before } = found;
      if (patch.kpp !== undefined && patch.kpp !== before.kpp) {
        if (source === "discovered") throw new AppError("validation", "The KPP of a discovered tenant comes from the provider", { kpp: ["Comes from the provider and cannot be changed"] });
        if (before.inn.length === 12) throw new AppError("validation", NO_KPP_FOR_SOLE_TRADER, { kpp: [NO_KPP_FOR_SOLE_TRADER] });
        if (before.inn.length === 8) throw new AppError("validation", NO_KPP_IN_UKRAINE, { kpp: [NO_KPP_IN_UKRAINE] });
        if (!patch.kpp) throw new AppError("validation", KPP_NEEDED, { kpp: [KPP_NEEDED] });
      }
      const after = await q.updateTenantRow(tx, actor.orgId, id, { name: patch.name, kpp: patch.kpp });
      await recordAudit(tx, actor, { action: "tenant.updated", entityType: "tenant", entityId: id, before, after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A tenant with this INN and KPP exists", { kpp: ["Another tenant has this INN and KPP"] });
    throw e;
  }
}

/** Change a unit's code, area (an exact decimal string, stored as numeric like on create) or floor. */
export async function updatePremises(db: Db, actor: Actor, id: string, patch: PremisesPatch) {
  authorize(actor, "contracts.write");
  if (patch.code === undefined && patch.areaM2 === undefined && patch.floor === undefined) throw nothingToChange();
  try {
    return await db.transaction(async (tx) => {
      const before = await q.getPremisesForUpdate(tx, actor.orgId, id);
      if (!before) throw new AppError("not_found", "Premises not found");
      const after = await q.updatePremisesRow(tx, actor.orgId, id, patch);
      await recordAudit(tx, actor, { action: "premises.updated", entityType: "premises", entityId: id, before, after });
      return after;
    });
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

import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { kkts, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError, fieldErrors } from "@/lib/errors";
import { isPrroError } from "@/lib/providers/prro/errors";
import type { PrroTaxObject } from "@/lib/providers/prro/mapping";
import { openPrroClient } from "@/lib/sync/prro-poll";
import { providerError } from "@/lib/sync/renta-session";
import { connectionRegisterSchema, prroRegisterSchema, type ConnectionRegisterDto, type ConnectionRegisterInput, type PrroRegisterInput } from "@/lib/validations/connection-registers";
import { registersByHand } from "@/lib/validations/connections";

/**
 * Registers of a provider without discovery (neither Kontur.OFD's nor Yandex OFD's document has a method that
 * lists them): an admin adds each with the provider's id of its company (Kontur's organizationId, Yandex's
 * company id); the sync then pulls exactly these. A Renta register comes from discovery.
 */
async function byHandConnection(db: Db, orgId: string, connectionId: string) {
  const c = await cq.getConnection(db, orgId, connectionId);
  if (!c) throw new AppError("not_found", "Connection not found");
  if (!registersByHand(c.provider)) throw new AppError("conflict", "Registers of an OFD.ru Renta connection come from its cabinets: run discovery");
  return c;
}

export async function listConnectionRegisters(db: Db, actor: Actor, connectionId: string): Promise<ConnectionRegisterDto[]> {
  authorize(actor, "connections.read");
  if (!(await cq.getConnection(db, actor.orgId, connectionId))) throw new AppError("not_found", "Connection not found");
  return db
    .select({ id: kkts.id, rnm: kkts.rnm, organizationId: kkts.providerRef, tenantId: kkts.tenantId, tenantName: tenants.name, place: kkts.place })
    .from(kkts)
    .innerJoin(tenants, and(eq(tenants.orgId, kkts.orgId), eq(tenants.id, kkts.tenantId)))
    .where(and(eq(kkts.orgId, actor.orgId), eq(kkts.connectionId, connectionId)))
    .orderBy(asc(kkts.rnm)) as Promise<ConnectionRegisterDto[]>;
}

/**
 * Add a register to the connection: a new one, or a register the organisation already has (entered by hand)
 * — its stored days are kept. A register fed by another connection or a Renta cabinet, or of another tenant,
 * is refused next to the field.
 */
export async function addConnectionRegister(db: Db, actor: Actor, connectionId: string, raw: unknown, o: { fieldPrefix?: string } = {}): Promise<ConnectionRegisterDto> {
  authorize(actor, "connections.discover");
  const c = await byHandConnection(db, actor.orgId, connectionId);
  const schema = c.provider === "prro" ? prroRegisterSchema : connectionRegisterSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrors(parsed.error.issues)).map(([k, m]) => [o.fieldPrefix ? `${o.fieldPrefix}.${k}` : k, m]));
    throw new AppError("validation", "The request is not valid", fields);
  }
  if (c.provider === "prro") return addPrroRegister(db, actor, connectionId, parsed.data as PrroRegisterInput);
  return addRegister(db, actor, connectionId, parsed.data as ConnectionRegisterInput);
}

async function addRegister(db: Db, actor: Actor, connectionId: string, v: ConnectionRegisterInput): Promise<ConnectionRegisterDto> {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id, name: tenants.name }).from(tenants).where(and(eq(tenants.orgId, actor.orgId), eq(tenants.id, v.tenantId)));
    if (!tenant) throw new AppError("not_found", "Tenant not found", { tenantId: ["No such tenant"] });
    const [existing] = await tx.select().from(kkts).where(and(eq(kkts.orgId, actor.orgId), eq(kkts.rnm, v.rnm))).for("update");
    let id: string;
    if (existing) {
      if (existing.cabinetId) throw new AppError("conflict", "This register is fed by an OFD.ru Renta cabinet", { rnm: ["Already fed by a Renta cabinet"] });
      if (existing.connectionId === connectionId) throw new AppError("conflict", "This register is already on this connection", { rnm: ["Already added"] });
      if (existing.connectionId) throw new AppError("conflict", "This register is fed by another connection", { rnm: ["Already fed by another connection"] });
      if (existing.tenantId !== v.tenantId) throw new AppError("validation", "This register belongs to another tenant", { tenantId: ["The register belongs to another tenant"] });
      await tx.update(kkts).set({ connectionId, providerRef: v.organizationId, place: v.place || existing.place, updatedAt: new Date() }).where(eq(kkts.id, existing.id));
      id = existing.id;
    } else {
      [{ id }] = await tx.insert(kkts).values({ orgId: actor.orgId, rnm: v.rnm, tenantId: v.tenantId, connectionId, providerRef: v.organizationId, place: v.place || null }).returning({ id: kkts.id });
    }
    await recordAudit(tx, actor, { action: "kkt.connected", entityType: "kkt", entityId: id, after: { rnm: v.rnm, connectionId, organizationId: v.organizationId, tenantId: v.tenantId } });
    return { id, rnm: v.rnm, organizationId: v.organizationId, tenantId: tenant.id, tenantName: tenant.name, place: v.place || existing?.place || null };
  });
}

/** Take a register off the connection: the sync stops pulling it; its stored days stay. */
export async function removeConnectionRegister(db: Db, actor: Actor, connectionId: string, kktId: string) {
  authorize(actor, "connections.discover");
  return db.transaction(async (tx) => {
    await byHandConnection(tx, actor.orgId, connectionId);
    const [r] = await tx
      .update(kkts)
      .set({ connectionId: null, providerRef: null, updatedAt: new Date() })
      .where(and(eq(kkts.orgId, actor.orgId), eq(kkts.connectionId, connectionId), eq(kkts.id, kktId)))
      .returning({ id: kkts.id, rnm: kkts.rnm });
    if (!r) throw new AppError("not_found", "Register not found on this connection");
    await recordAudit(tx, actor, { action: "kkt.disconnected", entityType: "kkt", entityId: r.id, before: { rnm: r.rnm, connectionId } });
    return { id: r.id, rnm: r.rnm };
  });
}

/**
 * A PRRO register: the service is asked for it first (it must know the fiscal number; a refusal is said next to the
 * field), and says whose it is. Without a chosen tenant, the tenant with the service's tax number is used, or added
 * as discovered. The provider's reference kept on the register is that tax number.
 */
async function addPrroRegister(db: Db, actor: Actor, connectionId: string, v: PrroRegisterInput): Promise<ConnectionRegisterDto> {
  let obj: PrroTaxObject;
  try {
    const { client } = await openPrroClient(db, actor.orgId, connectionId, { maxRetries: 1 });
    obj = await client.taxObject(v.rnm);
  } catch (e) {
    if (!isPrroError(e)) throw e;
    if (e.code === "NotFound") throw new AppError("validation", e.message, { rnm: ["The PRRO service knows no register with this fiscal number"] });
    throw providerError(e);
  }
  return db.transaction(async (tx) => {
    let tenant: { id: string; name: string } | undefined;
    if (v.tenantId) {
      [tenant] = await tx.select({ id: tenants.id, name: tenants.name }).from(tenants).where(and(eq(tenants.orgId, actor.orgId), eq(tenants.id, v.tenantId)));
      if (!tenant) throw new AppError("not_found", "Tenant not found", { tenantId: ["No such tenant"] });
    } else {
      if (!obj.tin) throw new AppError("validation", "The service gives no tax number for this register: choose its tenant", { tenantId: ["Choose the tenant"] });
      [tenant] = await tx.select({ id: tenants.id, name: tenants.name }).from(tenants).where(and(eq(tenants.orgId, actor.orgId), eq(tenants.inn, obj.tin), eq(tenants.kpp, "")));
      if (!tenant) {
        [tenant] = await tx.insert(tenants).values({ orgId: actor.orgId, inn: obj.tin, name: obj.orgName || obj.tin, source: "discovered" }).returning({ id: tenants.id, name: tenants.name });
        await recordAudit(tx, actor, { action: "tenant.created", entityType: "tenant", entityId: tenant.id, after: { inn: obj.tin, name: obj.orgName, source: "PRRO" } });
      }
    }
    const place = v.place || obj.name || null;
    const [existing] = await tx.select().from(kkts).where(and(eq(kkts.orgId, actor.orgId), eq(kkts.rnm, v.rnm))).for("update");
    let id: string;
    if (existing) {
      if (existing.connectionId === connectionId) throw new AppError("conflict", "This register is already on this connection", { rnm: ["Already added"] });
      if (existing.connectionId || existing.cabinetId) throw new AppError("conflict", "This register is fed by another connection", { rnm: ["Already fed by another connection"] });
      if (existing.tenantId !== tenant.id) throw new AppError("validation", "This register belongs to another tenant", { tenantId: ["The register belongs to another tenant"] });
      await tx.update(kkts).set({ connectionId, providerRef: obj.tin || "-", address: obj.address || existing.address, place: place ?? existing.place, updatedAt: new Date() }).where(eq(kkts.id, existing.id));
      id = existing.id;
    } else {
      [{ id }] = await tx.insert(kkts).values({ orgId: actor.orgId, rnm: v.rnm, tenantId: tenant.id, connectionId, providerRef: obj.tin || "-", address: obj.address || null, place }).returning({ id: kkts.id });
    }
    await recordAudit(tx, actor, { action: "kkt.connected", entityType: "kkt", entityId: id, after: { rnm: v.rnm, connectionId, tin: obj.tin, tenantId: tenant.id } });
    return { id, rnm: v.rnm, organizationId: obj.tin, tenantId: tenant.id, tenantName: tenant.name, place: place ?? existing?.place ?? null };
  });
}

import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { kkts, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import type { ConnectionRegisterDto, ConnectionRegisterInput } from "@/lib/validations/connection-registers";
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
export async function addConnectionRegister(db: Db, actor: Actor, connectionId: string, v: ConnectionRegisterInput): Promise<ConnectionRegisterDto> {
  authorize(actor, "connections.discover");
  return db.transaction(async (tx) => {
    await byHandConnection(tx, actor.orgId, connectionId);
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

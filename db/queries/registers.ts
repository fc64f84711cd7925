import "server-only";
import { and, asc, between, eq } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { dailyFigureColumns } from "./statements";
import { cabinets, connections, kktDayStatus, kkts, stores, tenants, turnoverDaily } from "../schema";

type Q = Db | Tx;

/** One register of the organisation with its tenant, store and, when it is read from a provider, its cabinet. */
export async function getRegister(db: Q, orgId: string, kktId: string) {
  const [r] = await db
    .select({
      id: kkts.id,
      rnm: kkts.rnm,
      fnNumber: kkts.fnNumber,
      serial: kkts.serial,
      address: kkts.address,
      place: kkts.place,
      consentFrom: kkts.consentFrom,
      consentTo: kkts.consentTo,
      tenantId: tenants.id,
      tenantName: tenants.name,
      tenantInn: tenants.inn,
      storeName: stores.name,
      cabinetInn: cabinets.inn,
      cabinetKpp: cabinets.kpp,
      cabinetName: cabinets.name,
      connectionId: cabinets.connectionId,
      connectionName: connections.name,
      provider: connections.provider,
    })
    .from(kkts)
    .innerJoin(tenants, and(eq(tenants.orgId, kkts.orgId), eq(tenants.id, kkts.tenantId)))
    .leftJoin(stores, and(eq(stores.orgId, kkts.orgId), eq(stores.id, kkts.storeId)))
    .leftJoin(cabinets, and(eq(cabinets.orgId, kkts.orgId), eq(cabinets.id, kkts.cabinetId)))
    .leftJoin(connections, and(eq(connections.orgId, kkts.orgId), eq(connections.id, cabinets.connectionId)))
    .where(and(eq(kkts.orgId, orgId), eq(kkts.id, kktId)));
  return r;
}
export type RegisterRow = NonNullable<Awaited<ReturnType<typeof getRegister>>>;

/** Every stored day of one register in [from, to], every source, in day order. */
export async function registerDays(db: Q, orgId: string, kktId: string, from: string, to: string) {
  return db
    .select({
      day: turnoverDaily.day,
      source: turnoverDaily.source,
      ...dailyFigureColumns,
      receipts: turnoverDaily.receipts,
      refundReceipts: turnoverDaily.refundReceipts,
      pulledAt: turnoverDaily.pulledAt,
    })
    .from(turnoverDaily)
    .where(and(eq(turnoverDaily.orgId, orgId), eq(turnoverDaily.kktId, kktId), between(turnoverDaily.day, from, to)))
    .orderBy(asc(turnoverDaily.day), asc(turnoverDaily.source));
}
export type RegisterDayRow = Awaited<ReturnType<typeof registerDays>>[number];

/** Days in [from, to] on which the register's data cannot exist (outside its consent), as the last sync recorded them. */
export async function unavailableDays(db: Q, orgId: string, kktId: string, from: string, to: string) {
  const rows = await db
    .select({ day: kktDayStatus.day, reason: kktDayStatus.reason })
    .from(kktDayStatus)
    .where(and(eq(kktDayStatus.orgId, orgId), eq(kktDayStatus.kktId, kktId), eq(kktDayStatus.status, "not_available"), between(kktDayStatus.day, from, to)));
  return new Map(rows.map((r) => [r.day, r.reason]));
}

/** A tenant's registers, in RNM order. */
export async function tenantRegisters(db: Q, orgId: string, tenantId: string) {
  return db.select({ id: kkts.id, rnm: kkts.rnm }).from(kkts).where(and(eq(kkts.orgId, orgId), eq(kkts.tenantId, tenantId))).orderBy(asc(kkts.rnm));
}

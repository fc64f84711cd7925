import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine";
import { cabinets, connections, kkts, storeCategories, stores, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { RentaClient } from "@/lib/providers/renta/client";
import { consentCoversDay, planFullDataRequests, toCabinet, toCashRegister, toStores, toTenant, type Cabinet, type CashRegister, type Store, type Tenant } from "@/lib/providers/renta/mapping";
import { addDays, moscowDay } from "@/lib/providers/renta/dates";
import { openRentaClient, providerError, type ClientTuning } from "./renta-session";

interface Found {
  cabinet: Cabinet;
  tenants: Tenant[];
  kkts: CashRegister[];
  stores: Store[];
}

export interface DiscoveryResult {
  cabinets: { id: string; inn: string; kpp: string; name: string; status: string }[];
  tenants: number;
  kkts: number;
  stores: number;
}

/** The day whose kkt-full-data names each register's store: yesterday, or the last day the cabinet may read. */
function probeDay(c: Cabinet, today: string): string {
  const y = addDays(today, -1);
  return c.activeTo && c.activeTo < y ? c.activeTo : y;
}

async function fetchCabinet(client: RentaClient, c: Cabinet, today: string): Promise<Found> {
  const ref = { inn: c.inn, kpp: c.kpp };
  const [entities, registers] = await Promise.all([client.legalEntities({ cabinet: ref }), client.kkts({ cabinet: ref })]);
  const regs = registers.map(toCashRegister);
  const day = probeDay(c, today);
  const covered = regs.filter((r) => consentCoversDay(r, day)).map((r) => r.rnm);
  const plan = planFullDataRequests(covered, [day], client.urlLimit);
  const rows = (await Promise.all(plan.map((p) => client.kktFullData({ rnms: p.rnms, from: p.day, to: p.day, cabinet: ref })))).flat();
  return { cabinet: c, tenants: entities.map(toTenant), kkts: regs, stores: toStores(rows) };
}

/**
 * Cabinets → tenants → registers (consents, place, reports) → stores and categories. Everything is read
 * from the provider first and written in one transaction, keyed by natural keys, so a second run updates
 * and never duplicates, and a provider failure half-way stores nothing.
 */
export async function discoverConnection(db: Db, actor: Actor, connectionId: string, tuning: ClientTuning = {}): Promise<DiscoveryResult> {
  authorize(actor, "connections.discover");
  const { client } = await openRentaClient(db, actor.orgId, connectionId, tuning);
  const today = moscowDay(new Date());
  let found: Found[];
  try {
    const cabs = (await client.companies()).map(toCabinet);
    found = [];
    for (const c of cabs) found.push(await fetchCabinet(client, c, today));
  } catch (e) {
    const err = providerError(e);
    await db.update(connections).set({ status: err.message.includes("AuthFailed") || /UserAccountNotFound|login/i.test(err.message) ? "auth_failed" : "error", lastError: err.message, updatedAt: new Date() }).where(and(eq(connections.orgId, actor.orgId), eq(connections.id, connectionId)));
    throw err;
  }
  return db.transaction(async (tx) => {
    const out: DiscoveryResult = { cabinets: [], tenants: 0, kkts: 0, stores: 0 };
    for (const f of found) {
      const cabinetId = await upsertCabinet(tx, actor.orgId, connectionId, f.cabinet);
      out.cabinets.push({ id: cabinetId, inn: f.cabinet.inn, kpp: f.cabinet.kpp, name: f.cabinet.name, status: f.cabinet.status });
      const tenantIds = await upsertTenants(tx, actor.orgId, cabinetId, f.tenants, f.kkts);
      out.tenants += tenantIds.size;
      const storeIds = await upsertStores(tx, actor.orgId, f.stores);
      out.stores += storeIds.size;
      out.kkts += await upsertKkts(tx, actor.orgId, cabinetId, f.kkts, tenantIds, f.stores, storeIds);
    }
    await tx.update(connections).set({ status: "ok", lastError: null, updatedAt: new Date() }).where(and(eq(connections.orgId, actor.orgId), eq(connections.id, connectionId)));
    await recordAudit(tx, actor, { action: "connection.discovered", entityType: "connection", entityId: connectionId, after: { cabinets: out.cabinets.length, tenants: out.tenants, kkts: out.kkts, stores: out.stores } });
    return out;
  });
}

async function upsertCabinet(tx: Tx, orgId: string, connectionId: string, c: Cabinet): Promise<string> {
  const [r] = await tx
    .insert(cabinets)
    .values({ orgId, connectionId, inn: c.inn, kpp: c.kpp, name: c.name, status: c.status, activeFrom: c.activeFrom ?? null, activeTo: c.activeTo ?? null })
    .onConflictDoUpdate({ target: [cabinets.orgId, cabinets.connectionId, cabinets.inn, cabinets.kpp], set: { name: c.name, status: c.status, activeFrom: c.activeFrom ?? null, activeTo: c.activeTo ?? null, updatedAt: new Date() } })
    .returning({ id: cabinets.id });
  return r.id;
}

const tenantKey = (inn: string, kpp?: string) => `${inn}|${kpp ?? ""}`;

/** Legal entities, plus any register owner the legal-entity list left out (consents still pending). */
async function upsertTenants(tx: Tx, orgId: string, cabinetId: string, list: Tenant[], regs: CashRegister[]): Promise<Map<string, string>> {
  const all = new Map<string, { inn: string; kpp: string; name: string }>();
  for (const t of list) all.set(tenantKey(t.inn, t.kpp), { inn: t.inn, kpp: t.kpp ?? "", name: t.name });
  for (const r of regs) if (!all.has(tenantKey(r.tenantInn, r.tenantKpp))) all.set(tenantKey(r.tenantInn, r.tenantKpp), { inn: r.tenantInn, kpp: r.tenantKpp ?? "", name: r.tenantName });
  const ids = new Map<string, string>();
  if (all.size === 0) return ids;
  const rows = await tx
    .insert(tenants)
    .values([...all.values()].map((t) => ({ orgId, ...t, source: "discovered" as const, cabinetId })))
    .onConflictDoUpdate({ target: [tenants.orgId, tenants.inn, tenants.kpp], set: { name: sql`case when ${tenants.nameSetByHand} then ${tenants.name} else excluded.name end`, cabinetId, updatedAt: new Date() } })
    .returning({ id: tenants.id, inn: tenants.inn, kpp: tenants.kpp });
  for (const r of rows) ids.set(tenantKey(r.inn, r.kpp || undefined), r.id);
  return ids;
}

async function upsertStores(tx: Tx, orgId: string, list: Store[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (list.length === 0) return ids;
  const rows = await tx
    .insert(stores)
    .values(list.map((s) => ({ orgId, externalId: s.storeId, name: s.name, brand: s.brand ?? null })))
    .onConflictDoUpdate({ target: [stores.orgId, stores.externalId], set: { name: sql`excluded.name`, brand: sql`excluded.brand`, updatedAt: new Date() } })
    .returning({ id: stores.id, externalId: stores.externalId });
  for (const r of rows) ids.set(r.externalId!, r.id);
  // The provider's categories replace what it said before; an admin's override lives on the store and stays.
  await tx.delete(storeCategories).where(and(eq(storeCategories.orgId, orgId), inArray(storeCategories.storeId, [...ids.values()])));
  const cats = list.flatMap((s) => s.categories.flatMap((c) => c.values.map((v) => ({ orgId, storeId: ids.get(s.storeId)!, name: c.name, value: v.value }))));
  if (cats.length) await tx.insert(storeCategories).values(cats).onConflictDoNothing();
  return ids;
}

async function upsertKkts(tx: Tx, orgId: string, cabinetId: string, regs: CashRegister[], tenantIds: Map<string, string>, storeList: Store[], storeIds: Map<string, string>): Promise<number> {
  if (regs.length === 0) return 0;
  const storeOf = new Map<string, string>();
  for (const s of storeList) for (const rnm of s.rnms) storeOf.set(rnm, storeIds.get(s.storeId)!);
  const values = regs.map((r) => ({
    orgId,
    rnm: r.rnm,
    fnNumber: r.fiscalDriveNumber,
    serial: r.factoryNumber,
    address: r.address ?? null,
    place: r.place ?? null,
    tenantId: tenantIds.get(tenantKey(r.tenantInn, r.tenantKpp))!,
    cabinetId,
    storeId: storeOf.get(r.rnm) ?? null,
    consentFrom: r.consentFrom.slice(0, 10),
    consentTo: r.consentTo.slice(0, 10),
    reports: r.availableReports,
  }));
  await tx
    .insert(kkts)
    .values(values)
    .onConflictDoUpdate({
      target: [kkts.orgId, kkts.rnm],
      set: {
        fnNumber: sql`excluded.fn_number`, serial: sql`excluded.serial`, address: sql`excluded.address`, place: sql`excluded.place`, tenantId: sql`excluded.tenant_id`,
        cabinetId: sql`excluded.cabinet_id`, storeId: sql`coalesce(excluded.store_id, ${kkts.storeId})`, consentFrom: sql`excluded.consent_from`, consentTo: sql`excluded.consent_to`, reports: sql`excluded.reports`,
      },
    });
  return values.length;
}

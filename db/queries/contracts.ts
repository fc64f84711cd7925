import "server-only";
import { and, asc, eq, gte, inArray, lte, ne, sql, type Column } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { contractKkts, contractPremises, contracts, contractTerms, kkts, premises, rentStatements, tenants } from "../schema";

type Q = Db | Tx;

export type TermsRow = typeof contractTerms.$inferInsert;

export async function insertContract(db: Q, orgId: string, v: { number: string; tenantId: string; storeId?: string; startDate: string; endDate: string; currency: string; leaseYearReconciliation?: boolean }) {
  const [r] = await db.insert(contracts).values({ orgId, ...v }).returning({ id: contracts.id });
  return r;
}

export async function updateContractRow(db: Q, orgId: string, id: string, v: { number?: string; endDate?: string; status?: "active" | "ended"; leaseYearReconciliation?: boolean }) {
  return db.update(contracts).set({ ...v, updatedAt: new Date() }).where(and(eq(contracts.orgId, orgId), eq(contracts.id, id))).returning({ id: contracts.id });
}

export async function replaceContractPremises(db: Q, orgId: string, contractId: string, premisesIds: string[]) {
  await db.delete(contractPremises).where(and(eq(contractPremises.orgId, orgId), eq(contractPremises.contractId, contractId)));
  if (premisesIds.length) await db.insert(contractPremises).values(premisesIds.map((premisesId) => ({ orgId, contractId, premisesId })));
}

export async function replaceContractKkts(db: Q, orgId: string, contractId: string, rows: { kktId: string; validFrom: string; validTo: string }[]) {
  await db.delete(contractKkts).where(and(eq(contractKkts.orgId, orgId), eq(contractKkts.contractId, contractId)));
  if (rows.length) await db.insert(contractKkts).values(rows.map((r) => ({ orgId, contractId, ...r })));
}

export async function replaceContractTerms(db: Q, orgId: string, contractId: string, rows: Omit<TermsRow, "orgId" | "contractId">[]) {
  await db.delete(contractTerms).where(and(eq(contractTerms.orgId, orgId), eq(contractTerms.contractId, contractId)));
  await db.insert(contractTerms).values(rows.map((r) => ({ ...r, orgId, contractId })));
}

/** Assignments of these registers to other contracts that share at least one day with [from, to]. */
export async function findOverlappingAssignments(db: Q, orgId: string, exceptContractId: string | null, kktId: string, from: string, to: string) {
  return db
    .select({ contractId: contractKkts.contractId, number: contracts.number, validFrom: contractKkts.validFrom, validTo: contractKkts.validTo })
    .from(contractKkts)
    .innerJoin(contracts, and(eq(contracts.orgId, contractKkts.orgId), eq(contracts.id, contractKkts.contractId)))
    .where(
      and(
        eq(contractKkts.orgId, orgId),
        eq(contractKkts.kktId, kktId),
        lte(contractKkts.validFrom, to),
        gte(contractKkts.validTo, from),
        ...(exceptContractId ? [ne(contractKkts.contractId, exceptContractId)] : []),
      ),
    );
}

const contractColumns = {
  id: contracts.id,
  number: contracts.number,
  tenantId: contracts.tenantId,
  storeId: contracts.storeId,
  start: contracts.startDate,
  end: contracts.endDate,
  currency: contracts.currency,
  status: contracts.status,
  leaseYearReconciliation: contracts.leaseYearReconciliation,
};

/** Contracts with their premises, registers and terms, in four queries whatever their number. */
export async function loadContracts(db: Q, orgId: string, filter: { ids?: string[]; tenantId?: string; activeFrom?: string; activeTo?: string } = {}) {
  const where = [eq(contracts.orgId, orgId)];
  if (filter.tenantId) where.push(eq(contracts.tenantId, filter.tenantId));
  if (filter.ids) where.push(inArray(contracts.id, filter.ids.length ? filter.ids : ["00000000-0000-0000-0000-000000000000"]));
  if (filter.activeTo) where.push(lte(contracts.startDate, filter.activeTo));
  if (filter.activeFrom) where.push(gte(contracts.endDate, filter.activeFrom));
  const rows = await db.select(contractColumns).from(contracts).where(and(...where)).orderBy(asc(contracts.number));
  if (rows.length === 0) return [];
  // One array parameter, not one per contract: drizzle builds a 3,000-parameter IN list slowly. The ids
  // are the database's own uuids, so the array literal needs no quoting.
  const idList = `{${rows.map((r) => r.id).join(",")}}`;
  const ofContracts = (column: Column) => sql`${column} = any(${idList}::uuid[])`;
  // One after another: inside a transaction these share one connection, which runs one query at a time anyway.
  const prem = await db
    .select({ contractId: contractPremises.contractId, premisesId: premises.id, areaM2: premises.areaM2, code: premises.code })
    .from(contractPremises)
    .innerJoin(premises, and(eq(premises.orgId, contractPremises.orgId), eq(premises.id, contractPremises.premisesId)))
    .where(and(eq(contractPremises.orgId, orgId), ofContracts(contractPremises.contractId)));
  const regs = await db
    .select({ contractId: contractKkts.contractId, kktId: contractKkts.kktId, rnm: kkts.rnm, from: contractKkts.validFrom, to: contractKkts.validTo })
    .from(contractKkts)
    .innerJoin(kkts, and(eq(kkts.orgId, contractKkts.orgId), eq(kkts.id, contractKkts.kktId)))
    .where(and(eq(contractKkts.orgId, orgId), ofContracts(contractKkts.contractId)));
  const terms = await db.select().from(contractTerms).where(and(eq(contractTerms.orgId, orgId), ofContracts(contractTerms.contractId))).orderBy(asc(contractTerms.effectiveFrom));
  const group = <T extends { contractId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) (m.get(x.contractId) ?? m.set(x.contractId, []).get(x.contractId)!).push(x);
    return m;
  };
  const [p, k, t] = [group(prem), group(regs), group(terms)];
  return rows.map((c) => ({ ...c, premises: p.get(c.id) ?? [], kkts: k.get(c.id) ?? [], terms: t.get(c.id) ?? [] }));
}
export type LoadedContract = Awaited<ReturnType<typeof loadContracts>>[number];

/** Active contracts whose last day falls in [from, to], soonest first, with their tenant's name. */
export async function contractsEndingBetween(db: Q, orgId: string, from: string, to: string) {
  return db
    .select({ id: contracts.id, number: contracts.number, tenantId: contracts.tenantId, tenant: tenants.name, end: contracts.endDate })
    .from(contracts)
    .innerJoin(tenants, and(eq(tenants.orgId, contracts.orgId), eq(tenants.id, contracts.tenantId)))
    .where(and(eq(contracts.orgId, orgId), eq(contracts.status, "active"), gte(contracts.endDate, from), lte(contracts.endDate, to)))
    .orderBy(asc(contracts.endDate), asc(contracts.number));
}

/** Every contract's tenant: contract id → tenant id. */
export async function contractTenants(db: Q, orgId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: contracts.id, tenantId: contracts.tenantId }).from(contracts).where(eq(contracts.orgId, orgId));
  return new Map(rows.map((r) => [r.id, r.tenantId]));
}

/** The months of a contract that have an issued statement (any revision). */
export async function issuedPeriods(db: Q, orgId: string, contractId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ period: rentStatements.period })
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.contractId, contractId), eq(rentStatements.status, "issued")))
    .orderBy(asc(rentStatements.period));
  return rows.map((r) => r.period);
}


import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { loadContracts } from "@/db/queries/contracts";
import * as q from "@/db/queries/statements";
import { cabinets, organizations, tenants } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import type { StatementDocument } from "@/lib/exports/document";
import { toStatementDto, type StatementDto } from "./dto";

/** What a statement counted per register, restored from the inputs stored with it (amounts are strings in JSONB). */
export function storedTurnoverByKkt(inputs: unknown): { kktId: string | null; rnm: string; turnover: bigint; days: number; income: bigint; refunds: bigint }[] {
  const list = (inputs as { turnoverByKkt?: { kktId?: string; rnm: string; counted: string; days: number; income: string; refunds: string }[] } | null)?.turnoverByKkt ?? [];
  return list.map((k) => ({ kktId: k.kktId ?? null, rnm: k.rnm, turnover: BigInt(k.counted), days: k.days, income: BigInt(k.income), refunds: BigInt(k.refunds) }));
}

/**
 * Everything a printed statement shows: the statement with its landlord (the organisation and, where a
 * provider cabinet names the legal entity, its INN/KPP), tenant, contract and premises. Reads in a fixed
 * number of queries whatever the number of statements.
 */
export async function buildDocuments(db: Db, actor: Actor, rows: q.StatementRow[]): Promise<StatementDocument[]> {
  authorize(actor, "statements.export");
  if (rows.length === 0) return [];
  const contractIds = [...new Set(rows.map((r) => r.contractId))];
  const contracts = new Map((await loadContracts(db, actor.orgId, { ids: contractIds })).map((c) => [c.id, c]));
  const tenantIds = [...new Set([...contracts.values()].map((c) => c.tenantId))];
  const [tenantRows, [org], cabs] = await Promise.all([
    db.select({ id: tenants.id, name: tenants.name, inn: tenants.inn, kpp: tenants.kpp, cabinetId: tenants.cabinetId }).from(tenants).where(and(eq(tenants.orgId, actor.orgId), inArray(tenants.id, tenantIds))),
    db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.orgId)),
    db.select({ id: cabinets.id, name: cabinets.name, inn: cabinets.inn, kpp: cabinets.kpp }).from(cabinets).where(eq(cabinets.orgId, actor.orgId)).orderBy(asc(cabinets.name)),
  ]);
  const tenantById = new Map(tenantRows.map((t) => [t.id, t]));
  const now = new Date();
  return rows.map((r) => {
    const c = contracts.get(r.contractId)!;
    const t = tenantById.get(c.tenantId);
    const cab = cabs.find((x) => x.id === t?.cabinetId) ?? (cabs.length === 1 ? cabs[0] : undefined);
    return {
      statement: toStatementDto(r),
      landlord: { name: cab?.name ?? org?.name ?? "", inn: cab?.inn ?? "", kpp: cab?.kpp ?? null },
      tenant: { name: t?.name ?? "", inn: t?.inn ?? "", kpp: t?.kpp || null },
      contract: { number: c.number, start: c.start, end: c.end },
      premises: c.premises.map((p) => ({ code: p.code, areaM2: p.areaM2 })),
      turnoverByKkt: storedTurnoverByKkt(r.inputs).map(({ rnm, turnover, days }) => ({ rnm, turnover, days })),
      generatedAt: now,
    };
  });
}

export async function statementDocument(db: Db, actor: Actor, id: string): Promise<StatementDocument> {
  authorize(actor, "statements.export");
  const r = await q.getStatement(db, actor.orgId, id);
  if (!r) throw new AppError("not_found", "Statement not found");
  return (await buildDocuments(db, actor, [r]))[0];
}

export async function monthDocuments(db: Db, actor: Actor, period: string): Promise<StatementDocument[]> {
  authorize(actor, "statements.export");
  const rows = [...(await q.latestStatements(db, actor.orgId, period)).values()];
  const docs = await buildDocuments(db, actor, rows);
  return docs.sort((a, b) => a.contract.number.localeCompare(b.contract.number, "ru"));
}

export type { StatementDto };

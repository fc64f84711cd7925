import "server-only";
import type { Db, Tx } from "@/db/engine";
import { loadContracts, type LoadedContract } from "@/db/queries/contracts";
import * as q from "@/db/queries/statements";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { toEngineContract } from "@/lib/contracts/mapping";
import { AppError } from "@/lib/errors";
import { computeMonth, termsFor, type DayTurnover, type Statement } from "@/lib/rent";
import { fromDay, periodBounds } from "@/lib/rent/calendar";
import { jsonSafe, statementColumns, toStatementDto } from "./dto";

/** When a day has figures from several sources, a person's entry wins over the provider, the provider over the tenant's report. */
const SOURCE_RANK = (s: string) => (s === "manual" ? 0 : s === "tenant-reported" ? 2 : 1);

function pickRows(rows: Awaited<ReturnType<typeof q.loadTurnover>>): Map<string, DayTurnover[]> {
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const k = `${r.kktId}|${r.day}`;
    const cur = best.get(k);
    if (!cur || SOURCE_RANK(r.source) < SOURCE_RANK(cur.source)) best.set(k, r);
  }
  const byKkt = new Map<string, DayTurnover[]>();
  for (const r of best.values()) {
    const n = (v: bigint | null) => v ?? undefined;
    const forms = (cash: bigint | null, cashless: bigint | null, prepaid: bigint | null, credit: bigint | null) =>
      cash === null && cashless === null && prepaid === null && credit === null ? undefined : { cash: cash ?? 0n, cashless: cashless ?? 0n, prepaid: prepaid ?? 0n, credit: credit ?? 0n };
    const d: DayTurnover = {
      kktId: r.kktId,
      day: r.day,
      income: r.income,
      refunds: r.refunds,
      incomeVat: n(r.incomeVat),
      refundsVat: n(r.refundsVat),
      incomeByForm: forms(r.incomeCash, r.incomeCashless, r.incomePrepaid, r.incomeCredit),
      refundsByForm: forms(r.refundsCash, r.refundsCashless, r.refundsPrepaid, r.refundsCredit),
    };
    (byKkt.get(r.kktId) ?? byKkt.set(r.kktId, []).get(r.kktId)!).push(d);
  }
  return byKkt;
}

interface Computed {
  contract: LoadedContract;
  statement: Statement;
}

/** Compute a month for the given contracts from stored data (one query per kind of input, not per contract). */
async function computeFor(db: Db | Tx, orgId: string, period: string, contracts: LoadedContract[]): Promise<Computed[]> {
  const { first, last } = periodBounds(period);
  const kktIds = [...new Set(contracts.flatMap((c) => c.kkts.map((k) => k.kktId)))];
  const [turnover, adjustments] = await Promise.all([
    q.loadTurnover(db, orgId, kktIds, fromDay(first), fromDay(last)),
    q.loadAdjustments(db, orgId, contracts.map((c) => c.id), period),
  ]);
  const byKkt = pickRows(turnover);
  return contracts.map((contract) => {
    const rows = contract.kkts.flatMap((k) => byKkt.get(k.kktId) ?? []);
    const adj = adjustments.filter((a) => a.contractId === contract.id).map((a) => ({ amount: a.amount, reason: a.reason, author: a.author }));
    return { contract, statement: computeMonth(toEngineContract(contract), period, rows, adj) };
  });
}

function newRow(c: Computed, revision: number, extra: { reason?: string; supersedesId?: string } = {}): q.NewStatement {
  const engine = toEngineContract(c.contract);
  return {
    contractId: c.contract.id,
    period: c.statement.period,
    revision,
    status: "draft",
    currency: c.contract.currency,
    termsSnapshot: jsonSafe(termsFor(engine, c.statement.period)),
    ...statementColumns(c.statement),
    reason: extra.reason ?? null,
    supersedesId: extra.supersedesId ?? null,
    computedAt: new Date(),
  };
}

/**
 * Draft statements for a month: new contracts get revision 1, drafts are recomputed in place, issued
 * ones are never touched — when their turnover changed since, they are flagged "needs revision".
 */
export async function computeStatements(db: Db, actor: Actor, input: { period: string; contractIds?: string[] }) {
  authorize(actor, "statements.compute");
  const { first, last } = periodBounds(input.period);
  const contracts = await loadContracts(db, actor.orgId, { ids: input.contractIds, activeFrom: fromDay(first), activeTo: fromDay(last) });
  if (input.contractIds) {
    const found = new Set(contracts.map((c) => c.id));
    const missing = input.contractIds.filter((id) => !found.has(id));
    if (missing.length) throw new AppError("not_found", "Some contracts were not found or are not active in this period", { contractIds: missing.map((m) => `Not found: ${m}`) });
  }
  const computed = await computeFor(db, actor.orgId, input.period, contracts);
  return db.transaction(async (tx) => {
    const latest = await q.latestStatements(tx, actor.orgId, input.period, contracts.map((c) => c.id));
    const fresh: q.NewStatement[] = [];
    const out: q.StatementRow[] = [];
    for (const c of computed) {
      const prev = latest.get(c.contract.id);
      if (!prev) fresh.push(newRow(c, 1));
      else if (prev.status === "draft") out.push((await q.updateDraft(tx, actor.orgId, prev.id, { ...statementColumns(c.statement), termsSnapshot: newRow(c, prev.revision).termsSnapshot, computedAt: new Date() }))!);
      else {
        if (!prev.needsRevision && (prev.turnover !== c.statement.turnover || prev.total !== c.statement.total)) {
          await q.markNeedsRevision(tx, actor.orgId, prev.id);
          prev.needsRevision = true;
        }
        out.push(prev);
      }
    }
    out.push(...(await q.insertStatements(tx, actor.orgId, fresh)));
    await recordAudit(tx, actor, { action: "statements.computed", entityType: "statement", entityId: input.period, after: { period: input.period, contracts: computed.length, created: fresh.length } });
    return out.sort((a, b) => a.contractId.localeCompare(b.contractId)).map(toStatementDto);
  });
}

export async function listStatements(db: Db, actor: Actor, period: string) {
  authorize(actor, "statements.read");
  return [...(await q.latestStatements(db, actor.orgId, period)).values()].map(toStatementDto);
}

export async function getStatementDto(db: Db, actor: Actor, id: string) {
  authorize(actor, "statements.read");
  const r = await q.getStatement(db, actor.orgId, id);
  if (!r) throw new AppError("not_found", "Statement not found");
  return toStatementDto(r);
}

export async function issueStatement(db: Db, actor: Actor, id: string) {
  authorize(actor, "statements.issue");
  return db.transaction(async (tx) => {
    const before = await q.getStatement(tx, actor.orgId, id);
    if (!before) throw new AppError("not_found", "Statement not found");
    if (before.status === "issued") throw new AppError("conflict", "This statement is already issued; make a revision to correct it");
    const r = await q.markIssued(tx, actor.orgId, id, actor.kind === "user" ? actor.userId : null);
    await recordAudit(tx, actor, { action: "statement.issued", entityType: "statement", entityId: id, after: { period: r!.period, revision: r!.revision, total: r!.total } });
    return toStatementDto(r!);
  });
}

/** A correction after issue: revision n+1 as a draft, with the reason and its difference to revision n. */
export async function reviseStatement(db: Db, actor: Actor, id: string, reason: string) {
  authorize(actor, "statements.issue");
  const prev = await q.getStatement(db, actor.orgId, id);
  if (!prev) throw new AppError("not_found", "Statement not found");
  if (prev.status !== "issued") throw new AppError("conflict", "Only an issued statement is revised; recompute the draft instead");
  const latest = (await q.latestStatements(db, actor.orgId, prev.period, [prev.contractId])).get(prev.contractId)!;
  if (latest.id !== prev.id) throw new AppError("conflict", `Revision ${latest.revision} already exists; revise the latest one`);
  const contracts = await loadContracts(db, actor.orgId, { ids: [prev.contractId] });
  const [c] = await computeFor(db, actor.orgId, prev.period, contracts);
  const row = newRow(c, prev.revision + 1, { reason, supersedesId: prev.id });
  const diff = c.statement.total - prev.total;
  (row.lines as { key: string; label: string; labelRu: string; amount?: string; formula: string }[]).push({
    key: "revision.difference",
    label: `Difference to revision ${prev.revision}`,
    labelRu: `Разница с редакцией ${prev.revision}`,
    amount: diff.toString(),
    formula: `${c.statement.total} − ${prev.total} (minor units); reason: ${reason}`,
  });
  return db.transaction(async (tx) => {
    const [r] = await q.insertStatements(tx, actor.orgId, [row]);
    await recordAudit(tx, actor, { action: "statement.revised", entityType: "statement", entityId: r.id, before: { id: prev.id, revision: prev.revision, total: prev.total }, after: { revision: r.revision, total: r.total, reason } });
    return toStatementDto(r);
  });
}

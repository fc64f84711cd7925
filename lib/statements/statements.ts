import "server-only";
import type { Db, Tx } from "@/db/engine";
import { loadContracts, type LoadedContract } from "@/db/queries/contracts";
import * as q from "@/db/queries/statements";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { toEngineContract } from "@/lib/contracts/mapping";
import { AppError } from "@/lib/errors";
import { computeMonth, termsFor, type Adjustment, type ContractInput, type DayTurnover, type Statement } from "@/lib/rent";
import { fromDay, periodBounds } from "@/lib/rent/calendar";
import { jsonSafe, statementColumns, toStatementDto } from "./dto";

/** When a day has figures from several sources, a person's entry wins over the provider, the provider over the tenant's report. */
const SOURCE_RANK = (s: string) => (s === "manual" ? 0 : s === "tenant-reported" ? 2 : 1);

/** A register's days, each from the best-ranked source (on a tie, the first one met). */
function pickDays(groups: q.TurnoverGroup[]): DayTurnover[] {
  // One source (a day appears once in it): its days as they are.
  if (groups.length === 1) return groups[0].days();
  const best = new Map<string, { rank: number; d: DayTurnover }>();
  for (const g of groups) {
    const rank = SOURCE_RANK(g.source);
    for (const d of g.days()) {
      const cur = best.get(d.day);
      if (!cur || rank < cur.rank) best.set(d.day, { rank, d });
    }
  }
  return [...best.values()].map((x) => x.d);
}

interface Computed {
  contract: LoadedContract;
  statement: Statement;
  /** The statement's stored columns (JSON-safe), made as soon as it is computed. */
  stored: ReturnType<typeof storedColumns>;
}

const storedColumns = (engine: ContractInput, s: Statement) => ({ termsSnapshot: jsonSafe(termsFor(engine, s.period)), ...statementColumns(s) });

/**
 * Contracts per turnover query: a large month is read in a few parts, computed as they arrive; the first
 * part is small, so that computing starts early.
 */
const CONTRACTS_PER_LOAD = 900;
const FIRST_PART_SHARE = 8;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Compute a month for the given contracts from stored data (one query per kind of input and part, not per
 * contract). The contracts' turnover is read in parts, all requested at once: a part is computed while
 * the database still produces the next ones. Each register's days are decoded right before its contract
 * is computed and dropped after (a register on several contracts of a part is decoded once).
 */
async function computeFor(db: Db | Tx, orgId: string, period: string, contracts: LoadedContract[]): Promise<Computed[]> {
  const { first, last } = periodBounds(period);
  const parts: LoadedContract[][] = [];
  const firstPart = contracts.length <= CONTRACTS_PER_LOAD / 2 ? contracts.length : Math.ceil(contracts.length / FIRST_PART_SHARE);
  if (firstPart) parts.push(contracts.slice(0, firstPart));
  for (let i = firstPart; i < contracts.length; i += CONTRACTS_PER_LOAD) parts.push(contracts.slice(i, i + CONTRACTS_PER_LOAD));
  const loads = parts.map((part) => {
    const uses = new Map<string, number>();
    for (const c of part) for (const k of c.kkts) uses.set(k.kktId, (uses.get(k.kktId) ?? 0) + 1);
    return { uses, turnover: q.loadTurnoverGroups(db, orgId, [...uses.keys()], fromDay(first), fromDay(last)) };
  });
  // Awaited in order below; a part failing while an earlier one is awaited must not be an unhandled rejection.
  for (const l of loads) l.turnover.catch(() => {});
  const adjustments = await q.loadAdjustments(db, orgId, contracts.map((c) => c.id), period);
  const adjByContract = new Map<string, Adjustment[]>();
  for (const a of adjustments) (adjByContract.get(a.contractId) ?? adjByContract.set(a.contractId, []).get(a.contractId)!).push({ amount: a.amount, reason: a.reason, author: a.author });
  const out: Computed[] = [];
  for (const [i, part] of parts.entries()) {
    const { uses } = loads[i];
    const turnover = await loads[i].turnover;
    const shared = new Map<string, DayTurnover[]>();
    const daysOf = (kktId: string): DayTurnover[] => {
      const left = uses.get(kktId)! - 1;
      uses.set(kktId, left);
      let days = shared.get(kktId);
      if (!days) {
        const groups = turnover.get(kktId);
        days = groups ? pickDays(groups) : [];
        if (left > 0) shared.set(kktId, days);
      } else if (left === 0) shared.delete(kktId);
      return days;
    };
    for (const [j, contract] of part.entries()) {
      // Let the replies of the other parts be read meanwhile.
      if (j % 50 === 49) await yieldToIo();
      const rows = contract.kkts.flatMap((k) => daysOf(k.kktId));
      const engine = toEngineContract(contract);
      const statement = computeMonth(engine, period, rows, adjByContract.get(contract.id) ?? []);
      out.push({ contract, statement, stored: storedColumns(engine, statement) });
    }
  }
  return out;
}

function newRow(c: Computed, revision: number, extra: { reason?: string; supersedesId?: string } = {}): q.NewStatement {
  return {
    contractId: c.contract.id,
    period: c.statement.period,
    revision,
    status: "draft",
    currency: c.contract.currency,
    ...c.stored,
    reason: extra.reason ?? null,
    supersedesId: extra.supersedesId ?? null,
    computedAt: new Date(),
  };
}

/** Object keys in jsonb's order: shorter first, then by their UTF-8 bytes (PostgreSQL's jsonb_util.c). */
function jsonbKeyOrder(a: string, b: string): number {
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  if (la !== lb) return la - lb;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
/** Objects of one shape (the lines of a statement) share their key order: sorted once. */
const keyOrders = new Map<string, string[]>();
function jsonbKeys(o: object): string[] {
  const keys = Object.keys(o);
  const shape = keys.join("\u0000");
  let sorted = keyOrders.get(shape);
  if (!sorted) {
    sorted = [...keys].sort(jsonbKeyOrder);
    if (keyOrders.size < 1000) keyOrders.set(shape, sorted);
  }
  return sorted;
}

/** A JSON-safe value as a jsonb column gives it back: undefined members dropped, object keys in jsonb's order. */
function asJsonb(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : asJsonb(x)));
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  const src = v as Record<string, unknown>;
  for (const k of jsonbKeys(src)) if (src[k] !== undefined) out[k] = asJsonb(src[k]);
  return out;
}

/**
 * A written row, whole again, without reading its megabytes of JSON back: the columns as returned, the
 * lines and flags as sent in the form a read returns them (what toStatementDto shows), the inputs and
 * terms (not shown) as sent.
 */
function withJson(r: q.StatementHeadRow, sent: Pick<q.NewStatement, "lines" | "flags" | "inputs" | "termsSnapshot">): q.StatementRow {
  return { ...r, lines: asJsonb(sent.lines), flags: asJsonb(sent.flags), inputs: sent.inputs, termsSnapshot: sent.termsSnapshot };
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
    const latest = await q.latestStatementHeads(tx, actor.orgId, input.period, contracts.map((c) => c.id));
    const fresh: q.NewStatement[] = [];
    const drafts: Parameters<typeof q.updateDrafts>[2] = [];
    const issued: q.StatementHead[] = [];
    for (const c of computed) {
      const prev = latest.get(c.contract.id);
      if (!prev) fresh.push(newRow(c, 1));
      else if (prev.status === "draft") drafts.push({ id: prev.id, ...c.stored, computedAt: new Date() });
      else {
        if (!prev.needsRevision && (prev.turnover !== c.statement.turnover || prev.total !== c.statement.total)) {
          await q.markNeedsRevision(tx, actor.orgId, prev.id);
          prev.needsRevision = true;
        }
        issued.push(prev);
      }
    }
    const updated = await q.updateDrafts(tx, actor.orgId, drafts);
    // A draft issued meanwhile is no longer a draft: nothing is changed, the caller retries.
    if (updated.length !== drafts.length) throw new AppError("conflict", "A statement of this month was issued while computing; compute again");
    const inserted = await q.insertStatementHeads(tx, actor.orgId, fresh);
    const sentDrafts = new Map(drafts.map((d) => [d.id, d]));
    const sentFresh = new Map(fresh.map((f) => [f.contractId, f]));
    const out: q.StatementRow[] = [
      ...updated.map((r) => withJson(r, sentDrafts.get(r.id)!)),
      ...(await q.getStatements(tx, actor.orgId, issued.map((p) => p.id))),
      ...inserted.map((r) => withJson(r, sentFresh.get(r.contractId)!)),
    ];
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

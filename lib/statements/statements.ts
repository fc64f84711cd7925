import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/engine";
import { loadContracts, type LoadedContract } from "@/db/queries/contracts";
import * as q from "@/db/queries/statements";
import { loadBilledMonths, type BilledMonthRow } from "@/db/queries/lease-years";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { toEngineContract } from "@/lib/contracts/mapping";
import { AppError } from "@/lib/errors";
import { computeMonthFromAggregates, countedDays, dayMask, termsFor, type Adjustment, type ContractInput, type Statement } from "@/lib/rent";
import { settlesLeaseYear, withLeaseYearTrueUp, type LeaseYear } from "@/lib/rent/lease-year";
import { fromDay, periodBounds } from "@/lib/rent/calendar";
import { fmt } from "@/lib/rent/exact";
import { jsonSafe, statementColumns, toStatementDto, type StatementDto, type StoredLine } from "./dto";

interface Computed {
  contract: LoadedContract;
  statement: Statement;
  /** The statement's stored columns (JSON-safe), made as soon as it is computed. */
  stored: ReturnType<typeof storedColumns>;
}

type StoredContent = ReturnType<typeof statementColumns> & { termsSnapshot: unknown };
type Stored = StoredContent & { contentHash: string };

function storedColumns(engine: ContractInput, s: Statement): Stored {
  const columns: StoredContent = { termsSnapshot: jsonSafe(termsFor(engine, s.period)), ...statementColumns(s) };
  return { ...columns, contentHash: contentHash(columns) };
}

/** Everything a draft update writes but computed_at: equal hashes, equal rows (see q.prepareTouchDrafts). */
function contentHash(c: StoredContent): string {
  const h = createHash("sha256").update(`${c.turnover} ${c.baseRent} ${c.percentageRent} ${c.rent} ${c.vat} ${c.total}`);
  for (const v of [c.termsSnapshot, c.inputs, c.lines, c.flags]) h.update("\u001e").update(JSON.stringify(v));
  return h.digest("base64url");
}

/**
 * A revision's content: the computed one and, last, its difference to the revision it supersedes (with the
 * reason). Made when the revision is created and again whenever its draft is recomputed.
 */
function withRevisionDifference(stored: Stored, superseded: { revision: number; total: bigint }, reason: string): Stored {
  const line: StoredLine = {
    key: "revision.difference",
    label: `Difference to revision ${superseded.revision}`,
    labelRu: `Разница с редакцией ${superseded.revision}`,
    amount: (stored.total - superseded.total).toString(),
    formula: `${fmt(stored.total)} − ${fmt(superseded.total)}; reason: ${reason}`,
  };
  const columns: StoredContent = { ...stored, lines: [...stored.lines, line] };
  return { ...columns, contentHash: contentHash(columns) };
}

/** Many contracts: their turnover is read in this many slices side by side (PostgreSQL: a connection and a core each). */
const TURNOVER_SLICES = 2;

/**
 * What computing a month reads, all at once (separate pool connections with PostgreSQL): the contracts,
 * each contract's registers' turnover aggregated in SQL over their counted days (q.loadTurnoverMonths: a
 * few thousand rows, not the month's every day; in slices side by side for many contracts) and the
 * adjustments. `activeOnly`: only contracts active in the period (computeStatements); otherwise the given
 * ones, whatever their dates (a revision: computeMonth then says when one is not active).
 */
async function loadMonth(db: Db, orgId: string, period: string, contractIds: string[] | undefined, activeOnly: boolean) {
  const { first, last } = periodBounds(period);
  const slices = !contractIds || contractIds.length > 200 ? TURNOVER_SLICES : 1;
  const turnover = Promise.all(Array.from({ length: slices }, (_, index) => q.loadTurnoverMonths(db, orgId, period, contractIds, { index, of: slices }))).then((parts) =>
    parts.length === 1 ? parts[0] : new Map(parts.flatMap((m) => [...m])),
  );
  const adjustments = q.loadAdjustments(db, orgId, contractIds, period);
  // Awaited below; one failing while another is awaited must not be an unhandled rejection.
  turnover.catch(() => {});
  adjustments.catch(() => {});
  const contracts = await loadContracts(db, orgId, { ids: contractIds, ...(activeOnly ? { activeFrom: fromDay(first), activeTo: fromDay(last) } : {}) });
  const adjByContract = new Map<string, Adjustment[]>();
  for (const a of await adjustments) (adjByContract.get(a.contractId) ?? adjByContract.set(a.contractId, []).get(a.contractId)!).push({ amount: a.amount, reason: a.reason, author: a.author });
  const leaseYears = await loadLeaseYears(db, orgId, period, contracts);
  return { contracts, turnover: await turnover, adjustments: adjByContract, leaseYears };
}

/**
 * The contracts whose lease year ends in this month and asks for reconciliation: the year, and what its
 * earlier months billed (the latest revision of each). Usually none: then no query is made.
 */
async function loadLeaseYears(db: Db, orgId: string, period: string, contracts: LoadedContract[]) {
  const years = new Map<string, LeaseYear>();
  for (const c of contracts) {
    const y = settlesLeaseYear({ start: c.start, end: c.end, leaseYearReconciliation: c.leaseYearReconciliation }, period);
    if (y) years.set(c.id, y);
  }
  const billed = new Map<string, BilledMonthRow[]>();
  if (years.size === 0) return { years, billed };
  const from = [...years.values()].reduce((m, y) => (y.periods[0] < m ? y.periods[0] : m), period);
  const before = periodBounds(period).first - 1;
  const rows = await loadBilledMonths(db, orgId, [...years.keys()], from, fromDay(before).slice(0, 7));
  for (const [id, y] of years) billed.set(id, (rows.get(id) ?? []).filter((r) => y.periods.includes(r.period)));
  return { years, billed };
}
type Month = Awaited<ReturnType<typeof loadMonth>>;

/**
 * Compute contracts from their registers' aggregated turnover. The aggregates were read in another query
 * than the contracts: if a contract's registers or dates changed in between, the days the query counted
 * differ from the contract's (checked per register) and nothing is computed.
 */
function computeFor(period: string, { turnover, adjustments, leaseYears }: Month, contracts: LoadedContract[]): Computed[] {
  const out: Computed[] = [];
  for (const contract of contracts) {
    const engine = toEngineContract(contract);
    const t = turnover.get(contract.id);
    let counted = 0;
    for (const [kktId, w] of countedDays(engine, period)) {
      if (w.days.size === 0) continue;
      counted++;
      if (t?.windows.get(kktId) !== dayMask(w.days, period)) throw new AppError("conflict", "A contract's registers or dates changed while computing; compute again");
    }
    if ((t?.windows.size ?? 0) !== counted) throw new AppError("conflict", "A contract's registers or dates changed while computing; compute again");
    let statement = computeMonthFromAggregates(engine, period, t?.months ?? [], adjustments.get(contract.id) ?? []);
    const year = leaseYears.years.get(contract.id);
    if (year) statement = withLeaseYearTrueUp(statement, termsFor(engine, period), year, leaseYears.billed.get(contract.id) ?? []).statement;
    out.push({ contract, statement, stored: storedColumns(engine, statement) });
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

/** Statements per part: the next part is computed and its JSON made, and the last one's result read, while the database writes one. */
const PART = 250;

/**
 * Draft statements for a month: new contracts get revision 1, drafts are recomputed in place, issued
 * ones are never touched — when their turnover changed since, they are flagged "needs revision".
 *
 * The inputs are read first (loadMonth); then, in one transaction, the contracts are computed in parts,
 * each part computed and its JSON made while the previous part is written: this process's work and the
 * database's overlap, with one query in flight on the transaction's connection at a time.
 */
export async function computeStatements(db: Db, actor: Actor, input: { period: string; contractIds?: string[] }, trace: (step: string) => void = () => {}) {
  authorize(actor, "statements.compute");
  const month = await loadMonth(db, actor.orgId, input.period, input.contractIds, true);
  trace("loaded");
  const { contracts } = month;
  if (input.contractIds) {
    const found = new Set(contracts.map((c) => c.id));
    const missing = input.contractIds.filter((id) => !found.has(id));
    if (missing.length) throw new AppError("not_found", "Some contracts were not found or are not active in this period", { contractIds: missing.map((m) => `Not found: ${m}`) });
  }
  const result = await db.transaction(async (tx) => {
    const latest = await q.latestStatementHeads(tx, actor.orgId, input.period, contracts.map((c) => c.id));
    // Drafts of a revision keep their difference to the revision they supersede (usually none: no query).
    const superseded = await q.supersededHeads(tx, actor.orgId, [...latest.values()].flatMap((h) => (h.status === "draft" && h.supersedesId ? [h.supersedesId] : [])));
    trace("heads");
    const out: q.StatementRow[] = [];
    const issued: q.StatementHead[] = [];
    let created = 0;
    /** One part's writes, prepared (its JSON made) before the previous part's are done. */
    const prepare = (part: Computed[]) => {
      const fresh: q.NewStatement[] = [];
      const drafts: q.DraftUpdate[] = [];
      /** Drafts that come out the same as stored: their JSON is not sent again. */
      const same = new Map<string, Stored>();
      const revise: q.StatementHead[] = [];
      const now = new Date();
      for (const c of part) {
        const prev = latest.get(c.contract.id);
        if (!prev) fresh.push(newRow(c, 1));
        else if (prev.status === "draft") {
          const before = prev.supersedesId ? superseded.get(prev.supersedesId) : undefined;
          const stored = before ? withRevisionDifference(c.stored, before, prev.reason ?? "") : c.stored;
          if (prev.contentHash === stored.contentHash) same.set(prev.id, stored);
          else drafts.push({ id: prev.id, ...stored, computedAt: now });
        } else {
          if (!prev.needsRevision && (prev.turnover !== c.statement.turnover || prev.total !== c.statement.total)) {
            revise.push(prev);
            prev.needsRevision = true;
          }
          issued.push(prev);
        }
      }
      const touch = q.prepareTouchDrafts(actor.orgId, [...same.keys()], now);
      const update = q.prepareDraftUpdates(actor.orgId, drafts);
      const insert = q.prepareInsertHeads(actor.orgId, fresh);
      return {
        run: async () => {
          for (const prev of revise) await q.markNeedsRevision(tx, actor.orgId, prev.id);
          const updated = [...(await touch(tx)), ...(await update(tx))];
          // A draft issued meanwhile is no longer a draft: nothing is changed, the caller retries.
          if (updated.length !== drafts.length + same.size) throw new AppError("conflict", "A statement of this month was issued while computing; compute again");
          return { updated, inserted: await insert(tx) };
        },
        /** The written rows, whole again (see withJson). */
        collect: ({ updated, inserted }: { updated: q.StatementHeadRow[]; inserted: q.StatementHeadRow[] }) => {
          const sentDrafts = new Map<string, Pick<q.NewStatement, "lines" | "flags" | "inputs" | "termsSnapshot">>(drafts.map((d) => [d.id, d]));
          for (const [id, stored] of same) sentDrafts.set(id, stored);
          const sentFresh = new Map(fresh.map((f) => [f.contractId, f]));
          for (const r of updated) out.push(withJson(r, sentDrafts.get(r.id)!));
          for (const r of inserted) out.push(withJson(r, sentFresh.get(r.contractId)!));
          created += inserted.length;
        },
      };
    };
    let running: { done: ReturnType<ReturnType<typeof prepare>["run"]>; collect: ReturnType<typeof prepare>["collect"] } | undefined;
    try {
      for (let i = 0; i < contracts.length; i += PART) {
        const next = prepare(computeFor(input.period, month, contracts.slice(i, i + PART)));
        const previous = running;
        running = undefined;
        const wrote = previous && (await previous.done);
        running = { done: next.run(), collect: next.collect };
        if (previous && wrote) previous.collect(wrote);
      }
      if (running) {
        const last = running;
        running = undefined;
        last.collect(await last.done);
      }
    } finally {
      // Never leave a query in flight on the transaction's connection (a failure here rolls back after it).
      if (running) await running.done.catch(() => {});
    }
    trace("written");
    out.push(...(await q.getStatements(tx, actor.orgId, issued.map((p) => p.id))));
    await recordAudit(tx, actor, { action: "statements.computed", entityType: "statement", entityId: input.period, after: { period: input.period, contracts: contracts.length, created } });
    const dtos = out.sort((a, b) => a.contractId.localeCompare(b.contractId)).map(toStatementDto);
    trace("result");
    return dtos;
  });
  trace("committed");
  return result;
}

export async function listStatements(db: Db, actor: Actor, period: string) {
  authorize(actor, "statements.read");
  return [...(await q.latestStatements(db, actor.orgId, period)).values()].map(toStatementDto);
}

/** Issued statements flagged "needs revision" (late receipts, adjustments), counted per month, newest first. */
export async function listNeedingRevision(db: Db, actor: Actor) {
  authorize(actor, "statements.read");
  return q.needsRevisionByPeriod(db, actor.orgId);
}

/** A contract's months: the latest revision of each, newest month first, with how many revisions it has. */
export async function listContractStatements(db: Db, actor: Actor, contractId: string) {
  authorize(actor, "statements.read");
  const out: (Awaited<ReturnType<typeof q.contractStatementHeads>>[number] & { revisions: number })[] = [];
  for (const r of await q.contractStatementHeads(db, actor.orgId, contractId)) {
    const last = out[out.length - 1];
    if (last?.period === r.period) last.revisions++;
    else out.push({ ...r, revisions: 1 });
  }
  return out;
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

/**
 * Several drafts issued at once (the accountant's checked month), all or none: one that is not a draft of
 * this organisation any more (issued meanwhile, or not found) refuses the whole call and names it.
 */
export async function issueStatements(db: Db, actor: Actor, ids: string[]) {
  authorize(actor, "statements.issue");
  const unique = [...new Set(ids)];
  return db.transaction(async (tx) => {
    const out: StatementDto[] = [];
    for (const id of unique) {
      const r = await q.markIssued(tx, actor.orgId, id, actor.kind === "user" ? actor.userId : null);
      if (!r) {
        const found = await q.getStatement(tx, actor.orgId, id);
        if (!found) throw new AppError("not_found", "Statement not found", { ids: [`Not found: ${id}`] });
        throw new AppError("conflict", "A statement is already issued; nothing was issued", { ids: [`Already issued: ${id}`] });
      }
      await recordAudit(tx, actor, { action: "statement.issued", entityType: "statement", entityId: id, after: { period: r.period, revision: r.revision, total: r.total } });
      out.push(toStatementDto(r));
    }
    return out;
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
  const month = await loadMonth(db, actor.orgId, prev.period, [prev.contractId], false);
  const [c] = computeFor(prev.period, month, month.contracts);
  const row = newRow({ ...c, stored: withRevisionDifference(c.stored, prev, reason) }, prev.revision + 1, { reason, supersedesId: prev.id });
  return db.transaction(async (tx) => {
    const [r] = await q.insertStatements(tx, actor.orgId, [row]);
    await recordAudit(tx, actor, { action: "statement.revised", entityType: "statement", entityId: r.id, before: { id: prev.id, revision: prev.revision, total: prev.total }, after: { revision: r.revision, total: r.total, reason } });
    return toStatementDto(r);
  });
}

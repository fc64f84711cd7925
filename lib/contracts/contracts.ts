import "server-only";
import type { Db, Tx } from "@/db/engine";
import * as q from "@/db/queries/contracts";
import { findKktsByRnm, findPremises, getTenant } from "@/db/queries/tenancy";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/tenancy/tenancy";
import type { ContractInputBody, TermsInputBody } from "@/lib/validations/contracts";
import { termsToRow, toContractDto } from "./mapping";

/** Registers by RNM in this organisation, each assigned for its own dates; refuses a register on two contracts on one day. */
async function resolveAssignments(tx: Tx, orgId: string, contractId: string | null, kkts: ContractInputBody["kkts"], start: string, end: string) {
  const found = new Map((await findKktsByRnm(tx, orgId, kkts.map((k) => k.rnm))).map((k) => [k.rnm, k.id]));
  const fields: Record<string, string[]> = {};
  const rows: { kktId: string; validFrom: string; validTo: string }[] = [];
  for (const [i, k] of kkts.entries()) {
    const kktId = found.get(k.rnm);
    if (!kktId) {
      fields[`kkts.${i}.rnm`] = [`No register ${k.rnm} in this organisation`];
      continue;
    }
    const validFrom = k.from ?? start;
    const validTo = k.to ?? end;
    const clash = await q.findOverlappingAssignments(tx, orgId, contractId, kktId, validFrom, validTo);
    if (clash.length) fields[`kkts.${i}.rnm`] = [`Register ${k.rnm} already counts for contract ${clash[0].number} from ${clash[0].validFrom} to ${clash[0].validTo}`];
    rows.push({ kktId, validFrom, validTo });
  }
  if (Object.keys(fields).length) throw new AppError("conflict", "Some registers cannot be assigned", fields);
  return rows;
}

function termsRows(terms: TermsInputBody[]) {
  return [...terms].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map(termsToRow);
}

const lastDayOf = (period: string) => {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export async function getContractDto(db: Db | Tx, orgId: string, id: string) {
  const [c] = await q.loadContracts(db, orgId, { ids: [id] });
  if (!c) throw new AppError("not_found", "Contract not found");
  return toContractDto(c);
}

export async function createContract(db: Db, actor: Actor, input: ContractInputBody) {
  authorize(actor, "contracts.write");
  try {
    return await db.transaction(async (tx) => {
      if (!(await getTenant(tx, actor.orgId, input.tenantId))) throw new AppError("not_found", "Tenant not found", { tenantId: ["No such tenant"] });
      const prem = await findPremises(tx, actor.orgId, input.premisesIds);
      if (prem.length !== new Set(input.premisesIds).size) throw new AppError("not_found", "Premises not found", { premisesIds: ["Unknown premises"] });
      const usesArea = input.terms.some((t) => !("monthly" in t.baseRent));
      if (usesArea && prem.length === 0) throw new AppError("validation", "A per-m² base rent needs premises", { premisesIds: ["Add the premises whose area is billed"] });
      const { id } = await q.insertContract(tx, actor.orgId, {
        number: input.number,
        tenantId: input.tenantId,
        storeId: input.storeId,
        startDate: input.start,
        endDate: input.end,
        currency: input.currency,
        leaseYearReconciliation: input.leaseYearReconciliation,
      });
      await q.replaceContractPremises(tx, actor.orgId, id, input.premisesIds);
      await q.replaceContractKkts(tx, actor.orgId, id, await resolveAssignments(tx, actor.orgId, id, input.kkts, input.start, input.end));
      await q.replaceContractTerms(tx, actor.orgId, id, termsRows(input.terms));
      const dto = await getContractDto(tx, actor.orgId, id);
      await recordAudit(tx, actor, { action: "contract.created", entityType: "contract", entityId: id, after: dto });
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A contract with this number exists", { number: ["Already used"] });
    throw e;
  }
}

export async function updateContract(db: Db, actor: Actor, id: string, patch: { number?: string; end?: string; status?: "active" | "ended"; leaseYearReconciliation?: boolean; kkts?: ContractInputBody["kkts"]; terms?: TermsInputBody[] }) {
  authorize(actor, "contracts.write");
  try {
    return await db.transaction(async (tx) => {
      const before = await getContractDto(tx, actor.orgId, id);
      const end = patch.end ?? before.end;
      if (end < before.start) throw new AppError("validation", "The end date is before the start date", { end: ["Before the start"] });
      if (end < before.end) await shortenTo(tx, actor.orgId, before, end, patch.kkts !== undefined);
      await q.updateContractRow(tx, actor.orgId, id, { number: patch.number, endDate: patch.end, status: patch.status, leaseYearReconciliation: patch.leaseYearReconciliation });
      if (patch.terms) {
        const first = [...patch.terms].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
        if (first.effectiveFrom !== before.start) throw new AppError("validation", "The first terms must take effect on the contract start", { "terms.0.effectiveFrom": ["Must equal the start date"] });
        await q.replaceContractTerms(tx, actor.orgId, id, termsRows(patch.terms));
      }
      if (patch.kkts) await q.replaceContractKkts(tx, actor.orgId, id, await resolveAssignments(tx, actor.orgId, id, patch.kkts, before.start, end));
      const after = await getContractDto(tx, actor.orgId, id);
      await recordAudit(tx, actor, { action: "contract.updated", entityType: "contract", entityId: id, before, after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A contract with this number exists", { number: ["Already used"] });
    throw e;
  }
}

/** An earlier end: refused over an issued month; register assignments cut at the new end. */
async function shortenTo(tx: Tx, orgId: string, before: Awaited<ReturnType<typeof getContractDto>>, end: string, keepKkts = false) {
  const blocking = (await q.issuedPeriods(tx, orgId, before.id)).filter((p) => lastDayOf(p) > end);
  if (blocking.length) {
    const last = blocking[blocking.length - 1];
    throw new AppError("conflict", `Rent for ${blocking.join(", ")} is already issued`, { end: [`Rent for ${last} is issued: end on or after ${lastDayOf(last)}, or revise that statement first`] });
  }
  if (keepKkts) return;
  const kept = before.kkts.filter((k) => k.from <= end).map((k) => ({ kktId: k.kktId, validFrom: k.from, validTo: k.to > end ? end : k.to }));
  await q.replaceContractKkts(tx, orgId, before.id, kept);
}

/**
 * End a contract early: it runs up to and including `end`. Register assignments are cut at that day
 * (and those starting after it dropped), so the registers are free for the next tenant. A month whose
 * rent is already issued stays whole: ending inside or before it is refused until that statement is
 * revised, since an issued statement is never changed behind the accountant's back.
 */
export async function endContract(db: Db, actor: Actor, id: string, input: { end: string; reason: string }) {
  authorize(actor, "contracts.write");
  return db.transaction(async (tx) => {
    const before = await getContractDto(tx, actor.orgId, id);
    if (input.end < before.start) throw new AppError("validation", "The end date is before the contract start", { end: [`On or after the start, ${before.start}`] });
    if (input.end > before.end) throw new AppError("validation", "Ending moves the end earlier; to extend the contract, edit its end date", { end: [`On or before the current end, ${before.end}`] });
    await shortenTo(tx, actor.orgId, before, input.end);
    await q.updateContractRow(tx, actor.orgId, id, { endDate: input.end, status: "ended" });
    const after = await getContractDto(tx, actor.orgId, id);
    await recordAudit(tx, actor, { action: "contract.ended", entityType: "contract", entityId: id, before, after: { ...after, reason: input.reason } });
    return after;
  });
}

export async function listContractDtos(db: Db, actor: Actor) {
  authorize(actor, "contracts.read");
  return (await q.loadContracts(db, actor.orgId)).map(toContractDto);
}

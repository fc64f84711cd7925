import "server-only";
import type { Db } from "@/db/engine";
import * as q from "@/db/queries/adjustments";
import { loadContracts } from "@/db/queries/contracts";
import { recordAudit } from "@/lib/audit";
import { actorLabel, actorUserId, authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import type { AdjustmentInput } from "@/lib/validations/adjustments";

/**
 * Manual turnover adjustments: an amount added to (or, negative, taken from) a contract's counted turnover
 * for one month, with its reason and author. They count from the next compute or revision of that month and
 * appear on the statement as lines. One that an issued statement counted is kept: a reversing adjustment
 * corrects it, so every issued figure stays explainable.
 */
export type AdjustmentDto = Awaited<ReturnType<typeof q.listAdjustments>>[number];

export function toAdjustmentJson(a: AdjustmentDto) {
  return { id: a.id, contractId: a.contractId, contractNumber: a.contractNumber, period: a.period, amount: a.amount, reason: a.reason, author: a.author, createdAt: a.createdAt.toISOString() };
}

export async function addAdjustment(db: Db, actor: Actor, input: AdjustmentInput) {
  authorize(actor, "adjustments.write");
  return db.transaction(async (tx) => {
    const [contract] = await loadContracts(tx, actor.orgId, { ids: [input.contractId] });
    if (!contract) throw new AppError("not_found", "Contract not found");
    if (input.period < contract.start.slice(0, 7) || input.period > contract.end.slice(0, 7)) {
      throw new AppError("validation", "The month lies outside the contract", { period: [`A month from ${contract.start.slice(0, 7)} to ${contract.end.slice(0, 7)}`] });
    }
    const id = await q.insertAdjustment(tx, actor.orgId, { ...input, authorUserId: actorUserId(actor), authorLabel: actorLabel(actor) });
    const made = (await q.findAdjustment(tx, actor.orgId, id))!;
    await recordAudit(tx, actor, { action: "adjustment.created", entityType: "turnover_adjustment", entityId: id, after: toAdjustmentJson(made) });
    return toAdjustmentJson(made);
  });
}

export async function listAdjustmentDtos(db: Db, actor: Actor, filter: { period?: string; contractId?: string }) {
  authorize(actor, "statements.read");
  return (await q.listAdjustments(db, actor.orgId, filter)).map(toAdjustmentJson);
}

/** Removes it and returns what it was. */
export async function removeAdjustment(db: Db, actor: Actor, id: string) {
  authorize(actor, "adjustments.write");
  return db.transaction(async (tx) => {
    const a = await q.findAdjustment(tx, actor.orgId, id);
    if (!a) throw new AppError("not_found", "Adjustment not found");
    const revision = await q.issuedSince(tx, actor.orgId, a.contractId, a.period, a.createdAt);
    if (revision !== null) {
      throw new AppError("conflict", `Revision ${revision} of ${a.period}, issued, counts this adjustment: add a reversing adjustment instead`);
    }
    await q.deleteAdjustmentRow(tx, actor.orgId, id);
    await recordAudit(tx, actor, { action: "adjustment.deleted", entityType: "turnover_adjustment", entityId: id, before: toAdjustmentJson(a) });
    return toAdjustmentJson(a);
  });
}

"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Db } from "@/db/engine";
import { addAdjustment, removeAdjustment } from "@/lib/adjustments/adjustments";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { computeStatements } from "@/lib/statements/statements";
import { adjustmentFormSchema } from "@/lib/validations/adjustments";
import { orgAction } from "./safe-action";

/**
 * The statement page's writes: the adjustment, then the contract's month computed again so the person sees
 * its effect at once (a draft is updated; an issued statement is flagged "needs revision", never changed).
 */
async function recompute(db: Db, actor: Actor, contractId: string, period: string) {
  revalidatePath("/rent", "layout");
  try {
    const [s] = await computeStatements(db, actor, { period, contractIds: [contractId] });
    return s ? { statementId: s.id, status: s.status, needsRevision: s.needsRevision } : null;
  } catch (e) {
    // The adjustment itself is saved; a month that cannot be computed now (the contract no longer runs in
    // it, or a statement was issued meanwhile) is left for the next compute.
    if (e instanceof AppError && (e.code === "not_found" || e.code === "conflict")) return null;
    throw e;
  }
}

export const addAdjustmentAction = orgAction(adjustmentFormSchema, "adjustments.write", async ({ input, actor, db }) => {
  const a = await addAdjustment(db, actor, input);
  return { id: a.id, statement: await recompute(db, actor, a.contractId, a.period) };
});

export const deleteAdjustmentAction = orgAction(z.object({ id: z.string().uuid() }), "adjustments.write", async ({ input, actor, db }) => {
  const a = await removeAdjustment(db, actor, input.id);
  return { id: a.id, statement: await recompute(db, actor, a.contractId, a.period) };
});

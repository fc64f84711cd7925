"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { computeStatements, issueStatement, issueStatements, reviseStatement } from "@/lib/statements/statements";
import { periodSchema } from "@/lib/validations/contracts";
import { orgAction } from "./safe-action";

export const computeStatementsAction = orgAction(z.object({ period: periodSchema, contractIds: z.array(z.string().uuid()).max(5000).optional() }), "statements.compute", async ({ input, actor, db }) => {
  const r = await computeStatements(db, actor, input);
  revalidatePath(`/rent/${input.period}`);
  return { count: r.length };
});

export const issueStatementAction = orgAction(z.object({ id: z.string().uuid() }), "statements.issue", async ({ input, actor, db }) => {
  const r = await issueStatement(db, actor, input.id);
  revalidatePath(`/rent/${r.period}`);
  revalidatePath(`/rent/statements/${r.id}`);
  return { id: r.id, status: r.status };
});

export const issueStatementsAction = orgAction(z.object({ ids: z.array(z.string().uuid()).min(1, "Choose at least one statement").max(5000) }), "statements.issue", async ({ input, actor, db }) => {
  const r = await issueStatements(db, actor, input.ids);
  revalidatePath("/rent", "layout");
  return { count: r.length };
});

export const reviseStatementAction = orgAction(
  z.object({ id: z.string().uuid(), reason: z.string().trim().min(3, "Give the reason for the correction").max(1000) }),
  "statements.issue",
  async ({ input, actor, db }) => {
    const r = await reviseStatement(db, actor, input.id, input.reason);
    revalidatePath(`/rent/${r.period}`);
    return { id: r.id };
  },
);

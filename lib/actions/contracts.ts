"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createContract, endContract, updateContract } from "@/lib/contracts/contracts";
import { contractEndSchema, contractInputSchema, contractPatchSchema } from "@/lib/validations/contracts";
import { orgAction } from "./safe-action";

/** The same schema as POST /api/v1/contracts: one set of rules and messages for the UI and the API. */
export const createContractAction = orgAction(contractInputSchema, "contracts.write", async ({ input, actor, db }) => {
  const r = await createContract(db, actor, input);
  revalidatePath("/contracts");
  return { id: r.id };
});

export const updateContractAction = orgAction(contractPatchSchema.extend({ id: z.string().uuid() }), "contracts.write", async ({ input: { id, ...patch }, actor, db }) => {
  const r = await updateContract(db, actor, id, patch);
  revalidatePath("/contracts");
  revalidatePath(`/contracts/${id}`);
  return { id: r.id };
});

export const endContractAction = orgAction(contractEndSchema.extend({ id: z.string().uuid() }), "contracts.write", async ({ input: { id, ...v }, actor, db }) => {
  const r = await endContract(db, actor, id, v);
  revalidatePath("/contracts");
  revalidatePath(`/contracts/${id}`);
  return { id: r.id, end: r.end, status: r.status };
});

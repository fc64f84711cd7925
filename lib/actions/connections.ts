"use server";
import { revalidatePath } from "next/cache";
import { createConnection, updateConnection } from "@/lib/connections/connections";
import { createConnectionSchema, updateConnectionSchema } from "@/lib/validations/connections";
import { orgAction } from "./safe-action";

export const createConnectionAction = orgAction(createConnectionSchema, "connections.write", async ({ input, actor, db }) => {
  const r = await createConnection(db, actor, input);
  revalidatePath("/connections");
  return r;
});

export const updateConnectionAction = orgAction(updateConnectionSchema, "connections.write", async ({ input, actor, db }) => {
  const r = await updateConnection(db, actor, input);
  revalidatePath("/connections");
  return r;
});

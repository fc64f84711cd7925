"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createConnection, deleteConnection, updateConnection } from "@/lib/connections/connections";
import { addConnectionRegister, removeConnectionRegister } from "@/lib/connections/registers";
import { anyRegisterSchema } from "@/lib/validations/connection-registers";
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

export const addConnectionRegisterAction = orgAction(anyRegisterSchema.extend({ connectionId: z.string().uuid() }), "connections.discover", async ({ input, actor, db }) => {
  const { connectionId, ...register } = input;
  const r = await addConnectionRegister(db, actor, connectionId, register);
  revalidatePath(`/connections/${connectionId}`);
  return r;
});

export const removeConnectionRegisterAction = orgAction(z.object({ connectionId: z.string().uuid(), kktId: z.string().uuid() }), "connections.discover", async ({ input, actor, db }) => {
  const r = await removeConnectionRegister(db, actor, input.connectionId, input.kktId);
  revalidatePath(`/connections/${input.connectionId}`);
  return r;
});

export const deleteConnectionAction = orgAction(z.object({ id: z.string().uuid() }), "connections.write", async ({ input, actor, db }) => {
  const r = await deleteConnection(db, actor, input.id);
  revalidatePath("/connections");
  return r;
});

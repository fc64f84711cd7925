"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { discoverConnection } from "@/lib/sync/discovery";
import { getSyncRun, startSyncRun } from "@/lib/sync/runs";
import { isoDate } from "@/lib/validations/contracts";
import { orgAction } from "./safe-action";

export const discoverConnectionAction = orgAction(z.object({ id: z.string().uuid() }), "connections.discover", async ({ input, actor, db }) => {
  const r = await discoverConnection(db, actor, input.id);
  revalidatePath(`/connections/${input.id}`);
  revalidatePath("/tenants");
  return r;
});

export const startSyncAction = orgAction(
  z.object({ connectionId: z.string().uuid(), from: isoDate, to: isoDate }).refine((v) => v.from <= v.to, { path: ["to"], message: "The period ends before it starts" }),
  "sync.run",
  async ({ input, actor, db }) => startSyncRun(db, actor, actor.orgId, input),
);

/** Polled by the progress bar. */
export const getSyncRunAction = orgAction(z.object({ id: z.string().uuid() }), "sync.read", async ({ input, actor, db }) => getSyncRun(db, actor, input.id));

"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { commitImport, previewImport } from "@/lib/imports/import";
import { orgAction } from "./safe-action";

const fileInput = z.object({
  kind: z.enum(["premises", "contracts"]),
  fileName: z.string().trim().min(1, "Choose a file").max(200),
  // The browser sends the file as base64; 5 MB of file is at most ~6.7 MB of base64.
  content: z.string().max(7_000_000, "The file is larger than 5 MB"),
});
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));

export const previewImportAction = orgAction(fileInput, "contracts.write", async ({ input, actor, db }) => previewImport(db, actor, input.kind, input.fileName, bytes(input.content)));

export const commitImportAction = orgAction(fileInput, "contracts.write", async ({ input, actor, db }) => {
  const r = await commitImport(db, actor, input.kind, input.fileName, bytes(input.content));
  revalidatePath("/contracts");
  revalidatePath("/tenants");
  return r;
});

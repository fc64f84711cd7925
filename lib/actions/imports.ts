"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { commitImport, previewImport } from "@/lib/imports/import";
import { orgAction } from "./safe-action";

const fileInput = z.object({
  kind: z.enum(["premises", "contracts", "turnover"]),
  fileName: z.string().trim().min(1, "Choose a file").max(200),
  // The browser sends the file as base64; 5 MB of file is at most ~6.7 MB of base64.
  content: z.string().max(7_000_000, "The file is larger than 5 MB"),
});
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));

// Each kind has its own permission, checked by previewImport/commitImport (the wrapper only needs a member).
export const previewImportAction = orgAction(fileInput, "org.read", async ({ input, actor, db }) => previewImport(db, actor, input.kind, input.fileName, bytes(input.content)));

export const commitImportAction = orgAction(fileInput, "org.read", async ({ input, actor, db }) => {
  const r = await commitImport(db, actor, input.kind, input.fileName, bytes(input.content));
  revalidatePath("/contracts");
  revalidatePath("/tenants");
  revalidatePath("/dashboard", "layout");
  return r;
});

import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/api/handler";
import { requireActionActor } from "@/lib/auth/session";
import { AppError, fieldErrors } from "@/lib/errors";
import { periodSchema } from "@/lib/validations/contracts";
import { exportMonth, exportStatement, fileResponse } from "./export";

/**
 * Browser downloads (signed-in users, session cookie): the same exports as the API, authenticated by the
 * session and authorised inside exportStatement/exportMonth.
 */
export async function downloadStatement(req: Request, id: string): Promise<Response> {
  try {
    const actor = await requireActionActor();
    const q = z.object({ id: z.string().uuid(), format: z.enum(["pdf", "xlsx", "csv"]).default("pdf") }).safeParse({ id, format: new URL(req.url).searchParams.get("format") ?? undefined });
    if (!q.success) throw new AppError("validation", "Ask for format=pdf, xlsx or csv", fieldErrors(q.error.issues));
    return fileResponse(await exportStatement(await getDb(), actor, q.data.id, q.data.format));
  } catch (e) {
    return errorResponse(e);
  }
}

export async function downloadMonth(req: Request): Promise<Response> {
  try {
    const actor = await requireActionActor();
    const sp = new URL(req.url).searchParams;
    const q = z.object({ period: periodSchema, format: z.enum(["xlsx", "csv", "zip"]).default("zip") }).safeParse({ period: sp.get("period"), format: sp.get("format") ?? undefined });
    if (!q.success) throw new AppError("validation", "Ask for a period (YYYY-MM) and format=xlsx, csv or zip", fieldErrors(q.error.issues));
    return fileResponse(await exportMonth(await getDb(), actor, q.data.period, q.data.format));
  } catch (e) {
    return errorResponse(e);
  }
}

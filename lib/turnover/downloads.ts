import "server-only";
import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/api/handler";
import { requireActionActor } from "@/lib/auth/session";
import { AppError, fieldErrors } from "@/lib/errors";
import { turnoverCsvResponse } from "./csv";
import { turnoverQuerySchema } from "./query";
import { turnoverReport } from "./report";

/**
 * The dashboard's CSV downloads (signed-in users, session cookie): the API's turnover report as CSV,
 * authorised inside turnoverReport for the caller's organisation.
 */
export async function downloadTurnover(req: Request): Promise<Response> {
  try {
    const actor = await requireActionActor();
    const sp = new URL(req.url).searchParams;
    const q = turnoverQuerySchema.safeParse({ ...Object.fromEntries(sp), format: "csv" });
    if (!q.success) throw new AppError("validation", "Ask for from and to (YYYY-MM-DD) and groupBy=day, month, kkt, tenant or category", fieldErrors(q.error.issues));
    return turnoverCsvResponse(await turnoverReport(await getDb(), actor, q.data), q.data);
  } catch (e) {
    return errorResponse(e);
  }
}

import "server-only";
import { and, asc, eq } from "drizzle-orm";
import pLimit from "p-limit";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { kkts } from "@/db/schema";
import { readConnectionCredentials } from "@/lib/connections/connections";
import { AppError } from "@/lib/errors";
import { KonturClient } from "@/lib/providers/kontur/client";
import { isKonturError, type KonturError } from "@/lib/providers/kontur/errors";
import { dailyTurnover } from "@/lib/providers/kontur/mapping";
import { addDays, eachDay } from "@/lib/providers/renta/dates";
import type { ClientTuning } from "./renta-session";
import { finishRun, markRunning, recordError, requestDone, storeDays, type SyncOutcome, type SyncRun } from "./run-steps";

export const KONTUR_SOURCE = "kontur:documents";

/** The documents a day of turnover is made of: receipts and their corrections, and shifts (a worked day without sales is zero, not missing). */
export const KONTUR_TYPES = ["receipt", "receiptCorrection", "bso", "bsoCorrection", "openShift", "closeShift"];

/** Days per request: the method has no period limit, but a week keeps a checkpoint's loss small and pages few. */
const WINDOW_DAYS = 7;

/** A Kontur.OFD client for a stored connection: credentials decrypted here and kept only in the client. */
export async function openKonturClient(db: Db, orgId: string, connectionId: string, tuning: ClientTuning = {}) {
  const connection = await cq.getConnection(db, orgId, connectionId);
  if (!connection) throw new AppError("not_found", "Connection not found");
  const creds = await readConnectionCredentials(db, orgId, connectionId, "kontur");
  if (!creds) throw new AppError("validation", "This connection has no stored API key and auth.sid; enter them again", { credentials: ["Missing"] });
  const { fetch, timeoutMs, concurrency, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random } = tuning;
  const client = new KonturClient({ baseUrl: connection.baseUrl, apiKey: creds.apiKey, sid: creds.sid, concurrency: concurrency ?? 4, fetch, timeoutMs, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random });
  return { client, connection };
}

/** Windows of at most WINDOW_DAYS days covering [from, to]. */
export function konturWindows(from: string, to: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let d = from; d <= to; d = addDays(d, WINDOW_DAYS)) {
    const end = addDays(d, WINDOW_DAYS - 1);
    out.push({ from: d, to: end < to ? end : to });
  }
  return out;
}

/**
 * Kontur.OFD: every register added to the connection (with its Kontur organisation id), a week of documents a
 * request (all pages followed), summed per day as Renta's receipts are (lib/turnover/receipts). Resumable like
 * every sync: a window's days and its checkpoint commit together. A register that sent nothing on a day gets no
 * row: the statement flags it missing, never zero.
 */
export async function runKonturSync(db: Db, run: SyncRun, tuning: ClientTuning = {}): Promise<SyncOutcome> {
  const { orgId } = run;
  const regs = await db
    .select({ id: kkts.id, rnm: kkts.rnm, organizationId: kkts.providerRef })
    .from(kkts)
    .where(and(eq(kkts.orgId, orgId), eq(kkts.connectionId, run.connectionId)))
    .orderBy(asc(kkts.rnm));
  const windows = konturWindows(run.fromDate!, run.toDate!);
  const planned = regs.flatMap((r) => windows.map((w) => ({ ...w, rnm: r.rnm, organizationId: r.organizationId!, key: `${r.rnm}/${w.from}/${w.to}` })));
  const kktIdByRnm = new Map(regs.map((r) => [r.rnm, r.id]));
  const doneKeys = new Set<string>((run.checkpoint as string[] | null) ?? []);
  if (run.status === "queued" && regs.length === 0) await recordError(db, orgId, run.id, { code: "NoRegisters", message: "No registers are added to this Kontur.OFD connection: add them on the connection's page" });
  await markRunning(db, run, planned.length);
  const { client } = await openKonturClient(db, orgId, run.connectionId, tuning);
  // Requests made, resumed runs included (the client counts every attempt and page).
  const requests = () => run.requests + client.requests;
  let failed = 0;
  let fatal: KonturError | null = null;
  const limit = pLimit(2 * Math.max(1, tuning.concurrency ?? 4));
  const todo = planned.filter((p) => !doneKeys.has(p.key));
  await Promise.all(
    todo.map((p) =>
      limit(async () => {
        if (fatal) return;
        try {
          const docs = await client.documentsByPeriod({ organizationId: p.organizationId, rnm: p.rnm, from: p.from, to: p.to, types: KONTUR_TYPES });
          await storeDays(db, run, KONTUR_SOURCE, kktIdByRnm, dailyTurnover(p.rnm, docs, p.from, p.to), { key: p.key, requests: requests() });
        } catch (e) {
          if (!isKonturError(e)) throw e;
          if (e.code === "AuthFailed") {
            fatal = e;
            return;
          }
          failed++;
          await recordError(db, orgId, run.id, { code: e.code, message: e.message, rnms: [p.rnm], days: eachDay(p.from, p.to) });
          await requestDone(db, run.id, p.key, requests());
        }
      }),
    ),
  );
  const f = fatal as KonturError | null;
  return finishRun(db, run, { requests: requests(), failed, remaining: todo.length, nothingToAsk: regs.length === 0, fatal: f && { code: f.code, message: f.message, authFailed: true } });
}

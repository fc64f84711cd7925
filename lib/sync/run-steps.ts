import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { upsertTurnoverDays } from "@/db/queries/registers";
import { connections, syncErrors, syncRuns } from "@/db/schema";
import type { DailyTurnover } from "@/lib/providers/renta/mapping";
import { flagLateTurnover } from "@/lib/statements/late-turnover";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * The steps every provider's turnover sync shares: a request's rows, its checkpoint and the run's progress
 * committed together (a crash loses at most the requests in flight, a restart skips what is stored), errors
 * recorded on the run, and the run's outcome.
 */
export interface SyncOutcome {
  status: "succeeded" | "partial" | "failed";
  requests: number;
  done: number;
  total: number;
}

export type SyncRun = typeof syncRuns.$inferSelect;

export async function loadRun(db: Db, orgId: string, runId: string): Promise<SyncRun> {
  const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, runId)));
  if (!run) throw new Error(`sync run ${runId} not found`);
  return run;
}

/** A run already finished: what it ended with (a retried job must not run it twice). */
export function finished(run: SyncRun): SyncOutcome | null {
  if (run.status === "queued" || run.status === "running") return null;
  return { status: run.status as SyncOutcome["status"], requests: run.requests, done: run.progressDone, total: run.progressTotal };
}

export async function markRunning(db: Db, run: SyncRun, total: number) {
  await db.update(syncRuns).set({ status: "running", progressTotal: total, startedAt: run.startedAt ?? new Date() }).where(eq(syncRuns.id, run.id));
}

/** One request done: its progress and checkpoint key, in the caller's transaction when it wrote rows. */
export async function requestDone(db: Db | Tx, runId: string, key: string, requests: number) {
  await db
    .update(syncRuns)
    .set({ progressDone: sql`${syncRuns.progressDone} + 1`, requests, checkpoint: sql`coalesce(${syncRuns.checkpoint}, '[]'::jsonb) || ${JSON.stringify([key])}::jsonb` })
    .where(eq(syncRuns.id, runId));
}

/** A request's days of turnover stored under its source, rewritten only where a figure changed, with its checkpoint. */
export async function storeDays(db: Db, run: SyncRun, source: string, kktIdByRnm: Map<string, string>, daily: DailyTurnover[], commit: { key: string; requests: number }, more?: (tx: Tx) => Promise<void>) {
  await db.transaction(async (tx) => {
    const values = daily
      .filter((d) => kktIdByRnm.has(d.rnm))
      .map((d) => ({
        orgId: run.orgId, kktId: kktIdByRnm.get(d.rnm)!, day: d.day, source, income: d.income, refunds: d.refunds,
        incomeVat: d.incomeVat ?? null, refundsVat: d.refundsVat ?? null, incomeCash: d.incomeCash ?? null, incomeCashless: d.incomeCashless ?? null,
        incomePrepaid: d.incomePrepaid ?? null, incomeCredit: d.incomeCredit ?? null, refundsCash: d.refundsCash ?? null, refundsCashless: d.refundsCashless ?? null,
        refundsPrepaid: d.refundsPrepaid ?? null, refundsCredit: d.refundsCredit ?? null, receipts: d.receipts ?? null, refundReceipts: d.refundReceipts ?? null, syncRunId: run.id,
      }));
    await upsertTurnoverDays(tx, values, { onlyChanged: true });
    if (more) await more(tx);
    await requestDone(tx, run.id, commit.key, commit.requests);
  });
}

export async function recordError(db: Db, orgId: string, syncRunId: string, e: { code: string; message: string; cabinetInn?: string; rnms?: string[]; days?: string[] }) {
  await db.insert(syncErrors).values({ orgId, syncRunId, code: e.code, message: e.message, cabinetInn: e.cabinetInn ?? null, rnms: e.rnms ?? null, days: e.days ?? null });
}

/**
 * The run's outcome. `fatal`: the provider refused the connection itself (the run stopped; the owner must fix
 * the credentials when `authFailed`). Otherwise failed when every remaining request failed or nothing could be
 * asked (`nothingToAsk`), partial when any error was recorded. Late receipts: an issued statement of a month
 * this run wrote to is flagged when its turnover changed.
 */
export async function finishRun(db: Db, run: SyncRun, o: { requests: number; fatal: { code: string; message: string; authFailed: boolean } | null; failed: number; remaining: number; nothingToAsk: boolean }): Promise<SyncOutcome> {
  const { orgId } = run;
  let status: SyncOutcome["status"];
  if (o.fatal) {
    await recordError(db, orgId, run.id, { code: o.fatal.code, message: o.fatal.message });
    await db.update(connections).set({ status: o.fatal.authFailed ? "auth_failed" : "error", lastError: o.fatal.message, updatedAt: new Date() }).where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)));
    status = "failed";
  } else {
    const [{ errors }] = await db.select({ errors: sql<number>`count(*)::int` }).from(syncErrors).where(and(eq(syncErrors.orgId, orgId), eq(syncErrors.syncRunId, run.id)));
    status = o.nothingToAsk || (o.remaining > 0 && o.failed === o.remaining) ? "failed" : errors > 0 ? "partial" : "succeeded";
    await db.update(connections).set({ status: "ok", lastError: null, lastSyncAt: new Date(), updatedAt: new Date() }).where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)));
  }
  const [fin] = await db.update(syncRuns).set({ status, requests: o.requests, finishedAt: new Date() }).where(eq(syncRuns.id, run.id)).returning({ done: syncRuns.progressDone, total: syncRuns.progressTotal });
  if (status !== "failed") await flagLateTurnover(db, orgId, run.fromDate!, run.toDate!);
  return { status, requests: o.requests, done: fin.done, total: fin.total };
}

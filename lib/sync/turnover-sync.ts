import "server-only";
import { flagLateTurnover } from "@/lib/statements/late-turnover";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import pLimit from "p-limit";
import type { Db } from "@/db/engine";
import { cabinets, connections, kktDayStatus, kkts, syncErrors, syncRuns } from "@/db/schema";
import { isRentaError } from "@/lib/providers/renta/errors";
import { eachDay } from "@/lib/providers/renta/dates";
import { consentCoversDay, planFullDataRequests, toDailyTurnover, type FullDataRequest } from "@/lib/providers/renta/mapping";
import { fullDataUrl } from "@/lib/providers/renta/urls";
import { upsertTurnoverDays } from "@/db/queries/registers";
import { openRentaClient, type ClientTuning } from "./renta-session";

export const RENTA_SOURCE = "renta:kkt-full-data";

interface Planned extends FullDataRequest {
  key: string;
  cabinet: { inn: string; kpp: string };
  /** Registers of the cabinet without consent that day: recorded as not available with the first request of the day. */
  unavailable: string[];
}

/** A request's identity in the checkpoint: stable across restarts as long as the registers are. */
const requestKey = (inn: string, kpp: string, r: FullDataRequest) => `${inn}/${kpp}/${r.day}/${r.rnms[0]}/${r.rnms.length}`;

/** Outcome codes that make the whole run pointless (the login is wrong): stop instead of failing every request. */
const FATAL = new Set(["AuthFailed", "UserAccountNotFound", "RentaNotFound", "RentaAgreementNotFound"]);

async function plan(db: Db, orgId: string, connectionId: string, from: string, to: string, urlLimit: number, origin: string) {
  const cabs = await db.select().from(cabinets).where(and(eq(cabinets.orgId, orgId), eq(cabinets.connectionId, connectionId))).orderBy(asc(cabinets.inn), asc(cabinets.kpp));
  const regs = cabs.length
    ? await db.select({ id: kkts.id, rnm: kkts.rnm, cabinetId: kkts.cabinetId, consentFrom: kkts.consentFrom, consentTo: kkts.consentTo }).from(kkts).where(and(eq(kkts.orgId, orgId), inArray(kkts.cabinetId, cabs.map((c) => c.id)))).orderBy(asc(kkts.rnm))
    : [];
  const out: Planned[] = [];
  const outOfPeriod: { inn: string; days: string[] }[] = [];
  for (const c of cabs) {
    const mine = regs.filter((r) => r.cabinetId === c.id);
    const consent = new Map(mine.map((r) => [r.rnm, { consentFrom: r.consentFrom ?? "9999-12-31", consentTo: r.consentTo ?? "0000-01-01" }]));
    // Days the cabinet has not paid for would be refused (TimeIntervalNotPaid): not asked, reported once.
    const all = eachDay(from, to);
    const days = all.filter((d) => (!c.activeFrom || d >= c.activeFrom) && (!c.activeTo || d <= c.activeTo));
    if (days.length < all.length) outOfPeriod.push({ inn: c.inn, days: all.filter((d) => !days.includes(d)) });
    const baseLength = fullDataUrl(origin, { from: "2000-01-01", to: "2000-01-01", rnms: [], token: "0".repeat(32), cabinet: { inn: c.inn, kpp: c.kpp } }).length;
    const reqs = planFullDataRequests([...consent.keys()], days, urlLimit, { baseLength, covers: (rnm, day) => consentCoversDay(consent.get(rnm)!, day) });
    const firstOfDay = new Set<string>();
    for (const r of reqs) {
      const first = !firstOfDay.has(r.day);
      firstOfDay.add(r.day);
      out.push({ ...r, key: requestKey(c.inn, c.kpp, r), cabinet: { inn: c.inn, kpp: c.kpp }, unavailable: first ? mine.filter((m) => !consentCoversDay(consent.get(m.rnm)!, r.day)).map((m) => m.rnm) : [] });
    }
    // A day on which no register has consent makes no request, but its registers are still "not available".
    for (const d of days.filter((d) => !firstOfDay.has(d))) out.push({ day: d, rnms: [], key: `${c.inn}/${c.kpp}/${d}/none`, cabinet: { inn: c.inn, kpp: c.kpp }, unavailable: mine.map((m) => m.rnm) });
  }
  return { planned: out, kktIdByRnm: new Map(regs.map((r) => [r.rnm, r.id])), cabinets: cabs.length, outOfPeriod };
}

export interface SyncOutcome {
  status: "succeeded" | "partial" | "failed";
  requests: number;
  done: number;
  total: number;
}

/**
 * Pull daily turnover for a run's period and store it, resumable: each request's rows, its checkpoint
 * and the run's progress commit in one transaction, so a crash loses at most the requests in flight and
 * a restart skips what is stored. Rows are upserted by (register, day, source) and rewritten only when
 * a figure changed, so a re-run of a synced period writes nothing.
 */
export async function runTurnoverSync(db: Db, orgId: string, runId: string, tuning: ClientTuning = {}): Promise<SyncOutcome> {
  const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, runId)));
  if (!run) throw new Error(`sync run ${runId} not found`);
  if (run.status !== "queued" && run.status !== "running") return { status: run.status as SyncOutcome["status"], requests: run.requests, done: run.progressDone, total: run.progressTotal };
  let requests = run.requests;
  const { client } = await openRentaClient(db, orgId, run.connectionId, { ...tuning, onRequest: (i) => { requests++; tuning.onRequest?.(i); } });
  const { planned, kktIdByRnm, cabinets: cabinetCount, outOfPeriod } = await plan(db, orgId, run.connectionId, run.fromDate!, run.toDate!, client.urlLimit, client.origin);
  const doneKeys = new Set<string>((run.checkpoint as string[] | null) ?? []);
  const firstStart = run.status === "queued";
  await db.update(syncRuns).set({ status: "running", progressTotal: planned.length, startedAt: run.startedAt ?? new Date() }).where(eq(syncRuns.id, runId));
  if (firstStart) {
    if (cabinetCount === 0) await recordError(db, orgId, runId, { code: "NotDiscovered", message: "No cabinets are known for this connection: run discovery first" });
    for (const o of outOfPeriod) await recordError(db, orgId, runId, { code: "TimeIntervalNotPaid", message: `Renta cabinet ${o.inn}: ${o.days.length} day(s) lie outside the cabinet's paid period and were not requested`, cabinetInn: o.inn, days: o.days });
  }
  let failed = 0;
  let fatal: unknown = null;
  // The client holds HTTP to its own limit; twice as many tasks let one request's rows be written while
  // the next requests are already on the wire, so the database never idles the connection's slots.
  const limit = pLimit(2 * Math.max(1, tuning.concurrency ?? 4));
  await Promise.all(
    planned
      .filter((p) => !doneKeys.has(p.key))
      .map((p) =>
        limit(async () => {
          if (fatal) return;
          try {
            const rows = p.rnms.length ? await client.kktFullData({ rnms: p.rnms, from: p.day, to: p.day, cabinet: p.cabinet }) : [];
            const daily = rows.map((r) => toDailyTurnover(r, p.day));
            await db.transaction(async (tx) => {
              const values = daily
                .filter((d) => kktIdByRnm.has(d.rnm))
                .map((d) => ({
                  orgId, kktId: kktIdByRnm.get(d.rnm)!, day: d.day, source: RENTA_SOURCE, income: d.income, refunds: d.refunds,
                  incomeVat: d.incomeVat ?? null, refundsVat: d.refundsVat ?? null, incomeCash: d.incomeCash ?? null, incomeCashless: d.incomeCashless ?? null,
                  incomePrepaid: d.incomePrepaid ?? null, incomeCredit: d.incomeCredit ?? null, refundsCash: d.refundsCash ?? null, refundsCashless: d.refundsCashless ?? null,
                  refundsPrepaid: d.refundsPrepaid ?? null, refundsCredit: d.refundsCredit ?? null, receipts: d.receipts ?? null, refundReceipts: d.refundReceipts ?? null, syncRunId: runId,
                }));
              await upsertTurnoverDays(tx, values, { onlyChanged: true });
              const na = p.unavailable.filter((r) => kktIdByRnm.has(r)).map((r) => ({ orgId, kktId: kktIdByRnm.get(r)!, day: p.day, status: "not_available" as const, reason: "no consent" }));
              if (na.length) await tx.insert(kktDayStatus).values(na).onConflictDoNothing();
              await tx
                .update(syncRuns)
                .set({ progressDone: sql`${syncRuns.progressDone} + 1`, requests, checkpoint: sql`coalesce(${syncRuns.checkpoint}, '[]'::jsonb) || ${JSON.stringify([p.key])}::jsonb` })
                .where(eq(syncRuns.id, runId));
            });
          } catch (e) {
            if (!isRentaError(e)) throw e;
            if (FATAL.has(e.code)) {
              fatal = e;
              return;
            }
            failed++;
            await recordError(db, orgId, runId, { code: e.code, message: e.message, cabinetInn: p.cabinet.inn, rnms: p.rnms, days: [p.day] });
            await db.update(syncRuns).set({ progressDone: sql`${syncRuns.progressDone} + 1`, requests, checkpoint: sql`coalesce(${syncRuns.checkpoint}, '[]'::jsonb) || ${JSON.stringify([p.key])}::jsonb` }).where(eq(syncRuns.id, runId));
          }
        }),
      ),
  );
  const remaining = planned.filter((p) => !doneKeys.has(p.key)).length;
  let status: SyncOutcome["status"];
  if (fatal) {
    await recordError(db, orgId, runId, { code: (fatal as { code: string }).code, message: (fatal as Error).message });
    // The login itself is refused → the owner must fix the credentials; a cabinet or agreement gone → discovery again.
    const code = (fatal as { code: string }).code;
    const connStatus = code === "AuthFailed" || code === "UserAccountNotFound" ? "auth_failed" : "error";
    await db.update(connections).set({ status: connStatus, lastError: (fatal as Error).message, updatedAt: new Date() }).where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)));
    status = "failed";
  } else {
    const [{ errors }] = await db.select({ errors: sql<number>`count(*)::int` }).from(syncErrors).where(and(eq(syncErrors.orgId, orgId), eq(syncErrors.syncRunId, runId)));
    status = remaining > 0 && failed === remaining ? "failed" : errors > 0 || cabinetCount === 0 ? (cabinetCount === 0 ? "failed" : "partial") : "succeeded";
    await db.update(connections).set({ status: "ok", lastError: null, lastSyncAt: new Date(), updatedAt: new Date() }).where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)));
  }
  const [fin] = await db.update(syncRuns).set({ status, requests, finishedAt: new Date() }).where(eq(syncRuns.id, runId)).returning({ done: syncRuns.progressDone, total: syncRuns.progressTotal });
  // Late receipts: an issued statement of a month this run wrote to is flagged when its turnover changed.
  if (status !== "failed") await flagLateTurnover(db, orgId, run.fromDate!, run.toDate!);
  return { status, requests, done: fin.done, total: fin.total };
}

async function recordError(db: Db, orgId: string, syncRunId: string, e: { code: string; message: string; cabinetInn?: string; rnms?: string[]; days?: string[] }) {
  await db.insert(syncErrors).values({ orgId, syncRunId, code: e.code, message: e.message, cabinetInn: e.cabinetInn ?? null, rnms: e.rnms ?? null, days: e.days ?? null });
}

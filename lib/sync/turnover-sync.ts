import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import pLimit from "p-limit";
import type { Db } from "@/db/engine";
import { cabinets, connections, kktDayStatus, kkts } from "@/db/schema";
import { isRentaError, type RentaError } from "@/lib/providers/renta/errors";
import { eachDay } from "@/lib/providers/renta/dates";
import { consentCoversDay, planFullDataRequests, toDailyTurnover, type FullDataRequest } from "@/lib/providers/renta/mapping";
import { fullDataUrl } from "@/lib/providers/renta/urls";
import { runKonturSync } from "./kontur-sync";
import { runPrroPoll } from "./prro-poll";
import { runYandexSync } from "./yandex-sync";
import { openRentaClient, type ClientTuning } from "./renta-session";
import { finished, finishRun, loadRun, markRunning, recordError, requestDone, storeDays, type SyncOutcome, type SyncRun } from "./run-steps";

export type { SyncOutcome } from "./run-steps";

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

/** Pull a run's daily turnover from its connection's provider and store it (see runRentaSync, runKonturSync). */
export async function runTurnoverSync(db: Db, orgId: string, runId: string, tuning: ClientTuning = {}): Promise<SyncOutcome> {
  const run = await loadRun(db, orgId, runId);
  const done = finished(run);
  if (done) return done;
  const [c] = await db.select({ provider: connections.provider }).from(connections).where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)));
  if (c?.provider === "kontur") return runKonturSync(db, run, tuning);
  if (c?.provider === "yandex") return runYandexSync(db, run, tuning);
  // A PRRO service has no history: whatever the run's period, it polls the registers' current shifts.
  if (c?.provider === "prro") return runPrroPoll(db, run, tuning);
  return runRentaSync(db, run, tuning);
}

/**
 * Renta: one kkt-full-data request per day per URL-full of a cabinet's registers, resumable (each request's rows,
 * its checkpoint and the run's progress commit together). Rows are upserted by (register, day, source) and
 * rewritten only when a figure changed, so a re-run of a synced period writes nothing.
 */
async function runRentaSync(db: Db, run: SyncRun, tuning: ClientTuning): Promise<SyncOutcome> {
  const { orgId } = run;
  let requests = run.requests;
  const { client } = await openRentaClient(db, orgId, run.connectionId, { ...tuning, onRequest: (i) => { requests++; tuning.onRequest?.(i); } });
  const { planned, kktIdByRnm, cabinets: cabinetCount, outOfPeriod } = await plan(db, orgId, run.connectionId, run.fromDate!, run.toDate!, client.urlLimit, client.origin);
  const doneKeys = new Set<string>((run.checkpoint as string[] | null) ?? []);
  const firstStart = run.status === "queued";
  await markRunning(db, run, planned.length);
  if (firstStart) {
    if (cabinetCount === 0) await recordError(db, orgId, run.id, { code: "NotDiscovered", message: "No cabinets are known for this connection: run discovery first" });
    for (const o of outOfPeriod) await recordError(db, orgId, run.id, { code: "TimeIntervalNotPaid", message: `Renta cabinet ${o.inn}: ${o.days.length} day(s) lie outside the cabinet's paid period and were not requested`, cabinetInn: o.inn, days: o.days });
  }
  let failed = 0;
  let fatal: RentaError | null = null;
  // The client holds HTTP to its own limit; twice as many tasks let one request's rows be written while
  // the next requests are already on the wire, so the database never idles the connection's slots.
  const limit = pLimit(2 * Math.max(1, tuning.concurrency ?? 4));
  const todo = planned.filter((p) => !doneKeys.has(p.key));
  await Promise.all(
    todo.map((p) =>
      limit(async () => {
        if (fatal) return;
        try {
          const rows = p.rnms.length ? await client.kktFullData({ rnms: p.rnms, from: p.day, to: p.day, cabinet: p.cabinet }) : [];
          await storeDays(db, run, RENTA_SOURCE, kktIdByRnm, rows.map((r) => toDailyTurnover(r, p.day)), { key: p.key, requests }, async (tx) => {
            const na = p.unavailable.filter((r) => kktIdByRnm.has(r)).map((r) => ({ orgId, kktId: kktIdByRnm.get(r)!, day: p.day, status: "not_available" as const, reason: "no consent" }));
            if (na.length) await tx.insert(kktDayStatus).values(na).onConflictDoNothing();
          });
        } catch (e) {
          if (!isRentaError(e)) throw e;
          if (FATAL.has(e.code)) {
            fatal = e;
            return;
          }
          failed++;
          await recordError(db, orgId, run.id, { code: e.code, message: e.message, cabinetInn: p.cabinet.inn, rnms: p.rnms, days: [p.day] });
          await requestDone(db, run.id, p.key, requests);
        }
      }),
    ),
  );
  const f = fatal as RentaError | null;
  // The login itself is refused → the owner must fix the credentials; a cabinet or agreement gone → discovery again.
  return finishRun(db, run, {
    requests, failed, remaining: todo.length, nothingToAsk: cabinetCount === 0,
    fatal: f && { code: f.code, message: f.message, authFailed: f.code === "AuthFailed" || f.code === "UserAccountNotFound" },
  });
}

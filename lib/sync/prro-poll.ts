import "server-only";
import { tz } from "@date-fns/tz";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { format } from "date-fns";
import pLimit from "p-limit";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { deleteTurnoverDay, upsertTurnoverDays } from "@/db/queries/registers";
import { connections, kkts, prroShifts, syncRuns } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/actor";
import { readConnectionCredentials } from "@/lib/connections/connections";
import { AppError } from "@/lib/errors";
import { minorToDecimalString } from "@/lib/money";
import { addDays } from "@/lib/providers/renta/dates";
import { createPrroClient } from "@/lib/providers/prro/client";
import { isPrroError } from "@/lib/providers/prro/errors";
import type { PrroShift, PrroTaxObject } from "@/lib/providers/prro/mapping";
import { prroDay } from "@/lib/turnover/prro-days";
import type { ClientTuning } from "./renta-session";
import { finished, finishRun, markRunning, recordError, requestDone, type SyncOutcome, type SyncRun } from "./run-steps";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const PRRO_SOURCE = "prro:shift-totals";

/** The calendar day in Kyiv, where the PRRO services' wall-clock dates are. */
export const kyivDay = (d: Date): string => format(d, "yyyy-MM-dd", { in: tz("Europe/Kyiv") });

/** A PRRO client for a stored connection: the api_token decrypted here and kept only in the client. */
export async function openPrroClient(db: Db, orgId: string, connectionId: string, tuning: ClientTuning = {}) {
  const connection = await cq.getConnection(db, orgId, connectionId);
  if (!connection) throw new AppError("not_found", "Connection not found");
  const creds = await readConnectionCredentials(db, orgId, connectionId, "prro");
  if (!creds) throw new AppError("validation", "This connection has no stored api_token; enter it again", { credentials: ["Missing"] });
  const { fetch, timeoutMs, concurrency, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random } = tuning;
  const client = createPrroClient({ baseUrl: connection.baseUrl, apiToken: creds.apiToken, concurrency: concurrency ?? 4, fetch, timeoutMs, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random });
  return { client, connection };
}

/**
 * One poll of a PRRO connection: each of its registers' current shift as the service shows it now, kept per shift;
 * every business day a shift of which changed is made again from its shifts (lib/turnover/prro-days). A shift that
 * closed between two polls, or shifts never seen at all (a gap in the shift numbers), are errors on the run naming
 * the register and the day, so a person can enter the day from the Z-report.
 */
export async function runPrroPoll(db: Db, run: SyncRun, tuning: ClientTuning = {}, clock: () => Date = () => new Date()): Promise<SyncOutcome> {
  const done = finished(run);
  if (done) return done;
  const { orgId } = run;
  const { client } = await openPrroClient(db, orgId, run.connectionId, tuning);
  const regs = await db.select({ id: kkts.id, rnm: kkts.rnm }).from(kkts).where(and(eq(kkts.orgId, orgId), eq(kkts.connectionId, run.connectionId))).orderBy(asc(kkts.rnm));
  const doneKeys = new Set<string>((run.checkpoint as string[] | null) ?? []);
  await markRunning(db, run, regs.length);
  // HTTP requests sent, retries included, added to what a resumed run had already made.
  const requests = () => run.requests + client.requests;
  let failed = 0;
  let fatal: { code: string; message: string; authFailed: boolean } | null = null;
  const limit = pLimit(Math.max(1, tuning.concurrency ?? 4));
  const todo = regs.filter((r) => !doneKeys.has(r.rnm));
  await Promise.all(
    todo.map((reg) =>
      limit(async () => {
        if (fatal) return;
        let obj: PrroTaxObject;
        try {
          obj = await client.taxObject(reg.rnm);
        } catch (e) {
          if (!isPrroError(e)) throw e;
          if (e.code === "AuthFailed") {
            fatal = { code: e.code, message: e.message, authFailed: true };
            return;
          }
          failed++;
          await recordError(db, orgId, run.id, { code: e.code, message: e.message, rnms: [reg.rnm] });
          await requestDone(db, run.id, reg.rnm, requests());
          return;
        }
        await db.transaction(async (tx) => {
          const warnings = await applySnapshot(tx, run, reg, obj, clock());
          for (const w of warnings) await recordError(tx as unknown as Db, orgId, run.id, w);
          await requestDone(tx, run.id, reg.rnm, requests());
        });
      }),
    ),
  );
  return finishRun(db, run, { requests: requests(), failed, remaining: todo.length, fatal, nothingToAsk: regs.length === 0 && !fatal });
}

type Warning = { code: string; message: string; rnms: string[]; days?: string[] };

/** One register's snapshot, in the caller's transaction: its shifts, then the days they belong to. */
async function applySnapshot(tx: Tx, run: SyncRun, reg: { id: string; rnm: string }, obj: PrroTaxObject, now: Date): Promise<Warning[]> {
  const { orgId } = run;
  const warnings: Warning[] = [];
  const current = obj.shift;
  const known = await tx.select().from(prroShifts).where(and(eq(prroShifts.orgId, orgId), eq(prroShifts.kktId, reg.id))).for("update");
  const days = new Set<string>();

  // Shifts last seen open that are no longer the current one closed between two polls: their last figures may be short.
  for (const s of known.filter((k) => k.isOpen && k.shiftId !== current?.id)) {
    await tx.update(prroShifts).set({ isOpen: false, closedUnseen: true }).where(and(eq(prroShifts.orgId, orgId), eq(prroShifts.kktId, reg.id), eq(prroShifts.shiftId, s.shiftId)));
    days.add(s.day);
    warnings.push({
      code: "ShiftClosedUnseen",
      message: `PRRO tax-object: register ${reg.rnm}: shift ${s.number ?? s.shiftId} of ${s.day} closed between two polls; its last figures seen (income ${minorToDecimalString(s.income)}) may be short, so the day is left without figures from the service: enter it from the Z-report`,
      rnms: [reg.rnm],
      days: [s.day],
    });
  }

  if (current) {
    const before = known.find((k) => k.shiftId === current.id);
    if (!before) {
      const numbered = known.filter((k) => k.number !== null).map((k) => k.number!);
      const last = numbered.length ? Math.max(...numbered) : null;
      if (last !== null && current.number !== null && current.number > last + 1) {
        const range = current.number - last === 2 ? `shift ${last + 1}` : `shifts ${last + 1}–${current.number - 1}`;
        warnings.push({ code: "ShiftsNotSeen", message: `PRRO tax-object: register ${reg.rnm}: ${range} opened and closed between two polls and were never seen; their days have no figures from the service`, rnms: [reg.rnm] });
      }
    }
    await upsertShift(tx, orgId, reg.id, run.id, current, before, now);
    days.add(current.day);
  }
  await tx.update(kkts).set({ lastSeenAt: now, address: obj.address || undefined }).where(and(eq(kkts.orgId, orgId), eq(kkts.id, reg.id)));

  for (const day of days) {
    const shifts = await tx.select().from(prroShifts).where(and(eq(prroShifts.orgId, orgId), eq(prroShifts.kktId, reg.id), eq(prroShifts.day, day)));
    const d = prroDay(reg.rnm, day, shifts);
    if (d.row) {
      const r = d.row;
      await upsertTurnoverDays(
        tx,
        [{
          orgId, kktId: reg.id, day, source: PRRO_SOURCE, income: r.income, refunds: r.refunds, incomeVat: r.incomeVat ?? null, refundsVat: r.refundsVat ?? null,
          incomeCash: r.incomeCash ?? null, incomeCashless: r.incomeCashless ?? null, incomePrepaid: null, incomeCredit: null,
          refundsCash: r.refundsCash ?? null, refundsCashless: r.refundsCashless ?? null, refundsPrepaid: null, refundsCredit: null,
          receipts: r.receipts ?? null, refundReceipts: r.refundReceipts ?? null, syncRunId: run.id,
        }],
        { onlyChanged: true },
      );
    } else if (d.state === "incomplete") {
      await deleteTurnoverDay(tx, orgId, reg.id, day, PRRO_SOURCE);
    }
  }
  return warnings;
}

async function upsertShift(tx: Tx, orgId: string, kktId: string, runId: string, s: PrroShift, before: { closedSeen: boolean } | undefined, now: Date) {
  const t = s.totals;
  const figures = {
    day: s.day, openedAt: s.openedAt, number: s.number, isOpen: s.isOpen, closedSeen: (before?.closedSeen ?? false) || !s.isOpen,
    income: t.income, refunds: t.refunds, incomeVat: t.incomeVat, refundsVat: t.refundsVat, incomeCash: t.incomeCash, incomeCashless: t.incomeCashless,
    refundsCash: t.refundsCash, refundsCashless: t.refundsCashless, receipts: t.receipts, refundReceipts: t.refundReceipts, lastSeenAt: now, syncRunId: runId,
  };
  await tx
    .insert(prroShifts)
    .values({ orgId, kktId, shiftId: s.id, firstSeenAt: now, ...figures })
    .onConflictDoUpdate({ target: [prroShifts.orgId, prroShifts.kktId, prroShifts.shiftId], set: figures });
}

/** The polls the scheduler starts: one run per PRRO connection that is not refused, for yesterday and today (Kyiv). */
export async function startPrroPolls(db: Db, now: Date, start: (orgId: string, connectionId: string, from: string, to: string) => Promise<unknown>) {
  const all = await db.select({ id: connections.id, orgId: connections.orgId }).from(connections).where(and(eq(connections.provider, "prro"), inArray(connections.status, ["ok", "new", "error"])));
  const today = kyivDay(now);
  let started = 0;
  for (const c of all) {
    // Succeeded polls older than two days say nothing a newer poll does not: kept from piling up.
    await db.delete(syncRuns).where(and(eq(syncRuns.orgId, c.orgId), eq(syncRuns.connectionId, c.id), eq(syncRuns.kind, "poll"), eq(syncRuns.status, "succeeded"), lt(syncRuns.createdAt, new Date(now.getTime() - 2 * 86_400_000))));
    try {
      await start(c.orgId, c.id, addDays(today, -1), today);
      started++;
    } catch (e) {
      if (!(e instanceof AppError && e.code === "conflict")) console.warn(`[turnrent] PRRO poll of connection ${c.id}: ${e instanceof Error ? e.message : e}`);
    }
  }
  return started;
}

/** The latest shifts seen on a PRRO connection's registers, newest first (another organisation's connection is not found). */
export async function listPrroShifts(db: Db, actor: Actor, connectionId: string, limit = 30) {
  authorize(actor, "connections.read");
  if (!(await cq.getConnection(db, actor.orgId, connectionId))) throw new AppError("not_found", "Connection not found");
  return db
    .select({
      kktId: prroShifts.kktId, rnm: kkts.rnm, shiftId: prroShifts.shiftId, number: prroShifts.number, day: prroShifts.day, openedAt: prroShifts.openedAt,
      isOpen: prroShifts.isOpen, closedUnseen: prroShifts.closedUnseen, income: prroShifts.income, refunds: prroShifts.refunds, receipts: prroShifts.receipts, lastSeenAt: prroShifts.lastSeenAt,
    })
    .from(prroShifts)
    .innerJoin(kkts, and(eq(kkts.orgId, prroShifts.orgId), eq(kkts.id, prroShifts.kktId)))
    .where(and(eq(prroShifts.orgId, actor.orgId), eq(kkts.connectionId, connectionId)))
    .orderBy(desc(prroShifts.openedAt), asc(kkts.rnm))
    .limit(limit);
}

/** A PRRO register's shifts open now, with their figures so far (not counted until each closes), for its page. */
export async function openShiftsOf(db: Db, actor: Actor, kktId: string) {
  authorize(actor, "dashboard.read");
  return db
    .select({ shiftId: prroShifts.shiftId, number: prroShifts.number, day: prroShifts.day, openedAt: prroShifts.openedAt, income: prroShifts.income, refunds: prroShifts.refunds, receipts: prroShifts.receipts, lastSeenAt: prroShifts.lastSeenAt })
    .from(prroShifts)
    .where(and(eq(prroShifts.orgId, actor.orgId), eq(prroShifts.kktId, kktId), eq(prroShifts.isOpen, true)))
    .orderBy(asc(prroShifts.openedAt));
}

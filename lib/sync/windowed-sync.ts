import "server-only";
import { and, asc, eq } from "drizzle-orm";
import pLimit from "p-limit";
import type { Db } from "@/db/engine";
import { kkts } from "@/db/schema";
import type { DailyTurnover } from "@/lib/providers/renta/mapping";
import { addDays, eachDay } from "@/lib/providers/renta/dates";
import { finishRun, markRunning, recordError, requestDone, storeDays, type SyncOutcome, type SyncRun } from "./run-steps";

/** Days per request: neither Kontur's nor Yandex's method limits the period, but a week keeps a checkpoint's loss small and pages few. */
const WINDOW_DAYS = 7;

/** Windows of at most a week covering [from, to]. */
export function syncWindows(from: string, to: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let d = from; d <= to; d = addDays(d, WINDOW_DAYS)) {
    const end = addDays(d, WINDOW_DAYS - 1);
    out.push({ from: d, to: end < to ? end : to });
  }
  return out;
}

/** A provider's failure as the windowed sync needs it: by name, and whether the connection itself was refused. */
export interface ProviderFailure {
  code: string;
  message: string;
  authFailed: boolean;
}

export interface WindowedProvider {
  source: string;
  /**
   * How the registers added to the connection are asked for: each group (its key, the provider's company id and
   * its RNMs) makes one request stream per window.
   */
  group(registers: { rnm: string; companyId: string }[]): { key: string; companyId: string; rnms: string[] }[];
  /** The group's days of turnover over a window (every page read). */
  fetch(group: { companyId: string; rnms: string[] }, window: { from: string; to: string }): Promise<DailyTurnover[]>;
  /** Requests made so far by the provider's client. */
  requests(): number;
  /** A provider's failure, or null for anything else (which is thrown). */
  failure(e: unknown): ProviderFailure | null;
  name: string;
}

/**
 * The sync of a provider whose registers a person added to the connection (Kontur.OFD, Yandex OFD): per group and
 * week, one request stream, its days stored with its checkpoint (run-steps). A register that sent nothing on a
 * day gets no row: the statement flags it missing, never zero. A refused connection stops the run.
 */
export async function runWindowedSync(db: Db, run: SyncRun, p: WindowedProvider, concurrency = 4): Promise<SyncOutcome> {
  const { orgId } = run;
  const regs = await db
    .select({ id: kkts.id, rnm: kkts.rnm, companyId: kkts.providerRef })
    .from(kkts)
    .where(and(eq(kkts.orgId, orgId), eq(kkts.connectionId, run.connectionId)))
    .orderBy(asc(kkts.rnm));
  const windows = syncWindows(run.fromDate!, run.toDate!);
  const groups = p.group(regs.map((r) => ({ rnm: r.rnm, companyId: r.companyId! })));
  const planned = groups.flatMap((g) => windows.map((w) => ({ ...w, group: g, key: `${g.key}/${w.from}/${w.to}` })));
  const kktIdByRnm = new Map(regs.map((r) => [r.rnm, r.id]));
  const doneKeys = new Set<string>((run.checkpoint as string[] | null) ?? []);
  if (run.status === "queued" && regs.length === 0) await recordError(db, orgId, run.id, { code: "NoRegisters", message: `No registers are added to this ${p.name} connection: add them on the connection's page` });
  await markRunning(db, run, planned.length);
  // Requests made, resumed runs included (the client counts every attempt and page).
  const requests = () => run.requests + p.requests();
  let failed = 0;
  let fatal: ProviderFailure | null = null;
  const limit = pLimit(2 * Math.max(1, concurrency));
  const todo = planned.filter((x) => !doneKeys.has(x.key));
  await Promise.all(
    todo.map((x) =>
      limit(async () => {
        if (fatal) return;
        try {
          const days = await p.fetch(x.group, x);
          await storeDays(db, run, p.source, kktIdByRnm, days, { key: x.key, requests: requests() });
        } catch (e) {
          const f = p.failure(e);
          if (!f) throw e;
          if (f.authFailed) {
            fatal = f;
            return;
          }
          failed++;
          await recordError(db, orgId, run.id, { code: f.code, message: f.message, rnms: x.group.rnms, days: eachDay(x.from, x.to) });
          await requestDone(db, run.id, x.key, requests());
        }
      }),
    ),
  );
  return finishRun(db, run, { requests: requests(), failed, remaining: todo.length, nothingToAsk: regs.length === 0, fatal });
}

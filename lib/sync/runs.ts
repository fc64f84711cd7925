import "server-only";
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { connections, syncErrors, syncRuns } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { enqueueSync } from "@/lib/jobs/queue";
import { addDays, moscowDay } from "@/lib/providers/renta/dates";
import { isUniqueViolation } from "@/lib/tenancy/tenancy";

export const MAX_SYNC_DAYS = 800;

type RunRow = typeof syncRuns.$inferSelect;

export function toSyncRunDto(r: RunRow, errors: { code: string; message: string; cabinetInn: string | null; rnms: string[] | null; days: string[] | null }[], now = new Date()) {
  const started = r.startedAt?.getTime();
  const end = r.finishedAt?.getTime() ?? now.getTime();
  const elapsedMs = started ? end - started : 0;
  const remaining = r.progressTotal - r.progressDone;
  const etaMs = r.status === "running" && r.progressDone > 0 && remaining > 0 ? Math.round((elapsedMs / r.progressDone) * remaining) : null;
  return {
    id: r.id,
    connectionId: r.connectionId,
    kind: r.kind,
    from: r.fromDate,
    to: r.toDate,
    status: r.status,
    progress: { done: r.progressDone, total: r.progressTotal },
    requests: r.requests,
    errors: errors.map((e) => ({ code: e.code, message: e.message, cabinetInn: e.cabinetInn, rnms: e.rnms ?? [], days: e.days ?? [] })),
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    elapsedMs,
    etaMs,
  };
}
export type SyncRunDto = ReturnType<typeof toSyncRunDto>;

/** Create the run (one active per connection, enforced by a unique index) and queue it. */
export async function startSyncRun(
  db: Db,
  actor: Actor | null,
  orgId: string,
  input: { connectionId: string; from: string; to: string; kind?: "turnover" | "nightly" | "poll" },
  enqueue: (orgId: string, runId: string) => Promise<void> = enqueueSync,
) {
  if (actor) authorize(actor, "sync.run");
  if (input.from > input.to) throw new AppError("validation", "The period ends before it starts", { to: ["Before 'from'"] });
  if (addDays(input.from, MAX_SYNC_DAYS) < input.to) throw new AppError("validation", `At most ${MAX_SYNC_DAYS} days per sync`, { to: ["Too long a period"] });
  const connection = await cq.getConnection(db, orgId, input.connectionId);
  if (!connection) throw new AppError("not_found", "Connection not found", { connectionId: ["No such connection"] });
  let run: RunRow;
  try {
    [run] = await db
      .insert(syncRuns)
      .values({ orgId, connectionId: input.connectionId, kind: input.kind ?? (connection.provider === "prro" ? "poll" : "turnover"), fromDate: input.from, toDate: input.to, requestedBy: actor?.kind === "user" ? actor.userId : null })
      .returning();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A sync of this connection is already queued or running; wait for it to finish");
    throw e;
  }
  if (actor) await recordAudit(db, actor, { action: "sync.started", entityType: "connection", entityId: input.connectionId, after: { runId: run.id, from: input.from, to: input.to } });
  await enqueue(orgId, run.id);
  return { id: run.id, status: run.status };
}

export async function getSyncRun(db: Db, actor: Actor, id: string) {
  authorize(actor, "sync.read");
  const [r] = await db.select().from(syncRuns).where(and(eq(syncRuns.orgId, actor.orgId), eq(syncRuns.id, id)));
  if (!r) throw new AppError("not_found", "Sync run not found");
  const errs = await db.select().from(syncErrors).where(and(eq(syncErrors.orgId, actor.orgId), eq(syncErrors.syncRunId, id))).orderBy(asc(syncErrors.at)).limit(200);
  return toSyncRunDto(r, errs);
}

export async function listSyncRuns(db: Db, actor: Actor, connectionId?: string) {
  authorize(actor, "sync.read");
  const rows = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, actor.orgId), connectionId ? eq(syncRuns.connectionId, connectionId) : undefined))
    .orderBy(desc(syncRuns.createdAt))
    .limit(20);
  return rows.map((r) => toSyncRunDto(r, []));
}

/** Late receipts arrive for days: every night each connection's last 7 days are pulled again. */
export async function startNightlyResync(db: Db, now: Date) {
  const today = moscowDay(now);
  // PRRO connections have no history to pull again: their polls (lib/sync/prro-poll) keep them current.
  const all = await db.select({ id: connections.id, orgId: connections.orgId }).from(connections).where(and(inArray(connections.status, ["ok", "new", "error"]), ne(connections.provider, "prro")));
  let started = 0;
  for (const c of all) {
    try {
      await startSyncRun(db, null, c.orgId, { connectionId: c.id, from: addDays(today, -7), to: addDays(today, -1), kind: "nightly" });
      started++;
    } catch (e) {
      if (!(e instanceof AppError && e.code === "conflict")) console.warn(`[turnrent] nightly re-sync of connection ${c.id}: ${e instanceof Error ? e.message : e}`);
    }
  }
  return started;
}

/** Every PRRO connection polled now (the scheduler calls this every few minutes; see lib/jobs/queue). */
export async function startScheduledPolls(db: Db, now: Date) {
  const { startPrroPolls } = await import("./prro-poll");
  return startPrroPolls(db, now, (orgId, connectionId, from, to) => startSyncRun(db, null, orgId, { connectionId, from, to, kind: "poll" }));
}

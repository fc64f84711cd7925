import "server-only";
import PgBoss from "pg-boss";
import { getEngine } from "@/db/client";
import type { Engine } from "@/db/engine";

export const SYNC_QUEUE = "turnover-sync";
export const NIGHTLY_QUEUE = "nightly-resync";
export const PRRO_POLL_QUEUE = "prro-poll";
/** How often PRRO registers are polled (cron, Kyiv time): their service shows only the current shift. */
export const PRRO_POLL_CRON = process.env.TURNRENT_PRRO_POLL_CRON || "*/5 * * * *";

const g = globalThis as unknown as { __turnrentBoss?: Promise<PgBoss>; __turnrentWorkers?: boolean };

/**
 * pg-boss on whichever engine the app runs: through the app's own pool on PostgreSQL (several app
 * instances and `npm run worker` processes share the work; a job is fetched with SKIP LOCKED, so none
 * is done twice) and in-process on PGlite, where the app is the only process on the data directory.
 */
function adapter(engine: Engine): PgBoss.Db {
  if (engine.kind === "postgres") return { executeSql: async (text, values) => ({ rows: (await engine.pool!.query(text, values)).rows }) };
  const pg = engine.pglite!;
  return {
    executeSql: async (text, values) => {
      // pg-boss sends its schema as one multi-statement script without parameters.
      if (!values || values.length === 0) {
        const rs = await pg.exec(text);
        return { rows: rs.at(-1)?.rows ?? [] };
      }
      return { rows: (await pg.query(text, values)).rows };
    },
  };
}

export function getQueue(): Promise<PgBoss> {
  if (!g.__turnrentBoss) {
    g.__turnrentBoss = (async () => {
      const engine = await getEngine();
      const boss = new PgBoss({ db: adapter(engine), schema: "pgboss" });
      boss.on("error", (e) => console.warn(`[turnrent] job queue: ${e.message}`));
      await boss.start();
      await boss.createQueue(SYNC_QUEUE);
      await boss.createQueue(NIGHTLY_QUEUE);
      await boss.createQueue(PRRO_POLL_QUEUE);
      return boss;
    })().catch((e) => {
      g.__turnrentBoss = undefined;
      throw e;
    });
  }
  return g.__turnrentBoss;
}

export async function stopQueue() {
  const b = g.__turnrentBoss;
  g.__turnrentBoss = undefined;
  g.__turnrentWorkers = false;
  if (b) await (await b).stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
}

export async function enqueueSync(orgId: string, runId: string) {
  // Retried when a worker dies mid-run (the job expires) or fails: the run resumes from its checkpoint.
  await (await getQueue()).send(SYNC_QUEUE, { orgId, runId }, { singletonKey: runId, retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInMinutes: 120 });
}

/** Work the queues in this process; the nightly re-pull is scheduled once for all processes. */
export async function startWorkers() {
  if (g.__turnrentWorkers) return;
  g.__turnrentWorkers = true;
  const boss = await getQueue();
  const { runTurnoverSync } = await import("@/lib/sync/turnover-sync");
  const { getDb } = await import("@/db/client");
  await boss.work<{ orgId: string; runId: string }>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    await runTurnoverSync(await getDb(), job.data.orgId, job.data.runId);
  });
  await boss.schedule(NIGHTLY_QUEUE, "30 3 * * *", {}, { tz: "Europe/Moscow" });
  await boss.work(NIGHTLY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    const { startNightlyResync } = await import("@/lib/sync/runs");
    await startNightlyResync(await getDb(), new Date());
  });
  await boss.schedule(PRRO_POLL_QUEUE, PRRO_POLL_CRON, {}, { tz: "Europe/Kyiv" });
  await boss.work(PRRO_POLL_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    const { startScheduledPolls } = await import("@/lib/sync/runs");
    await startScheduledPolls(await getDb(), new Date());
  });
}

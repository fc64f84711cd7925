/**
 * `npm run worker`: a background process that works the job queue (turnover syncs, the nightly re-pull).
 * On PostgreSQL any number of these and of app instances share the work; on embedded PGlite the app
 * works the queue itself and the data directory's lock keeps this process out.
 */
import { shareEngine } from "@/db/client";
import { openConfiguredEngine } from "@/db/engine";
import { startWorkers, stopQueue } from "@/lib/jobs/queue";

const engine = await openConfiguredEngine();
shareEngine(engine);
await startWorkers();
console.log(`[turnrent] worker started on ${engine.kind}`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    await stopQueue();
    await engine.close();
    process.exit(0);
  });
}

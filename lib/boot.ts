import "server-only";
import { getEngine } from "@/db/client";
import { getAuthSecret } from "@/lib/auth/auth-secret";
import { getKeyRing } from "@/lib/crypto/keys";
import { startDemoOfdSimulators } from "@/lib/demo/ofd-demos";
import { startDemoPrroSimulator } from "@/lib/demo/prro-demo";
import { startDemoSimulator } from "@/lib/demo/renta-demo";
import { demoSignInsText, seedDemo } from "@/lib/demo/seed";
import { startWorkers } from "@/lib/jobs/queue";

/** Runs once per server process (instrumentation): migrate, seed the demo, print sign-ins. */
export async function boot() {
  // Fail at start, not at the first sign-in or sync, when production secrets are missing.
  getKeyRing();
  getAuthSecret();
  const engine = await getEngine();
  console.log(`[turnrent] database: ${engine.kind}${engine.kind === "pglite" ? ` (${process.env.TURNRENT_DATA_DIR || ".data"})` : ""}, migrations applied`);
  if (process.env.TURNRENT_DEMO !== "0") {
    // The demo connection points at the built-in simulator: it runs whenever the demo does.
    await Promise.all([startDemoSimulator(), startDemoOfdSimulators(), startDemoPrroSimulator()]);
    await startWorkers();
    await seedDemo(engine.db);
    console.log(demoSignInsText(process.env.PORT || 3000));
  } else {
    await startWorkers();
  }
}

/** A sync worker in its own process, for the crash test: `node --import tsx --conditions=react-server test/sync-child.ts <db-url> <org> <run>`. */
import { setEngineForTests } from "@/db/client";
import { openPostgres } from "@/db/engine";
import { runTurnoverSync } from "@/lib/sync/turnover-sync";

const [url, orgId, runId] = process.argv.slice(2);
const engine = await openPostgres(url, { migrate: false });
setEngineForTests(engine);
// The parent kills this process at a random moment after this line.
process.stdout.write("ready\n");
await runTurnoverSync(engine.db, orgId, runId, { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 1500, concurrency: 4 });
await engine.close();

/**
 * Profiling helper (not part of `npm run bench:rent`): runs computeStatements against a database kept by
 * `BENCH_KEEP_DB=<name> npx tsx bench/rent.ts`, so a change can be measured without seeding again.
 *   npx tsx bench/rent-profile.ts <name> [runs]       (node --cpu-prof --import tsx bench/rent-profile.ts … for a CPU profile)
 */
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
const { openPostgres } = await import("@/db/engine");
const { computeStatements } = await import("@/lib/statements/statements");
const name = process.argv[2] || "turnrent_bench_keep";
const runs = Number(process.argv[3] || 3);
const period = process.env.BENCH_PERIOD || "2025-12";
const url = new URL(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test");
url.pathname = `/${name}`;
const engine = await openPostgres(url.toString(), { migrate: false });
const [u] = (await engine.query(`SELECT u.id, u.email, o.id AS org_id, o.name FROM organizations o JOIN memberships m ON m.org_id = o.id AND m.role = 'owner' JOIN users u ON u.id = m.user_id WHERE o.name = 'Bench Mall'`)).rows as { id: string; email: string; org_id: string; name: string }[];
const owner = { kind: "user" as const, userId: u.id, email: u.email, orgId: u.org_id, orgName: u.name, role: "owner" as const };
for (let i = 0; i < runs; i++) {
  const fresh = i % 2 === 0;
  if (fresh) await engine.query(`DELETE FROM rent_statements WHERE org_id = $1 AND period = $2`, [owner.orgId, period]);
  const load = (await import("node:os")).loadavg()[0];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const steps: string[] = [];
  const out = await computeStatements(engine.db, owner, { period }, (step) => steps.push(`${step} ${(performance.now() - t0).toFixed(0)}`));
  const c = process.cpuUsage(c0);
  console.log(`${fresh ? "create   " : "recompute"}: ${(performance.now() - t0).toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms Node CPU, ${out.length} statements (load average before ${load.toFixed(2)})`);
  console.log(`  steps (ms from the start): ${steps.join(", ")}`);
}
await engine.close();

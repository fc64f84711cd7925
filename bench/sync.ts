/**
 * npm run bench:sync — a mall of 1,200 registers, 31 days, simulator latency 300 ms, connection
 * concurrency 4: how many requests the sync makes against the fewest the API allows, and its wall time
 * against the latency bound (minimum requests ÷ concurrency × latency).
 * Sizes from the environment: BENCH_KKTS, BENCH_DAYS, BENCH_LATENCY_MS, BENCH_CONCURRENCY.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { shareEngine } from "@/db/client";
import { openPglite } from "@/db/engine";
import { createConnection } from "@/lib/connections/connections";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { createOrganizationWithOwner } from "@/lib/orgs/members";
import { addDays, eachDay } from "@/lib/providers/renta/dates";
import { consentCoversDay, minimumRequests } from "@/lib/providers/renta/mapping";
import { DEMO_LOGIN, DEMO_PASSWORD } from "@/lib/providers/renta/simulator/server";
import { spawn } from "node:child_process";
import { fullDataUrl } from "@/lib/providers/renta/urls";
import { discoverConnection } from "@/lib/sync/discovery";
import { startSyncRun } from "@/lib/sync/runs";
import { runTurnoverSync } from "@/lib/sync/turnover-sync";
import type { Actor } from "@/lib/auth/actor";

const KKTS = Number(process.env.BENCH_KKTS || 1200);
const DAYS = Number(process.env.BENCH_DAYS || 31);
const LATENCY = Number(process.env.BENCH_LATENCY_MS || 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 4);
const FROM = "2026-03-01";
const TO = addDays(FROM, DAYS - 1);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

// The provider is another machine: the simulator runs in its own process, so its work does not slow this one.
const SIM_PORT = Number(process.env.BENCH_SIM_PORT || 4399);
const simProc = spawn(process.execPath, ["--import", "tsx", "cli/simulator.ts", "--provider", "renta", "--port", String(SIM_PORT), "--seed", "11", "--cabinets", "2", "--tenants", String(Math.max(10, Math.round(KKTS / 2))), "--kkts", String(KKTS), "--from", "2025-06-01", "--to", "2026-12-31", "--latency", String(LATENCY)], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise<void>((resolve, reject) => {
  simProc.stdout!.on("data", (d: Buffer) => d.toString().includes("http://") && resolve());
  simProc.on("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
});
const sim = { url: `http://127.0.0.1:${SIM_PORT}`, login: DEMO_LOGIN, password: DEMO_PASSWORD };
const counters = async () => ((await (await fetch(`${sim.url}/__simulator/counters`)).json()) as { requests: number }).requests;
process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
const engine = await openPglite("memory://");
shareEngine(engine);
const { org, userId } = await createOrganizationWithOwner(engine.db, { name: "Bench Mall", ownerEmail: "bench@bench.test", ownerPassword: "a long synthetic passphrase 42" });
const owner: Actor = { kind: "user", userId, email: "bench@bench.test", orgId: org.id, orgName: org.name, role: "owner" };
const conn = await createConnection(engine.db, owner, { provider: "renta", name: "bench", baseUrl: sim.url, credentials: { login: sim.login, password: sim.password } });
const found = await discoverConnection(engine.db, owner, conn.id);
console.log(`mall: ${found.cabinets.length} cabinets, ${found.tenants} tenants, ${found.kkts} registers; period ${FROM} … ${TO}; latency ${LATENCY} ms; concurrency ${CONCURRENCY}`);

// The fewest requests the API allows for the same data: one-day kkt-full-data periods, registers whose
// consent covers the day, as many per URL as fit — per cabinet — plus one sign-in.
const rows = (r: unknown) => ((r as { rows?: Record<string, string>[] }).rows ?? (r as Record<string, string>[]));
const regs = rows(await engine.db.execute(sql`select k.rnm, k.consent_from::text as f, k.consent_to::text as t, c.inn, c.kpp, c.active_from::text as af, c.active_to::text as at from kkts k join cabinets c on c.id = k.cabinet_id where k.org_id = ${org.id}`));
let minimum = 1;
for (const cab of [...new Set(regs.map((r) => `${r.inn}/${r.kpp}`))]) {
  const mine = regs.filter((r) => `${r.inn}/${r.kpp}` === cab);
  const [inn, kpp] = cab.split("/");
  const days = eachDay(FROM, TO).filter((d) => (!mine[0].af || d >= mine[0].af) && (!mine[0].at || d <= mine[0].at));
  const consent = new Map(mine.map((r) => [r.rnm, { consentFrom: r.f, consentTo: r.t }]));
  const baseLength = fullDataUrl(sim.url, { from: "2000-01-01", to: "2000-01-01", rnms: [], token: "0".repeat(32), cabinet: { inn, kpp } }).length;
  minimum += minimumRequests([...consent.keys()], days, 2048, { baseLength, covers: (rnm, day) => consentCoversDay(consent.get(rnm)!, day) });
}

const before = await counters();
const run = await startSyncRun(engine.db, owner, org.id, { connectionId: conn.id, from: FROM, to: TO }, async () => {});
const t0 = performance.now();
const out = await runTurnoverSync(engine.db, org.id, run.id, { concurrency: CONCURRENCY });
const wall = (performance.now() - t0) / 1000;
const made = (await counters()) - before;
const bound = (minimum / CONCURRENCY) * (LATENCY / 1000);
const [stored] = rows(await engine.db.execute(sql`select count(*)::int as n from turnover_daily where org_id = ${org.id}`));
clearInterval(sampler);

const reqRatio = made / minimum;
const wallRatio = wall / bound;
console.log(`status:                ${out.status} (${out.done}/${out.total} planned requests done), ${stored.n} register-days stored`);
console.log(`requests made:         ${made} (counted by the simulator, sign-in included)`);
console.log(`minimum the API allows: ${minimum}`);
console.log(`requests ÷ minimum:    ${reqRatio.toFixed(3)}  (target ≤ 1.05) ${reqRatio <= 1.05 ? "PASS" : "FAIL"}`);
console.log(`wall time:             ${wall.toFixed(1)} s`);
console.log(`latency bound:         ${bound.toFixed(1)} s  (${minimum} ÷ ${CONCURRENCY} × ${LATENCY} ms)`);
console.log(`wall ÷ bound:          ${wallRatio.toFixed(3)}  (target ≤ 1.3) ${wallRatio <= 1.3 ? "PASS" : "FAIL"}`);
console.log(`peak RSS:              ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
simProc.kill();
await engine.close();
process.exit(reqRatio <= 1.05 && wallRatio <= 1.3 ? 0 : 1);

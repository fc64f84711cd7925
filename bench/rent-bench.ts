/**
 * Rent benchmark (issue: "Benchmark: npm run bench:rent"). Loaded by bench/rent.ts after the
 * "server-only" hook is registered. For each engine (PostgreSQL when reachable, PGlite in memory):
 * seed in bulk, then measure
 *   (a) the floor: one SQL summing the month's turnover per contract (best of 3),
 *   (b) computeStatements for the month — first run (creates drafts) and second run (recomputes in place),
 *   (c) monthDocuments + rendering 100 PDF statements,
 * and print wall time, time per contract, rows read, peak memory and the ratio to the floor.
 *
 * Env: BENCH_CONTRACTS (3000), BENCH_YEARS (3), BENCH_ENGINES ("postgres,pglite"), BENCH_PDFS (100), BENCH_RUNS (3),
 *      BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 *      BENCH_BREAKDOWN=0 to skip the per-step breakdown, BENCH_JSON=<file> to also write the figures as JSON,
 *      BENCH_KEEP_DB=<name> (PostgreSQL only, for profiling): use and keep that database; when it already
 *      holds the seeded data, seeding is skipped and the month's statements are deleted before measuring.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { openPglite, openPostgres, type Engine, type EngineKind } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { loadContracts } from "@/db/queries/contracts";
import * as sq from "@/db/queries/statements";
import { toEngineContract } from "@/lib/contracts/mapping";
import { renderStatementPdf } from "@/lib/exports/pdf";
import { computeMonthFromAggregates } from "@/lib/rent";
import { fromDay, periodBounds } from "@/lib/rent/calendar";
import { monthDocuments } from "@/lib/statements/documents";
import { computeStatements, listStatements } from "@/lib/statements/statements";
import { createOrgFixture } from "@/test/fixtures";
import { seed, type SeedResult } from "./rent-seed";

// ---------------------------------------------------------------------------------------------- config

const CONTRACTS = Number(process.env.BENCH_CONTRACTS || 3000);
const YEARS = Number(process.env.BENCH_YEARS || 3);
const PDFS = Number(process.env.BENCH_PDFS ?? 100);
const ENGINES = (process.env.BENCH_ENGINES || "postgres,pglite").split(",").map((s) => s.trim()) as EngineKind[];
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const BREAKDOWN = process.env.BENCH_BREAKDOWN !== "0";
/** Cycles of (delete the month's statements →) first run → second run; targets are judged on the median. */
const RUNS = Number(process.env.BENCH_RUNS || 3);
const KEEP_DB = process.env.BENCH_KEEP_DB;
if (KEEP_DB && !/^[a-z_][a-z0-9_]*$/.test(KEEP_DB)) throw new Error("BENCH_KEEP_DB must be a plain lower-case identifier");
/** The data ends on the last day of the benchmarked month; it spans BENCH_YEARS whole calendar years. */
const PERIOD = process.env.BENCH_PERIOD || "2025-12";
const TARGET_PG_MS = 2000;
const TARGET_RATIO = 3;

if (!Number.isInteger(CONTRACTS) || CONTRACTS < 1) throw new Error("BENCH_CONTRACTS must be a positive integer");
if (!Number.isInteger(YEARS) || YEARS < 1) throw new Error("BENCH_YEARS must be a positive integer");
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error("BENCH_RUNS must be a positive integer");
if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(PERIOD)) throw new Error("BENCH_PERIOD must be YYYY-MM");

const { first, last } = periodBounds(PERIOD);
const PERIOD_FIRST = fromDay(first);
const PERIOD_LAST = fromDay(last);
const DATA_TO = PERIOD_LAST;
const DATA_FROM = (() => {
  const d = new Date(`${DATA_TO}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCFullYear(d.getUTCFullYear() - YEARS);
  return d.toISOString().slice(0, 10);
})();
const DATA_DAYS = Math.round((Date.parse(`${DATA_TO}T00:00:00Z`) - Date.parse(`${DATA_FROM}T00:00:00Z`)) / 86_400_000) + 1;

// --------------------------------------------------------------------------------------------- helpers

const now = () => performance.now();
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const int = (n: number) => n.toLocaleString("en-US");
const log = (msg: string) => console.log(`  ${msg}`);

/** Peak RSS and heapUsed, sampled every 50 ms (and at start and stop, as a busy event loop may skip ticks). */
class MemorySampler {
  private timer?: NodeJS.Timeout;
  base = { rss: 0, heap: 0 };
  peak = { rss: 0, heap: 0 };
  private sample = () => {
    const m = process.memoryUsage();
    if (m.rss > this.peak.rss) this.peak.rss = m.rss;
    if (m.heapUsed > this.peak.heap) this.peak.heap = m.heapUsed;
  };
  start() {
    const m = process.memoryUsage();
    this.base = { rss: m.rss, heap: m.heapUsed };
    this.peak = { ...this.base };
    this.timer = setInterval(this.sample, 50);
    return this;
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
    return { base: this.base, peak: this.peak };
  }
}

/** Wall time, this process's CPU time (user + system), peak memory, and the 1-minute load average before. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; load: number; value: T; mem: ReturnType<MemorySampler["stop"]> }> {
  global.gc?.();
  const load = os.loadavg()[0];
  const s = new MemorySampler().start();
  const c0 = process.cpuUsage();
  const t0 = now();
  const value = await fn();
  const t = now() - t0;
  const c = process.cpuUsage(c0);
  return { ms: t, cpuMs: (c.user + c.system) / 1000, load, value, mem: s.stop() };
}

const phasesText = (p: [string, number][]) => p.map(([k, t]) => `${k} ${t.toFixed(0)}`).join(", ");

// ------------------------------------------------------------------------------------------ engines

async function openEngine(kind: EngineKind): Promise<{ engine: Engine; label: string; drop?: () => Promise<void> } | { skipped: string }> {
  if (kind === "pglite") return { engine: await openPglite("memory://"), label: "PGlite (memory://)" };
  const base = new URL(PG_URL);
  const admin = new pg.Client({ connectionString: base.toString(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    return { skipped: `PostgreSQL not reachable at ${base.host}${base.pathname} (${(e as Error).message})` };
  }
  const name = KEEP_DB ?? `turnrent_bench_${process.pid}`;
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
  if (!KEEP_DB && exists) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (!KEEP_DB || !exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  if (KEEP_DB) return { engine: await openPostgres(url.toString()), label: `PostgreSQL (${base.host}, kept database ${name})` };
  const drop = async () => {
    const c = new pg.Client({ connectionString: base.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  pendingDrops.add(drop);
  try {
    return { engine: await openPostgres(url.toString()), label: `PostgreSQL (${base.host}, database ${name})`, drop };
  } catch (e) {
    await drop();
    pendingDrops.delete(drop);
    throw e;
  }
}

const pendingDrops = new Set<() => Promise<void>>();
process.on("SIGINT", () => {
  console.log("\ninterrupted: dropping benchmark databases");
  Promise.allSettled([...pendingDrops].map((d) => d())).finally(() => process.exit(130));
});

/** BENCH_KEEP_DB: when the kept database was seeded with the same configuration, reuse it. */
async function reuseSeeded(engine: Engine): Promise<{ owner: Extract<Actor, { kind: "user" }>; seeded: SeedResult } | undefined> {
  const marker = await engine.query(`SELECT config FROM bench_seeded`).catch(() => undefined);
  if (!marker) return undefined;
  if (marker.rows[0]?.config !== JSON.stringify({ CONTRACTS, YEARS, PERIOD })) throw new Error(`BENCH_KEEP_DB=${KEEP_DB} was seeded with ${String(marker.rows[0]?.config)}; drop it or use another name`);
  const [u] = (
    await engine.query(`SELECT u.id, u.email, o.id AS org_id, o.name FROM organizations o JOIN memberships m ON m.org_id = o.id AND m.role = 'owner' JOIN users u ON u.id = m.user_id WHERE o.name = 'Bench Mall'`)
  ).rows as { id: string; email: string; org_id: string; name: string }[];
  await engine.query(`DELETE FROM rent_statements WHERE org_id = $1 AND period = $2`, [u.org_id, PERIOD]);
  const [c] = (
    await engine.query(
      `SELECT (SELECT count(*) FROM contracts)::int AS contracts, (SELECT count(*) FROM kkts)::int AS kkts, (SELECT count(*) FROM turnover_daily)::int AS turnover_rows`,
    )
  ).rows as { contracts: number; kkts: number; turnover_rows: number }[];
  return {
    owner: { kind: "user", userId: u.id, email: u.email, orgId: u.org_id, orgName: u.name, role: "owner" },
    seeded: { tenants: c.contracts, kkts: c.kkts, premises: c.contracts, contracts: c.contracts, terms: 0, assignments: 2 * c.contracts, turnoverRows: c.turnover_rows, timings: { masterData: 0, turnoverInsert: 0, rebuildKeys: 0, vacuumAnalyze: 0 } },
  };
}

// ------------------------------------------------------------------------------------------ queries

/**
 * The floor: reading the month's turnover of every assigned register, summed per contract, in one SQL.
 * The month's bounds are given to turnover_daily.day directly as well, so the planner can use an index
 * (with only greatest()/least() it scans the whole table: 4–5 × slower, a floor too easy to beat).
 */
const FLOOR_SQL = `
SELECT ck.contract_id, sum(t.income - t.refunds) AS turnover, count(*) AS days
FROM contract_kkts ck
JOIN turnover_daily t
  ON t.org_id = ck.org_id AND t.kkt_id = ck.kkt_id
 AND t.day >= $2::date AND t.day <= $3::date
 AND t.day >= ck.valid_from AND t.day <= ck.valid_to
WHERE ck.org_id = $1
GROUP BY ck.contract_id`;

/** Rows computeStatements reads: the month's turnover rows of the registers assigned to the month's active contracts. */
const ROWS_SQL = `
SELECT count(*)::int AS loaded,
       count(*) FILTER (WHERE t.day >= ck.valid_from AND t.day <= ck.valid_to AND t.day >= c.start_date AND t.day <= c.end_date)::int AS counted
FROM contracts c
JOIN contract_kkts ck ON ck.org_id = c.org_id AND ck.contract_id = c.id
JOIN turnover_daily t ON t.org_id = ck.org_id AND t.kkt_id = ck.kkt_id AND t.day >= $2::date AND t.day <= $3::date
WHERE c.org_id = $1 AND c.start_date <= $3::date AND c.end_date >= $2::date`;

/** A fingerprint of every statement of the month (all stored contents, not ids or timestamps). */
async function statementsFingerprint(engine: Engine, orgId: string) {
  const { rows } = await engine.query(
    `SELECT c.number, s.revision::text, s.status::text, s.currency::text, s.turnover::text, s.base_rent::text, s.percentage_rent::text,
            s.rent::text, s.vat::text, s.total::text, s.terms_snapshot::text, s.inputs::text, s.lines::text, s.flags::text,
            s.needs_revision::text, coalesce(s.reason, '') AS reason
     FROM rent_statements s JOIN contracts c ON c.org_id = s.org_id AND c.id = s.contract_id
     WHERE s.org_id = $1 AND s.period = $2 ORDER BY c.number, s.revision`,
    [orgId, PERIOD],
  );
  const h = createHash("sha256");
  for (const r of rows) h.update(JSON.stringify(Object.values(r)) + "\n");
  const [agg] = (
    await engine.query(
      `SELECT count(*)::int AS n, coalesce(sum(total), 0)::text AS total, count(*) FILTER (WHERE jsonb_array_length(flags) > 0)::int AS flagged
       FROM rent_statements WHERE org_id = $1 AND period = $2`,
      [orgId, PERIOD],
    )
  ).rows as { n: number; total: string; flagged: number }[];
  return { hash: h.digest("hex").slice(0, 16), count: agg.n, total: agg.total, flagged: agg.flagged };
}

// ------------------------------------------------------------------------------------------ results

interface RunFigures {
  ms: number;
  /** CPU time of this process (Node; with PGlite also the database, which runs in it). */
  cpuMs: number;
  load: number;
  perContractMs: number;
  ratio: number;
  peakRss: number;
  rssBase: number;
  peakHeap: number;
  statements: number;
  fingerprint: string;
  /** The statements computeStatements returned are exactly those listStatements then reads back. */
  returnedAsRead: boolean;
  /** When each step of computeStatements ended, ms from its start. */
  phases: string;
}

interface EngineResult {
  engine: EngineKind;
  label: string;
  version: string;
  seed: SeedResult & { ms: number };
  activeContracts: number;
  rowsLoaded: number;
  rowsCounted: number;
  floor: { bestMs: number; runsMs: number[]; groups: number };
  /** Per cycle: [first run (creates the drafts), second run (recomputes them in place)]. */
  cycles: [RunFigures, RunFigures][];
  summary: Awaited<ReturnType<typeof statementsFingerprint>>;
  breakdown?: Record<string, number>;
  docs: { ms: number; count: number };
  pdf: { count: number; ms: number; perPdfMs: number; bytes: number; peakRss: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const dtoJson = (xs: { contractId: string }[]) => JSON.stringify([...xs].sort((a, b) => a.contractId.localeCompare(b.contractId)), (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

async function benchEngine(kind: EngineKind): Promise<EngineResult | { engine: EngineKind; skipped: string }> {
  console.log(`\n=== ${kind} ===`);
  const tOpen = now();
  const opened = await openEngine(kind);
  if ("skipped" in opened) {
    console.log(`  skipped: ${opened.skipped}`);
    return { engine: kind, skipped: opened.skipped };
  }
  const { engine, label, drop } = opened;
  try {
    const [{ version }] = (await engine.query("SELECT version() AS version")).rows as { version: string }[];
    log(`${label}: ${version.split(" on ")[0]}; opened and migrated in ${ms(now() - tOpen)}`);

    // ------------------------------------------------------------------- seed (not measured)
    const reused = KEEP_DB ? await reuseSeeded(engine) : undefined;
    const owner = reused?.owner ?? (await createOrgFixture(engine, "Bench Mall")).users.owner.actor;
    log(reused ? `reusing the seeded database (month's statements deleted)` : `seeding ${int(CONTRACTS)} contracts, ${int(2 * CONTRACTS)} registers, ${DATA_FROM} … ${DATA_TO} (${DATA_DAYS} days)`);
    const tSeed = now();
    const seeded = reused?.seeded ?? (await seed(engine, { orgId: owner.orgId, contracts: CONTRACTS, years: YEARS, dataFrom: DATA_FROM, days: DATA_DAYS, periodFirst: PERIOD_FIRST, log }));
    const seedMs = reused ? 0 : now() - tSeed;
    if (KEEP_DB && !reused) await engine.query(`CREATE TABLE bench_seeded AS SELECT $1::text AS config`, [JSON.stringify({ CONTRACTS, YEARS, PERIOD })]);
    log(
      `seeded in ${ms(seedMs)} (master data ${ms(seeded.timings.masterData)}, turnover insert ${ms(seeded.timings.turnoverInsert)}, keys ${ms(seeded.timings.rebuildKeys)}, vacuum analyze + checkpoint ${ms(seeded.timings.vacuumAnalyze)}): ` +
        `${int(seeded.tenants)} tenants, ${int(seeded.kkts)} registers, ${int(seeded.premises)} premises, ${int(seeded.contracts)} contracts, ${int(seeded.terms)} terms versions, ${int(seeded.assignments)} assignments, ${int(seeded.turnoverRows)} turnover rows`,
    );
    if (kind === "pglite" && seedMs > 5 * 60_000) log(`NOTE: PGlite seeding took ${ms(seedMs)} (> 5 min) at this size`);

    // ------------------------------------------------------------------- rows read
    const [rowsInfo] = (await engine.query(ROWS_SQL, [owner.orgId, PERIOD_FIRST, PERIOD_LAST])).rows as { loaded: number; counted: number }[];
    const [{ n: activeContracts }] = (await engine.query(`SELECT count(*)::int AS n FROM contracts WHERE org_id = $1 AND start_date <= $3::date AND end_date >= $2::date`, [owner.orgId, PERIOD_FIRST, PERIOD_LAST])).rows as { n: number }[];
    log(`month ${PERIOD}: ${int(activeContracts)} active contracts; ${int(rowsInfo.loaded)} turnover rows of their registers in the month (${int(rowsInfo.counted)} within assignment and contract dates)`);

    // ------------------------------------------------------------------- (a) floor
    const floorLoad = os.loadavg()[0];
    const floorRuns: number[] = [];
    let groups = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = now();
      const r = await engine.query(FLOOR_SQL, [owner.orgId, PERIOD_FIRST, PERIOD_LAST]);
      floorRuns.push(now() - t0);
      groups = r.rows.length;
    }
    const floorMs = Math.min(...floorRuns);
    log(`(a) floor query: ${floorRuns.map(ms).join(", ")} → best ${ms(floorMs)} (${int(groups)} contracts summed; load average before ${floorLoad.toFixed(2)})`);

    // ------------------------------------------------------------------- (b) computeStatements, in cycles
    const run = async (): Promise<RunFigures> => {
      const phases: [string, number][] = [];
      let start = 0;
      const r = await timed(() => {
        start = now();
        return computeStatements(engine.db, owner, { period: PERIOD }, (step) => phases.push([step, now() - start]));
      });
      const fp = await statementsFingerprint(engine, owner.orgId);
      const read = await listStatements(engine.db, owner, PERIOD);
      return {
        ms: r.ms,
        cpuMs: r.cpuMs,
        load: r.load,
        perContractMs: r.ms / Math.max(1, r.value.length),
        ratio: r.ms / floorMs,
        peakRss: r.mem.peak.rss,
        rssBase: r.mem.base.rss,
        peakHeap: r.mem.peak.heap,
        statements: r.value.length,
        fingerprint: fp.hash,
        returnedAsRead: dtoJson(r.value) === dtoJson(read),
        phases: phasesText(phases),
      };
    };
    const describe = (c: RunFigures) =>
      `${ms(c.ms)}, ${c.perContractMs.toFixed(3)} ms/contract, ${c.ratio.toFixed(1)} × floor, process CPU ${ms(c.cpuMs)}, peak RSS ${mb(c.peakRss)} (from ${mb(c.rssBase)}), peak heap ${mb(c.peakHeap)}, ` +
      `load average before ${c.load.toFixed(2)}; ${c.statements} statements, fingerprint ${c.fingerprint}${c.returnedAsRead ? "" : ", RETURNED ≠ READ BACK"}\n        steps (ms from the start): ${c.phases}`;
    const cycles: [RunFigures, RunFigures][] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i > 0) await engine.query(`DELETE FROM rent_statements WHERE org_id = $1 AND period = $2`, [owner.orgId, PERIOD]);
      const first = await run();
      log(`(b) cycle ${i + 1}, first run (creates drafts):       ${describe(first)}`);
      const second = await run();
      log(`    cycle ${i + 1}, second run (recomputes in place): ${describe(second)}`);
      cycles.push([first, second]);
    }
    const summary = await statementsFingerprint(engine, owner.orgId);
    log(`    ${summary.count} statements, total ${summary.total} kopecks, ${summary.flagged} with flags`);

    // ------------------------------------------------------------------- breakdown (the same steps, called one by one)
    let breakdown: Record<string, number> | undefined;
    if (BREAKDOWN) {
      breakdown = {};
      let t0 = now();
      const contracts = await loadContracts(engine.db, owner.orgId, { activeFrom: PERIOD_FIRST, activeTo: PERIOD_LAST });
      breakdown.loadContracts = now() - t0;
      t0 = now();
      const months = await sq.loadTurnoverMonths(engine.db, owner.orgId, PERIOD);
      breakdown.loadTurnoverMonths = now() - t0;
      t0 = now();
      await sq.loadAdjustments(engine.db, owner.orgId, undefined, PERIOD);
      breakdown.loadAdjustments = now() - t0;
      t0 = now();
      for (const c of contracts) computeMonthFromAggregates(toEngineContract(c), PERIOD, months.get(c.id)?.months ?? [], []);
      breakdown.computeMonth = now() - t0;
      log(
        `    breakdown (steps called one by one, not overlapped): loadContracts ${ms(breakdown.loadContracts)}, turnover aggregates (${int([...months.values()].reduce((n, m) => n + m.months.length, 0))} rows) ${ms(breakdown.loadTurnoverMonths)}, ` +
          `adjustments ${ms(breakdown.loadAdjustments)}, computeMonthFromAggregates ×${contracts.length} ${ms(breakdown.computeMonth)}`,
      );
    }

    // ------------------------------------------------------------------- (c) PDFs
    const d = await timed(() => monthDocuments(engine.db, owner, PERIOD));
    const docs = d.value;
    log(`(c) monthDocuments: ${docs.length} documents in ${ms(d.ms)}`);
    const toRender = docs.slice(0, PDFS);
    let bytes = 0;
    const p = await timed(async () => {
      for (const doc of toRender) bytes += (await renderStatementPdf(doc)).length;
      return toRender;
    });
    const pdf = { count: toRender.length, ms: p.ms, perPdfMs: p.ms / Math.max(1, toRender.length), bytes, peakRss: p.mem.peak.rss };
    log(`    rendered ${pdf.count} PDFs in ${ms(pdf.ms)} (${ms(pdf.perPdfMs)} per PDF, ${(bytes / 1024).toFixed(0)} KiB in all), peak RSS ${mb(pdf.peakRss)}`);

    return {
      engine: kind,
      label,
      version: version.split(" on ")[0],
      seed: { ...seeded, ms: seedMs },
      activeContracts,
      rowsLoaded: rowsInfo.loaded,
      rowsCounted: rowsInfo.counted,
      floor: { bestMs: floorMs, runsMs: floorRuns, groups },
      cycles,
      summary,
      breakdown,
      docs: { ms: d.ms, count: docs.length },
      pdf,
    };
  } finally {
    await engine.close();
    if (drop) {
      await drop();
      pendingDrops.delete(drop);
    }
  }
}

// ------------------------------------------------------------------------------------------ summary

function summary(results: (EngineResult | { engine: EngineKind; skipped: string })[]) {
  console.log(`\n=== Summary: ${int(CONTRACTS)} contracts, ${int(2 * CONTRACTS)} registers, ${YEARS} year(s) of daily turnover, month ${PERIOD}, ${RUNS} cycle(s) ===`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${mb(os.totalmem())} RAM, Node ${process.version}; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  let allPass = true;
  for (const r of results) {
    if ("skipped" in r) {
      console.log(`\n${r.engine}: SKIPPED (${r.skipped})`);
      continue;
    }
    const rows: [string, string, string][] = [];
    const verdict = (ok: boolean) => {
      if (!ok) allPass = false;
      return ok ? "PASS" : "FAIL";
    };
    rows.push(["seed (not measured)", ms(r.seed.ms), `${int(r.seed.turnoverRows)} turnover rows`]);
    rows.push(["rows read", int(r.rowsLoaded), `turnover rows in ${PERIOD} of the assigned registers (${int(r.rowsCounted)} counted)`]);
    rows.push(["floor: bare SUM per contract", ms(r.floor.bestMs), `best of 3 (${r.floor.runsMs.map((x) => x.toFixed(0)).join(", ")} ms)`]);
    for (const [name, idx] of [["drafts, first run", 0], ["drafts, recompute", 1]] as const) {
      const runs = r.cycles.map((c) => c[idx]);
      const med = median(runs.map((c) => c.ms));
      const best = Math.min(...runs.map((c) => c.ms));
      const ratio = med / r.floor.bestMs;
      const checks = [`${ratio.toFixed(2)} × floor ${verdict(ratio <= TARGET_RATIO)} (≤ ${TARGET_RATIO} ×)`];
      if (r.engine === "postgres") checks.unshift(`${verdict(med < TARGET_PG_MS)} (< ${TARGET_PG_MS / 1000} s)`);
      rows.push([
        `${name} (median)`,
        ms(med),
        `${(med / runs[0].statements).toFixed(3)} ms/contract; ${checks.join("; ")}; runs ${runs.map((c) => c.ms.toFixed(0)).join(", ")} ms (best ${ms(best)}); ` +
          `CPU median ${ms(median(runs.map((c) => c.cpuMs)))}; peak RSS ${mb(Math.max(...runs.map((c) => c.peakRss)))}, heap ${mb(Math.max(...runs.map((c) => c.peakHeap)))}`,
      ]);
    }
    const fps = new Set(r.cycles.flat().map((c) => c.fingerprint));
    const asRead = r.cycles.flat().every((c) => c.returnedAsRead);
    rows.push(["statements", String(r.summary.count), `fingerprint ${[...fps].join(" / ")}${fps.size === 1 ? " (same after every run)" : " CHANGED between runs"}; returned = read back: ${asRead ? "yes" : "NO"}`]);
    rows.push(["monthDocuments (all)", ms(r.docs.ms), `${r.docs.count} documents`]);
    rows.push([`render ${r.pdf.count} PDFs`, ms(r.pdf.ms), `${ms(r.pdf.perPdfMs)} per PDF; peak RSS ${mb(r.pdf.peakRss)}`]);
    if (fps.size !== 1 || !asRead) allPass = false;
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    console.log(`\n${r.label} — ${r.version}`);
    for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  }
  const done = results.filter((r): r is EngineResult => !("skipped" in r));
  if (done.length === 2 && done[0].cycles[0][0].fingerprint !== done[1].cycles[0][0].fingerprint) console.log(`\nWARNING: the engines computed different statements (${done[0].cycles[0][0].fingerprint} vs ${done[1].cycles[0][0].fingerprint})`);
  else if (done.length === 2) console.log(`\nBoth engines computed identical statements (fingerprint ${done[0].cycles[0][0].fingerprint}).`);
  if (os.loadavg()[0] > os.cpus().length) console.log(`\nNOTE: the load average (${os.loadavg()[0].toFixed(2)}) exceeds the ${os.cpus().length} CPUs: other processes shared the machine, wall times are inflated (see each run's load average and CPU time).`);
  console.log(`\nTargets (on the median of ${RUNS} run(s)): drafts on PostgreSQL < ${TARGET_PG_MS / 1000} s and ≤ ${TARGET_RATIO} × the bare query → ${allPass ? "PASS" : "FAIL"}`);
  return allPass;
}

// --------------------------------------------------------------------------------------------- main

console.log(`rent benchmark: ${int(CONTRACTS)} contracts, ${YEARS} year(s), month ${PERIOD}, engines ${ENGINES.join(", ")}, ${RUNS} cycle(s), ${PDFS} PDFs`);
const results: (EngineResult | { engine: EngineKind; skipped: string })[] = [];
for (const kind of ENGINES) {
  if (kind !== "postgres" && kind !== "pglite") throw new Error(`unknown engine ${kind}`);
  results.push(await benchEngine(kind));
}
const pass = summary(results);
if (process.env.BENCH_JSON) {
  fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ contracts: CONTRACTS, years: YEARS, period: PERIOD, pass, results }, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
  console.log(`figures written to ${process.env.BENCH_JSON}`);
}
process.exitCode = pass ? 0 : 1;

/**
 * Bulk seed for the rent benchmark: one organisation with N tenants, 2N registers, N premises, N contracts
 * (with contract_premises, contract_kkts, contract_terms rows shaped exactly as lib/contracts/mapping.ts
 * termsToRow and lib/contracts/contracts.ts createContract write them) and Y years of daily turnover per
 * register, all with INSERT … SELECT generate_series (no row-by-row work in JavaScript).
 *
 * Ids are md5-derived UUIDs of the row number, so every table can be filled by set-based SQL without
 * reading ids back, and both engines get byte-identical data.
 */
import type { Engine } from "@/db/engine";

export interface SeedConfig {
  orgId: string;
  contracts: number;
  years: number;
  /** First day of turnover (YYYY-MM-DD). */
  dataFrom: string;
  /** Number of days of turnover from dataFrom. */
  days: number;
  /** First day of the benchmarked month (YYYY-MM-DD). */
  periodFirst: string;
  /** About this many turnover rows per INSERT statement (whole days; progress and memory). */
  chunkRows?: number;
  log?: (msg: string) => void;
}

export interface SeedResult {
  tenants: number;
  kkts: number;
  premises: number;
  contracts: number;
  terms: number;
  assignments: number;
  turnoverRows: number;
  timings: Record<string, number>;
}

const now = () => performance.now();

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * The contract plan, one row per contract, kept in a helper table while seeding (dropped at the end):
 * i, ids, dates. Variety (by i):
 *  - i % 50 = 17 starts on day 10 of the benchmarked month (prorated), i % 50 = 33 ends on day 15 (prorated);
 *    the others start within the data range (so indexation has 0–2 anniversaries) and run five years;
 *  - i % 20 = 11: the second register is assigned only from day 16 of the month (assignment dates matter).
 */
const PLAN_SQL = `
CREATE TABLE bench_seed_plan AS
SELECT i,
       md5('bench-contract-' || i)::uuid AS contract_id,
       md5('bench-tenant-' || i)::uuid AS tenant_id,
       md5('bench-premises-' || i)::uuid AS premises_id,
       md5('bench-kkt-' || (2 * i - 1))::uuid AS kkt1,
       md5('bench-kkt-' || (2 * i))::uuid AS kkt2,
       s.start_date,
       CASE WHEN i % 50 = 33 THEN $4::date + 14 ELSE (s.start_date + interval '5 years' - interval '1 day')::date END AS end_date
FROM generate_series(1, $1::int) i
CROSS JOIN LATERAL (
  SELECT CASE WHEN i % 50 = 17 THEN $4::date + 9 ELSE $2::date + ((i * 37) % $3::int) END AS start_date
) s`;

export async function seed(engine: Engine, cfg: SeedConfig): Promise<SeedResult> {
  // PostgreSQL: one dedicated connection, so session settings (synchronous_commit, maintenance_work_mem) hold.
  const client = engine.pool ? await engine.pool.connect() : undefined;
  const query: Query = client ? async (text, params) => ({ rows: (await client.query(text, params as unknown[])).rows }) : engine.query;
  try {
    return await seedWith(engine, query, cfg);
  } finally {
    client?.release();
  }
}

async function seedWith(engine: Engine, query: Query, cfg: SeedConfig): Promise<SeedResult> {
  const one = async (_e: Engine, text: string, params: unknown[] = []) => (await query(text, params)).rows;
  const log = cfg.log ?? (() => {});
  const timings: Record<string, number> = {};
  const N = cfg.contracts;
  const org = cfg.orgId;
  let t0 = now();
  if (engine.kind === "postgres") await one(engine, "SET synchronous_commit = off");
  await one(engine, "DROP TABLE IF EXISTS bench_seed_plan");
  // Starts spread over the data range, leaving the last ~6 months so every contract is active in the month.
  const span = Math.max(30, Math.min(900, cfg.days - 190));
  await one(engine, PLAN_SQL, [N, cfg.dataFrom, span, cfg.periodFirst]);

  await one(
    engine,
    `INSERT INTO tenants (id, org_id, inn, kpp, name, source)
     SELECT tenant_id, $1::uuid, (7700000000 + i)::text, '770101001', 'ООО «Арендатор ' || i || '»', 'manual' FROM bench_seed_plan`,
    [org],
  );
  await one(
    engine,
    `INSERT INTO kkts (id, org_id, rnm, tenant_id, place, consent_from, reports)
     SELECT k.id, $1::uuid, lpad((1000000000000000 + k.j)::text, 16, '0'), p.tenant_id, 'U-' || lpad(p.i::text, 5, '0'), $2::date, ARRAY['kkt-full-data']
     FROM bench_seed_plan p
     CROSS JOIN LATERAL (VALUES (p.kkt1, 2 * p.i - 1), (p.kkt2, 2 * p.i)) AS k(id, j)`,
    [org, cfg.dataFrom],
  );
  await one(
    engine,
    `INSERT INTO premises (id, org_id, code, floor, area_m2)
     SELECT premises_id, $1::uuid, 'U-' || lpad(i::text, 5, '0'), (i % 4 + 1)::text, (30 + (i * 17) % 500 + (i % 100) / 100.0)::numeric(12, 2)
     FROM bench_seed_plan`,
    [org],
  );
  await one(
    engine,
    `INSERT INTO contracts (id, org_id, number, tenant_id, start_date, end_date, currency, status, lease_year_reconciliation)
     SELECT contract_id, $1::uuid, 'Б-' || lpad(i::text, 5, '0') || '/bench', tenant_id, start_date, end_date, 'RUB', 'active', false
     FROM bench_seed_plan`,
    [org],
  );
  await one(engine, `INSERT INTO contract_premises (org_id, contract_id, premises_id) SELECT $1::uuid, contract_id, premises_id FROM bench_seed_plan`, [org]);
  // createContract: valid_from/valid_to default to the contract's dates (k.from ?? start, k.to ?? end).
  await one(
    engine,
    `INSERT INTO contract_kkts (org_id, contract_id, kkt_id, valid_from, valid_to)
     SELECT $1::uuid, contract_id, kkt1, start_date, end_date FROM bench_seed_plan
     UNION ALL
     SELECT $1::uuid, contract_id, kkt2, CASE WHEN i % 20 = 11 THEN greatest(start_date, $2::date + 15) ELSE start_date END, end_date FROM bench_seed_plan`,
    [org, cfg.periodFirst],
  );
  // Columns exactly as termsToRow writes them (yearly_thresholds is not written by it: stays NULL).
  const termsSelect = (effectiveFrom: string, amountFactor: string, where: string) => `
     SELECT $1::uuid, p.contract_id, ${effectiveFrom}, m.mode::rent_mode, b.kind::base_rent_kind, (b.amount ${amountFactor})::bigint,
            CASE WHEN p.i % 5 = 0 THEN '[{"from": "0", "rate": "8"}, {"from": "300000000", "rate": "6.5"}]'::jsonb
                 ELSE jsonb_build_array(jsonb_build_object('from', '0', 'rate', (5 + p.i % 6)::text)) END,
            CASE WHEN m.mode = 'base_plus_overage' AND p.i % 8 = 5 THEN 500000000::bigint END,
            CASE WHEN p.i % 40 = 0 THEN 10000000::bigint END,
            CASE WHEN p.i % 40 = 0 THEN 300000000::bigint END,
            CASE WHEN p.i % 10 = 7 THEN 'gross' ELSE 'net' END,
            CASE WHEN p.i % 6 = 5 THEN 'excluded' ELSE 'included' END,
            CASE WHEN p.i % 25 = 3 THEN ARRAY['prepaid', 'credit'] END,
            CASE WHEN p.i % 3 = 2 THEN NULL ELSE 22 END,
            (p.i % 15 = 4),
            CASE WHEN p.i % 2 = 0 THEN 5 WHEN p.i % 7 = 3 THEN 4.5 END,
            CASE WHEN p.i % 2 = 0 THEN 'anniversary' WHEN p.i % 7 = 3 THEN '01-01' END
     FROM bench_seed_plan p
     CROSS JOIN LATERAL (SELECT (ARRAY['greater_of', 'base_plus_overage', 'percentage_only', 'base_plus_percentage'])[p.i % 4 + 1] AS mode) m
     CROSS JOIN LATERAL (
       SELECT CASE WHEN m.mode = 'percentage_only' THEN 'monthly' ELSE (ARRAY['monthly', 'per_m2_monthly', 'per_m2_yearly'])[p.i % 3 + 1] END AS kind,
              CASE WHEN m.mode = 'percentage_only' THEN 0
                   WHEN p.i % 3 = 0 THEN 20000000 + (p.i % 50) * 1000000
                   WHEN p.i % 3 = 1 THEN 150000 + (p.i % 20) * 10000
                   ELSE 1800000 + (p.i % 20) * 120000 END::bigint AS amount
     ) b
     ${where}`;
  const termsCols = `(org_id, contract_id, effective_from, mode, base_rent_kind, base_rent_amount, tiers, breakpoint, pct_floor, pct_cap,
                      basis_refunds, basis_vat, excluded_forms, vat_on_rent, vat_inclusive, indexation_percent, indexation_on)`;
  await one(engine, `INSERT INTO contract_terms ${termsCols} ${termsSelect("p.start_date", "", "")}`, [org]);
  // An amendment for every 10th contract: a second terms version five months before the month, base +10 %.
  await one(
    engine,
    `INSERT INTO contract_terms ${termsCols} ${termsSelect("($2::date - interval '5 months')::date", "* 11 / 10", "WHERE p.i % 10 = 9 AND p.start_date < ($2::date - interval '5 months')::date")}`,
    [org, cfg.periodFirst],
  );
  timings.masterData = now() - t0;
  log(`master data in ${(timings.masterData / 1000).toFixed(1)} s`);

  // Turnover: drop the table's keys and indexes, load, rebuild them (as pg_restore does), then analyse.
  t0 = now();
  const cons = (await one(
    engine,
    `SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'turnover_daily'::regclass AND contype IN ('p', 'u', 'f')`,
  )) as { conname: string; contype: string; def: string }[];
  const idx = (await one(
    engine,
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'turnover_daily'
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'turnover_daily'::regclass)`,
  )) as { indexname: string; indexdef: string }[];
  for (const type of ["f", "u", "p"]) for (const c of cons.filter((x) => x.contype === type)) await one(engine, `ALTER TABLE turnover_daily DROP CONSTRAINT "${c.conname}"`);
  for (const i of idx) await one(engine, `DROP INDEX "${i.indexname}"`);
  timings.dropKeys = now() - t0;

  // Day-major order, as a live system writes it (each sync adds the latest days of every register), so
  // a month's rows sit together in the heap as they would in production.
  t0 = now();
  const kktTotal = 2 * N;
  const chunkDays = Math.max(1, Math.floor((cfg.chunkRows ?? 400_000) / kktTotal));
  let lastLogged = -1;
  for (let a = 0; a < cfg.days; a += chunkDays) {
    const b = Math.min(cfg.days - 1, a + chunkDays - 1);
    await one(
      engine,
      `INSERT INTO turnover_daily (org_id, kkt_id, day, source, income, refunds, income_vat, refunds_vat,
                                   income_cash, income_cashless, income_prepaid, income_credit,
                                   refunds_cash, refunds_cashless, refunds_prepaid, refunds_credit, receipts, refund_receipts)
       SELECT $1::uuid, md5('bench-kkt-' || j)::uuid, x.day, 'renta:kkt-full-data', y.inc, z.ref, y.inc * 20 / 120, z.ref * 20 / 120,
              y.inc / 5, y.inc - y.inc / 5, 0, 0, z.ref / 5, z.ref - z.ref / 5, 0, 0, (y.inc / 150000 + 1)::int, (z.ref / 150000)::int
       FROM generate_series($2::int, $3::int) d
       CROSS JOIN generate_series(1, $5::int) j
       CROSS JOIN LATERAL (SELECT $4::date + d AS day, (j::bigint * 2654435761 + d::bigint * 40503) % 1000003 AS h) x
       CROSS JOIN LATERAL (SELECT (2000000 + (j % 97) * 150000)::bigint * (CASE WHEN extract(isodow FROM x.day) >= 6 THEN 135 ELSE 100 END) * (80 + x.h % 41) / 10000 AS inc) y
       CROSS JOIN LATERAL (SELECT y.inc * (x.h % 4) / 100 AS ref) z
       WHERE x.h % 211 <> 0`,
      [org, a, b, cfg.dataFrom, kktTotal],
    );
    const tenth = Math.floor(((b + 1) / cfg.days) * 10);
    if (tenth !== lastLogged) {
      lastLogged = tenth;
      log(`turnover: day ${b + 1}/${cfg.days} (${(((b + 1) / cfg.days) * 100).toFixed(0)} %), ${((now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  timings.turnoverInsert = now() - t0;

  t0 = now();
  if (engine.kind === "postgres") await one(engine, "SET maintenance_work_mem = '512MB'");
  for (const c of cons.filter((x) => x.contype === "p")) await one(engine, `ALTER TABLE turnover_daily ADD CONSTRAINT "${c.conname}" ${c.def}`);
  for (const c of cons.filter((x) => x.contype === "u")) await one(engine, `ALTER TABLE turnover_daily ADD CONSTRAINT "${c.conname}" ${c.def}`);
  for (const i of idx) await one(engine, i.indexdef);
  for (const c of cons.filter((x) => x.contype === "f")) await one(engine, `ALTER TABLE turnover_daily ADD CONSTRAINT "${c.conname}" ${c.def}`);
  timings.rebuildKeys = now() - t0;
  log(`keys and indexes rebuilt in ${(timings.rebuildKeys / 1000).toFixed(1)} s`);

  t0 = now();
  await one(engine, "DROP TABLE bench_seed_plan");
  // What autovacuum would have done by the time anyone computes a month: statistics and visibility map.
  await one(engine, "VACUUM ANALYZE");
  // Write the seed's dirty pages out now, not as a background checkpoint during the measurements.
  await one(engine, "CHECKPOINT").catch((e: Error) => log(`CHECKPOINT not run (${e.message}): the first measurements may share the disk with it`));
  timings.vacuumAnalyze = now() - t0;
  log(`vacuum analyze and checkpoint in ${(timings.vacuumAnalyze / 1000).toFixed(1)} s`);

  const [counts] = await one(
    engine,
    `SELECT (SELECT count(*) FROM tenants WHERE org_id = $1::uuid)::int AS tenants, (SELECT count(*) FROM kkts WHERE org_id = $1::uuid)::int AS kkts,
            (SELECT count(*) FROM premises WHERE org_id = $1::uuid)::int AS premises, (SELECT count(*) FROM contracts WHERE org_id = $1::uuid)::int AS contracts,
            (SELECT count(*) FROM contract_terms WHERE org_id = $1::uuid)::int AS terms, (SELECT count(*) FROM contract_kkts WHERE org_id = $1::uuid)::int AS assignments,
            (SELECT count(*) FROM turnover_daily WHERE org_id = $1::uuid)::int AS turnover_rows`,
    [org],
  );
  const c = counts as Record<string, number>;
  return {
    tenants: c.tenants,
    kkts: c.kkts,
    premises: c.premises,
    contracts: c.contracts,
    terms: c.terms,
    assignments: c.assignments,
    turnoverRows: c.turnover_rows,
    timings,
  };
}

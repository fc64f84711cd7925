import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { createConnection } from "@/lib/connections/connections";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { startRentaSimulator, type RentaSimulator } from "@/lib/providers/renta/simulator/server";
import type { SimErrorName } from "@/lib/providers/renta/simulator/handlers";
import { DOCUMENTED_CODES, WIRE_NAME } from "@/lib/providers/renta/errors";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { discoverConnection } from "./discovery";
import { setStoreCategory, updateTenant } from "@/lib/tenancy/tenancy";
import { getSyncRun, startNightlyResync, startSyncRun } from "./runs";
import { runTurnoverSync } from "./turnover-sync";
import { startWorkers, stopQueue } from "@/lib/jobs/queue";
import { createContract } from "@/lib/contracts/contracts";
import { computeStatements, getStatementDto, issueStatement } from "@/lib/statements/statements";
import { contractInputSchema } from "@/lib/validations/contracts";

const DATASET = { seed: 7, cabinets: 2, tenants: 12, kkts: 30, from: "2026-01-01", to: "2026-03-31" };
const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 1500, maxRetries: 8 };
const noQueue = async () => {};
const KEY = crypto.randomBytes(32);

const rows = (r: unknown) => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));

describe.each(testEngines)("Renta discovery and turnover sync against the simulator on %s", (kind) => {
  let engine: Engine;
  let sim: RentaSimulator;
  let A: OrgFixture;
  let B: OrgFixture;
  let connA: string;

  async function totals(orgId: string) {
    const [r] = rows(await engine.db.execute(sql`select count(*)::int as n, coalesce(sum(income), 0)::text as income, coalesce(sum(refunds), 0)::text as refunds, count(distinct (kkt_id, day))::int as distinct_days from turnover_daily where org_id = ${orgId}`));
    return r;
  }
  async function connection(org: OrgFixture) {
    return (await createConnection(engine.db, org.users.owner.actor, { provider: "renta", name: `sim ${crypto.randomBytes(3).toString("hex")}`, baseUrl: sim.url, credentials: { login: sim.login, password: sim.password } })).id;
  }
  async function sync(org: OrgFixture, connectionId: string, from: string, to: string, tuning = {}) {
    const run = await startSyncRun(engine.db, org.users.admin.actor, org.id, { connectionId, from, to }, noQueue);
    const out = await runTurnoverSync(engine.db, org.id, run.id, { ...FAST, ...tuning });
    return { id: run.id, ...out };
  }

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: KEY } });
    sim = await startRentaSimulator({
      port: 0,
      dataset: DATASET,
      accounts: [
        { login: "no-agreement@sim.test", password: "sim-password-1", state: "no-agreement" },
        { login: "deleted@sim.test", password: "sim-password-2", state: "deleted" },
      ],
    });
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    A = await createOrgFixture(engine, "Sync Mall A");
    B = await createOrgFixture(engine, "Sync Mall B");
    connA = await connection(A);
  });
  afterAll(async () => {
    await stopQueue();
    await sim?.close();
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("discovers cabinets, tenants, registers and stores, and a second run updates without duplicating", async () => {
    const first = await discoverConnection(engine.db, A.users.admin.actor, connA, FAST);
    expect(first.cabinets).toHaveLength(2);
    expect(first.kkts).toBe(30);
    expect(first.tenants).toBeGreaterThanOrEqual(12);
    expect(first.stores).toBeGreaterThan(0);
    // An admin's store category survives a re-discovery.
    const [store] = rows(await engine.db.execute(sql`select id::text as id from stores where org_id = ${A.id} order by name limit 1`));
    await setStoreCategory(engine.db, A.users.admin.actor, { storeId: String(store.id), category: "Кофейни" });
    // And a tenant renamed by hand keeps its name; the others take the provider's again.
    const [t1, t2] = rows(await engine.db.execute(sql`select id::text as id, name from tenants where org_id = ${A.id} order by inn limit 2`));
    await updateTenant(engine.db, A.users.admin.actor, String(t1.id), { name: "Кафе у фонтана" });
    await engine.db.execute(sql`update tenants set name = 'stale' where id = ${String(t2.id)}`);
    const again = await discoverConnection(engine.db, A.users.admin.actor, connA, FAST);
    const [kept] = rows(await engine.db.execute(sql`select category_override as c from stores where id = ${String(store.id)}`));
    expect(kept.c).toBe("Кофейни");
    const names = rows(await engine.db.execute(sql`select id::text as id, name from tenants where id in (${String(t1.id)}, ${String(t2.id)})`));
    expect(Object.fromEntries(names.map((n) => [n.id, n.name]))).toEqual({ [String(t1.id)]: "Кафе у фонтана", [String(t2.id)]: t2.name });
    expect(again).toEqual({ ...first, cabinets: first.cabinets });
    const [c] = rows(await engine.db.execute(sql`select (select count(*)::int from kkts where org_id = ${A.id}) as k, (select count(*)::int from cabinets where org_id = ${A.id}) as c, (select count(*)::int from tenants where org_id = ${A.id}) as t`));
    expect(c).toEqual({ k: 30, c: 2, t: first.tenants });
    // An accountant may not discover; another organisation's id is not found.
    await expect(discoverConnection(engine.db, A.users.accountant.actor, connA)).rejects.toMatchObject({ code: "forbidden" });
    await expect(discoverConnection(engine.db, B.users.owner.actor, connA)).rejects.toMatchObject({ code: "not_found" });
  });

  let clean: Record<string, unknown>;
  it("syncs a month with the fewest requests; a re-run writes nothing", async () => {
    sim.resetCounters();
    const r = await sync(A, connA, "2026-03-01", "2026-03-31");
    expect(r.status, JSON.stringify(await getSyncRun(engine.db, A.users.admin.actor, r.id))).toBe("succeeded");
    expect(r.done).toBe(r.total);
    clean = await totals(A.id);
    expect(Number(clean.n)).toBeGreaterThan(500);
    const dto = await getSyncRun(engine.db, A.users.admin.actor, r.id);
    expect(dto).toMatchObject({ status: "succeeded", progress: { done: r.total, total: r.total }, errors: [] });
    // One-day requests, 30 registers fit one URL: one request per cabinet-day with consent, plus sign-in and the cabinet list.
    expect(sim.counters().byPath["/api/rent/v2/kkt-full-data"] ?? Object.entries(sim.counters().byPath).find(([p]) => p.includes("kkt-full-data"))?.[1]).toBeLessThanOrEqual(2 * 31);

    const before = rows(await engine.db.execute(sql`select max(pulled_at)::text as t from turnover_daily where org_id = ${A.id}`))[0].t;
    const again = await sync(A, connA, "2026-03-01", "2026-03-31");
    expect(again.status).toBe("succeeded");
    expect(await totals(A.id)).toEqual(clean);
    const [w] = rows(await engine.db.execute(sql`select count(*)::int as n, max(pulled_at)::text as t from turnover_daily where org_id = ${A.id} and sync_run_id = ${again.id}`));
    expect(w.n).toBe(0);
    expect(rows(await engine.db.execute(sql`select max(pulled_at)::text as t from turnover_daily where org_id = ${A.id}`))[0].t).toBe(before);
    // Days outside a register's consent are recorded as not available, never as zero turnover.
    const [na] = rows(await engine.db.execute(sql`select count(*)::int as n from kkt_day_status s where s.org_id = ${A.id} and exists (select 1 from turnover_daily t where t.org_id = s.org_id and t.kkt_id = s.kkt_id and t.day = s.day)`));
    expect(na.n).toBe(0);
  });

  it("ends with identical totals under faults (5xx, timeouts, 429, malformed JSON, expiring tokens)", async () => {
    await engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id}`);
    sim.setFaults({ error5xxRate: 0.2, timeoutRate: 0.05, hangMs: 300, rate429: 0.05, retryAfterSeconds: 0, malformedRate: 0.02, tokenLifetimeSeconds: 2 });
    const faulty = await sync(A, connA, "2026-03-01", "2026-03-31", { timeoutMs: 200 });
    sim.setFaults({ error5xxRate: 0, timeoutRate: 0, rate429: 0, malformedRate: 0, tokenLifetimeSeconds: 3600 });
    expect(faulty.status, JSON.stringify((await getSyncRun(engine.db, A.users.admin.actor, faulty.id)).errors.slice(0, 3))).toBe("succeeded");
    expect(await totals(A.id)).toEqual(clean);

  });

  it.runIf(kind === "postgres")("resumes after 20 workers killed with SIGKILL at random moments: identical totals, no duplicates", async () => {
    await engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id}`);
    const run = await startSyncRun(engine.db, A.users.admin.actor, A.id, { connectionId: connA, from: "2026-03-01", to: "2026-03-31" }, noQueue);
    sim.setFaults({ latencyMs: 60 });
    const url = (engine.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const env = { ...process.env, TURNRENT_SECRET_KEY: KEY.toString("hex"), DATABASE_URL: url };
    const kills: number[] = [];
    for (let i = 0; i < 20; i++) {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/sync-child.ts", url, A.id, run.id], { env, stdio: ["ignore", "pipe", "ignore"] });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      // Kill somewhere in the pull: a random moment after the worker says it is starting (a pull takes about a second).
      let timer: NodeJS.Timeout | undefined;
      child.stdout!.on("data", (d: Buffer) => {
        if (!timer && d.toString().includes("ready")) timer = setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 1000));
      });
      await exited;
      clearTimeout(timer);
      kills.push((await getSyncRun(engine.db, A.users.admin.actor, run.id)).progress.done);
    }
    sim.setFaults({ latencyMs: 0 });
    const before = await getSyncRun(engine.db, A.users.admin.actor, run.id);
    expect(before.status === "running" || before.status === "succeeded", JSON.stringify(kills)).toBe(true);
    const done = await runTurnoverSync(engine.db, A.id, run.id, FAST);
    expect(done.status).toBe("succeeded");
    expect(done.done).toBe(done.total);
    expect(await totals(A.id)).toEqual(clean);
    const [dup] = rows(await engine.db.execute(sql`select count(*)::int as n from (select kkt_id, day, source from turnover_daily where org_id = ${A.id} group by 1, 2, 3 having count(*) > 1) d`));
    expect(dup.n).toBe(0);
    // The kills landed at different points of the pull (progress grew across them).
    expect(new Set(kills).size).toBeGreaterThan(1);
  }, 180_000);

  it("runs a sync through the job queue (pg-boss) started by the API's use case", async () => {
    await startWorkers();
    const run = await startSyncRun(engine.db, A.users.admin.actor, A.id, { connectionId: connA, from: "2026-03-05", to: "2026-03-06" });
    let dto = await getSyncRun(engine.db, A.users.admin.actor, run.id);
    for (let i = 0; i < 100 && (dto.status === "queued" || dto.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 200));
      dto = await getSyncRun(engine.db, A.users.admin.actor, run.id);
    }
    expect(dto.status).toBe("succeeded");
    expect(dto.progress.done).toBe(dto.progress.total);
    await stopQueue();
  }, 60_000);

  it("names the provider's refusals on the run: a wrong password, days the cabinet has not paid for", async () => {
    const before = await totals(A.id);
    const wrong = (await createConnection(engine.db, A.users.owner.actor, { provider: "renta", name: `wrong ${crypto.randomBytes(3).toString("hex")}`, baseUrl: sim.url, credentials: { login: sim.login, password: "not-the-password" } })).id;
    await expect(discoverConnection(engine.db, A.users.admin.actor, wrong, FAST)).rejects.toMatchObject({ code: "provider", message: expect.stringMatching(/^Renta /) });
    // The second cabinet is paid from 2026-03-01: February is not requested for it and the run says so.
    const r = await sync(A, connA, "2026-02-27", "2026-03-01");
    expect(r.status).toBe("partial");
    const dto = await getSyncRun(engine.db, A.users.admin.actor, r.id);
    expect(dto.errors).toEqual([expect.objectContaining({ code: "TimeIntervalNotPaid", days: ["2026-02-27", "2026-02-28"] })]);
    expect(JSON.stringify(dto)).not.toContain("not-the-password");
    // Stored: the paid cabinet's February days; nothing for the unpaid one, never zeros.
    const [unpaid] = rows(await engine.db.execute(sql`select count(*)::int as n from turnover_daily t join kkts k on k.id = t.kkt_id join cabinets c on c.id = k.cabinet_id where t.org_id = ${A.id} and c.active_from = '2026-03-01' and t.day < '2026-03-01'`));
    expect(unpaid.n).toBe(0);
    expect(Number((await totals(A.id)).n)).toBeGreaterThan(Number(before.n));
  });

  it("each documented refusal of a sync request reaches the run by its name, and that request stores nothing", async () => {
    const q = async (text: ReturnType<typeof sql>) => rows(await engine.db.execute(text));
    const errorsOf = async (runId: string) => (await getSyncRun(engine.db, A.users.admin.actor, runId)).errors;
    const storedOn = async (day: string, rnms: string[]) =>
      rnms.length === 0 ? 0 : (await q(sql`select count(*)::int as n from turnover_daily t join kkts k on k.id = t.kkt_id where t.org_id = ${A.id} and t.day = ${day} and k.rnm in (${sql.join(rnms.map((r) => sql`${r}`), sql`, `)})`))[0].n;
    // The day is pulled afresh: whatever a refused request would write would show.
    const forget = (day: string) => engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id} and day = ${day}`);

    // KktNotFound: a register the provider does not know, in a cabinet it does.
    const [cab] = await q(sql`select id::text as id from cabinets where org_id = ${A.id} and active_from <= '2026-03-20' order by inn limit 1`);
    const [anyTenant] = await q(sql`select tenant_id::text as t from kkts where cabinet_id = ${String(cab.id)} limit 1`);
    await engine.db.execute(sql`insert into kkts (org_id, rnm, tenant_id, cabinet_id, consent_from, consent_to) values (${A.id}, '0000000000999999', ${String(anyTenant.t)}, ${String(cab.id)}, '2026-01-01', '2026-12-31')`);
    try {
      await forget("2026-03-20");
      const r1 = await sync(A, connA, "2026-03-20", "2026-03-20");
      expect(r1.status).not.toBe("succeeded");
      const e1 = (await errorsOf(r1.id)).find((e) => e.code === "KktNotFound");
      expect(e1, JSON.stringify(await errorsOf(r1.id))).toMatchObject({ code: "KktNotFound", days: ["2026-03-20"], message: expect.stringContaining("Renta kkt-full-data") });
      expect(e1!.rnms).toContain("0000000000999999");
      expect(await storedOn("2026-03-20", e1!.rnms)).toBe(0);
    } finally {
      await engine.db.execute(sql`delete from kkts where org_id = ${A.id} and rnm = '0000000000999999'`);
    }

    // Every documented error, as the provider sends it in answer to the turnover request (simulator knob).
    for (const code of DOCUMENTED_CODES) {
      await forget("2026-03-21");
      sim.setFaults({ refuseWith: { error: (WIRE_NAME[code] ?? code) as SimErrorName, path: "kkt-full-data" } });
      let r: Awaited<ReturnType<typeof sync>>;
      try {
        r = await sync(A, connA, "2026-03-21", "2026-03-21");
      } finally {
        sim.setFaults({ refuseWith: undefined });
      }
      expect(r.status, code).toBe("failed");
      const errors = await errorsOf(r.id);
      expect(errors.length, code).toBeGreaterThan(0);
      if (code === "UserAccountNotFound" || code === "RentaNotFound" || code === "RentaAgreementNotFound") {
        // The login or its cabinet is gone: the run stops at once, one error for the whole connection.
        expect(errors, code).toEqual([expect.objectContaining({ code, message: expect.stringMatching(/^Renta /) })]);
        const [conn] = await q(sql`select status::text as s from connections where id = ${connA}`);
        expect(conn.s, code).toBe(code === "UserAccountNotFound" ? "auth_failed" : "error");
      } else {
        for (const e of errors) {
          expect(e, code).toMatchObject({ code, days: ["2026-03-21"], message: expect.stringMatching(/^Renta /) });
          expect(e.rnms.length, code).toBeGreaterThan(0);
        }
      }
      expect((await q(sql`select count(*)::int as n from turnover_daily where org_id = ${A.id} and day = '2026-03-21'`))[0].n, code).toBe(0);
    }
    const restored = await sync(A, connA, "2026-03-21", "2026-03-21");
    expect(restored.status).toBe("succeeded");

    // TimeIntervalNotPaid from the provider: we believe a cabinet was paid for earlier than it was.
    await engine.db.execute(sql`update cabinets set active_from = '2026-02-01' where org_id = ${A.id} and active_from = '2026-03-01'`);
    try {
      await forget("2026-02-27");
      const r3 = await sync(A, connA, "2026-02-27", "2026-02-27");
      const e3 = (await errorsOf(r3.id)).filter((e) => e.code === "TimeIntervalNotPaid");
      expect(e3.length, JSON.stringify(await errorsOf(r3.id))).toBeGreaterThan(0);
      expect(await storedOn("2026-02-27", e3.flatMap((e) => e.rnms))).toBe(0);
    } finally {
      await engine.db.execute(sql`update cabinets set active_from = '2026-03-01' where org_id = ${A.id} and active_from = '2026-02-01'`);
    }

    // A login without a Renta agreement, or deleted: discovery names the refusal and stores nothing.
    for (const [login, password, code] of [["no-agreement@sim.test", "sim-password-1", "RentaAgreementNotFound"], ["deleted@sim.test", "sim-password-2", "UserAccountNotFound"]] as const) {
      const c = (await createConnection(engine.db, B.users.owner.actor, { provider: "renta", name: `${code} ${crypto.randomBytes(2).toString("hex")}`, baseUrl: sim.url, credentials: { login, password } })).id;
      const err = await discoverConnection(engine.db, B.users.owner.actor, c, FAST).catch((e) => e);
      expect(err).toMatchObject({ code: "provider" });
      expect(String(err.message)).toMatch(/^Renta /);
      expect((await q(sql`select count(*)::int as n from cabinets where org_id = ${B.id}`))[0].n).toBe(0);
    }
  });

  it("the nightly job re-pulls the last 7 days of every connection", async () => {
    const started = await startNightlyResync(engine.db, new Date("2026-03-20T09:00:00Z"));
    expect(started).toBeGreaterThanOrEqual(1);
    const [run] = rows(await engine.db.execute(sql`select id::text as id, from_date::text as f, to_date::text as t, kind::text as k from sync_runs where org_id = ${A.id} and kind = 'nightly' order by created_at desc limit 1`));
    expect(run).toMatchObject({ f: "2026-03-13", t: "2026-03-19", k: "nightly" });
    const out = await runTurnoverSync(engine.db, A.id, String(run.id), FAST);
    expect(out.status).toBe("succeeded");
    await stopQueue();
  });

  it("a late receipt brought by a re-sync flags the issued statement of its month, which itself stays as issued", async () => {
    // A register of A with turnover on 10 March, and a contract counting it.
    const [k] = rows(await engine.db.execute(sql`select k.id::text as id, k.rnm, k.tenant_id::text as "tenantId" from kkts k where k.org_id = ${A.id} and exists (select 1 from turnover_daily t where t.org_id = k.org_id and t.kkt_id = k.id and t.day = '2026-03-10' and t.income > 0) order by k.rnm limit 1`));
    // The 10th's receipts had not reached the operator when the month was issued.
    const before = await totals(A.id);
    await engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id} and kkt_id = ${k.id}::uuid and day = '2026-03-10'`);
    const terms = [{ effectiveFrom: "2026-01-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }];
    const c = await createContract(engine.db, A.users.admin.actor, contractInputSchema.parse({ number: "LATE-1", tenantId: k.tenantId, premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB", kkts: [{ rnm: k.rnm }], terms }));
    const [s] = await computeStatements(engine.db, A.users.owner.actor, { period: "2026-03", contractIds: [c.id] });
    expect(s.flags).toContainEqual(expect.objectContaining({ code: "missing_days", rnm: k.rnm, days: ["2026-03-10"] }));
    await issueStatement(engine.db, A.users.owner.actor, s.id);

    // The re-pull of the 10th (as the nightly job does) brings the receipts: the issued statement is flagged, unchanged.
    const r = await sync(A, connA, "2026-03-10", "2026-03-10");
    expect(r.status).toBe("succeeded");
    expect(await totals(A.id)).toEqual(before);
    const after = await getStatementDto(engine.db, A.users.owner.actor, s.id);
    expect(after).toMatchObject({ id: s.id, status: "issued", revision: 1, needsRevision: true, turnover: s.turnover, total: s.total, lines: s.lines });
    const [audit] = rows(await engine.db.execute(sql`select actor_label as "by" from audit_events where org_id = ${A.id} and action = 'statements.computed' order by id desc limit 1`));
    expect(audit.by).toBe("sync (late receipts check)");
    // A second re-pull changes nothing more.
    await sync(A, connA, "2026-03-10", "2026-03-10");
    expect(await getStatementDto(engine.db, A.users.owner.actor, s.id)).toEqual(after);
  });

  it("allows one active sync per connection and reports provider errors on the run", async () => {
    const first = await startSyncRun(engine.db, A.users.admin.actor, A.id, { connectionId: connA, from: "2026-03-01", to: "2026-03-02" }, noQueue);
    await expect(startSyncRun(engine.db, A.users.admin.actor, A.id, { connectionId: connA, from: "2026-03-01", to: "2026-03-02" }, noQueue)).rejects.toMatchObject({ code: "conflict" });
    await runTurnoverSync(engine.db, A.id, first.id, FAST);
    await expect(startSyncRun(engine.db, A.users.accountant.actor, A.id, { connectionId: connA, from: "2026-03-01", to: "2026-03-02" }, noQueue)).rejects.toMatchObject({ code: "forbidden" });
    await expect(startSyncRun(engine.db, B.users.owner.actor, B.id, { connectionId: connA, from: "2026-03-01", to: "2026-03-02" }, noQueue)).rejects.toMatchObject({ code: "not_found" });

    // Every request refused (the provider answers 500 every time): each error is on the run, nothing stored half-way.
    const before = await totals(A.id);
    sim.setFaults({ error5xxRate: 1 });
    const bad = await sync(A, connA, "2026-03-10", "2026-03-11", { maxRetries: 1 });
    sim.setFaults({ error5xxRate: 0 });
    expect(bad.status).toBe("failed");
    const dto = await getSyncRun(engine.db, A.users.admin.actor, bad.id);
    expect(dto.errors.length).toBeGreaterThan(0);
    expect(dto.errors[0]).toMatchObject({ code: expect.stringMatching(/InternalError|Http/), message: expect.stringContaining("Renta") });
    expect(dto.errors[0].days.length).toBe(1);
    expect(await totals(A.id)).toEqual(before);
  });
});

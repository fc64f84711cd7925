import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { createConnection } from "@/lib/connections/connections";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { createContract } from "@/lib/contracts/contracts";
import { dayNumber } from "@/lib/providers/renta/dates";
import { periodTotals } from "@/lib/providers/renta/simulator/figures";
import { startKonturSimulator, type KonturSimulator } from "@/lib/providers/kontur/simulator/server";
import { computeStatements } from "@/lib/statements/statements";
import { createTenant } from "@/lib/tenancy/tenancy";
import { checkRegisterDay, checkRegisterMonth, registerMonth, registerReceipt } from "@/lib/turnover/register-day";
import { turnoverReport } from "@/lib/turnover/report";
import { contractInputSchema } from "@/lib/validations/contracts";
import { innFromPrefix } from "@/lib/validations/identifiers";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { KONTUR_SOURCE } from "./kontur-sync";
import { syncWindows } from "./windowed-sync";
import { getSyncRun, startSyncRun } from "./runs";
import { runTurnoverSync } from "./turnover-sync";

const DATASET = { seed: 11, cabinets: 1, tenants: 8, kkts: 14, from: "2026-01-01", to: "2026-04-30" };
const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 2000, maxRetries: 8 };
const noQueue = async () => {};
const KEY = crypto.randomBytes(32);
const rows = (r: unknown) => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));
const sum = (q: readonly bigint[]) => q.reduce((a, b) => a + b, 0n);

describe("syncWindows", () => {
  it("covers the period in weeks, the last one cut at its end", () => {
    expect(syncWindows("2026-03-01", "2026-03-16")).toEqual([
      { from: "2026-03-01", to: "2026-03-07" },
      { from: "2026-03-08", to: "2026-03-14" },
      { from: "2026-03-15", to: "2026-03-16" },
    ]);
    expect(syncWindows("2026-03-05", "2026-03-05")).toEqual([{ from: "2026-03-05", to: "2026-03-05" }]);
  });
});

describe.each(testEngines)("Kontur.OFD connection, registers and turnover sync against the simulator on %s", (kind) => {
  let engine: Engine;
  let sim: KonturSimulator;
  let A: OrgFixture;
  let B: OrgFixture;
  let conn: string;
  /** Register id by RNM, and each RNM's dataset index. */
  const kktIds = new Map<string, string>();
  const index = new Map<string, number>();

  async function konturConnection(org: OrgFixture, credentials = { apiKey: sim.apiKey, sid: sim.sid }) {
    return (await createConnection(engine.db, org.users.owner.actor, { provider: "kontur", name: `kontur ${crypto.randomBytes(3).toString("hex")}`, baseUrl: sim.url, credentials })).id;
  }
  async function sync(org: OrgFixture, connectionId: string, from: string, to: string) {
    const run = await startSyncRun(engine.db, org.users.admin.actor, org.id, { connectionId, from, to }, noQueue);
    const out = await runTurnoverSync(engine.db, org.id, run.id, FAST);
    return { id: run.id, ...out, dto: await getSyncRun(engine.db, org.users.admin.actor, run.id) };
  }
  async function stored(orgId: string, from: string, to: string) {
    return rows(
      await engine.db.execute(sql`select k.rnm, t.day::text as day, t.source, t.income::text as income, t.refunds::text as refunds, t.income_cash::text as cash, t.income_cashless::text as cashless,
        t.income_vat::text as vat, t.receipts, t.refund_receipts, t.sync_run_id::text as run
        from turnover_daily t join kkts k on k.id = t.kkt_id where t.org_id = ${orgId} and t.day between ${from} and ${to} order by k.rnm, t.day`),
    );
  }

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: KEY } });
    sim = await startKonturSimulator({ port: 0, dataset: DATASET });
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    A = await createOrgFixture(engine, "Kontur Mall A");
    B = await createOrgFixture(engine, "Kontur Mall B");
    conn = await konturConnection(A);
    for (const org of sim.organizations) {
      const t = sim.dataset.tenants.find((x) => x.inn === org.inn)!;
      const tenant = await createTenant(engine.db, A.users.admin.actor, { inn: org.inn, kpp: t.kpp ?? "", name: org.name });
      for (const [i, rnm] of org.rnms.entries()) {
        // Added over HTTP, as an integration would.
        const res = await callRoute((await import("@/app/api/v1/connections/[id]/kkts/route")).POST, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm, organizationId: org.id, tenantId: tenant.id, place: "Касса 1" }, { id: conn });
        expect(res.status, res.text).toBe(201);
        kktIds.set(rnm, res.json.id);
        index.set(rnm, org.kkts[i]);
      }
    }
  });
  afterAll(async () => {
    await sim?.close();
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("keeps the key and the session encrypted, and lists the registers with their Kontur organisations", async () => {
    const [c] = rows(await engine.db.execute(sql`select secret_ciphertext as s from connections where id = ${conn}`));
    expect(String(c.s)).not.toContain(sim.sid);
    expect(String(c.s)).not.toContain(sim.apiKey);
    const res = await callRoute((await import("@/app/api/v1/connections/[id]/kkts/route")).GET, "GET", `/api/v1/connections/${conn}/kkts`, A.keys.owner, undefined, { id: conn });
    expect(res.status).toBe(200);
    expect(res.json.data.map((r: { rnm: string }) => r.rnm)).toEqual([...kktIds.keys()].sort());
    expect(res.json.data[0]).toMatchObject({ organizationId: expect.any(String), tenantName: expect.any(String), place: "Касса 1" });
    const list = await callRoute((await import("@/app/api/v1/connections/route")).GET, "GET", "/api/v1/connections", A.keys.owner);
    expect(list.json.data.find((x: { id: string }) => x.id === conn)).toMatchObject({ provider: "kontur", hasCredentials: true });
    expect(list.text).not.toContain(sim.sid);
  });

  it("refuses a bad register next to its field, a register twice, and a Renta connection's registers", async () => {
    const route = (await import("@/app/api/v1/connections/[id]/kkts/route")).POST;
    const [tenant] = rows(await engine.db.execute(sql`select id::text as id from tenants where org_id = ${A.id} order by inn limit 1`));
    const bad = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm: "123", organizationId: "org id with spaces", tenantId: tenant.id }, { id: conn });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toMatchObject({ "body.rnm": ["The registration number (RNM) is 16 digits"], "body.organizationId": ["Letters, digits and dashes, as the provider shows it"] });
    const [rnm] = kktIds.keys();
    const twice = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm, organizationId: "x-1", tenantId: tenant.id }, { id: conn });
    expect(twice.status).toBe(409);
    expect(twice.json.error.fields.rnm).toEqual(["Already added"]);
    const renta = (await createConnection(engine.db, A.users.owner.actor, { provider: "renta", name: `renta ${crypto.randomBytes(3).toString("hex")}`, credentials: { login: "l", password: "p" } })).id;
    const onRenta = await callRoute(route, "POST", `/api/v1/connections/${renta}/kkts`, A.keys.admin, { rnm: "0000000000000001", organizationId: "x-1", tenantId: tenant.id }, { id: renta });
    expect(onRenta.status).toBe(409);
    // Kontur credentials for a Renta connection are refused by field; a Renta login is not a Kontur key.
    const patch = (await import("@/app/api/v1/connections/[id]/route")).PATCH;
    const wrong = await callRoute(patch, "PATCH", `/api/v1/connections/${conn}`, A.keys.owner, { credentials: { login: "l", password: "p" } }, { id: conn });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields).toMatchObject({ "credentials.apiKey": expect.any(Array), "credentials.sid": expect.any(Array) });
    // Nothing of it reached the stored rows.
    const [n] = rows(await engine.db.execute(sql`select count(*)::int as n from kkts where org_id = ${A.id} and connection_id = ${conn}`));
    expect(n.n).toBe(kktIds.size);
  });

  it("pulls two weeks: every register's day equals the mall's own figures; a silent day stays missing; a re-run writes nothing", async () => {
    sim.resetCounters();
    const r = await sync(A, conn, "2026-03-01", "2026-03-14");
    expect(r.status, JSON.stringify(r.dto.errors)).toBe("succeeded");
    expect(r.total).toBe(kktIds.size * 2);
    expect(r.done).toBe(r.total);
    // A request per register and week, plus one per further page; the run counts what the simulator saw.
    expect(r.requests).toBe(sim.counters.requests);
    expect(r.requests).toBeGreaterThanOrEqual(kktIds.size * 2);
    const got = await stored(A.id, "2026-03-01", "2026-03-14");
    let days = 0;
    let silent = 0;
    for (const [rnm, k] of index) {
      for (let d = dayNumber("2026-03-01")!; d <= dayNumber("2026-03-14")!; d++) {
        const day = new Date(Date.UTC(1970, 0, 1 + d)).toISOString().slice(0, 10);
        const t = periodTotals(sim.dataset, k, d, d);
        const row = got.find((x) => x.rnm === rnm && x.day === day);
        if (t.segments === 0) {
          // Nothing sent that day (no shift, no receipt): no row, so a statement flags the day as missing.
          expect(row, `${rnm} ${day}`).toBeUndefined();
          silent++;
          continue;
        }
        days++;
        expect(row, `${rnm} ${day}`).toMatchObject({
          source: KONTUR_SOURCE,
          income: sum(t.income).toString(),
          refunds: sum(t.refund).toString(),
          cash: t.income[0].toString(),
          cashless: t.income[1].toString(),
          vat: (t.vatBasic + t.vatReduced).toString(),
          receipts: t.incomeCounts.reduce((a, b) => a + b, 0),
          refund_receipts: t.refundCounts.reduce((a, b) => a + b, 0),
        });
      }
    }
    expect(days).toBeGreaterThan(kktIds.size * 10);
    expect(got.length).toBe(days);
    expect(silent).toBeGreaterThanOrEqual(0);
    // Again: the same figures, and no row rewritten (each keeps the first run's id).
    const again = await sync(A, conn, "2026-03-01", "2026-03-14");
    expect(again.status).toBe("succeeded");
    expect(await stored(A.id, "2026-03-01", "2026-03-14")).toEqual(got);
  });

  it("the register's month and a statement count the Kontur figures", async () => {
    const [rnm, kktId] = [...kktIds][0];
    const month = await registerMonth(engine.db, A.users.accountant.actor, kktId, "2026-03", "2026-03-15");
    expect(month.register.provider).toMatchObject({ kind: "kontur", connectionId: conn });
    const synced = month.days.filter((d) => d.day <= "2026-03-14" && d.state === "ok");
    expect(synced.length).toBeGreaterThan(10);
    expect(synced.every((d) => d.source === KONTUR_SOURCE)).toBe(true);
    const [tenant] = rows(await engine.db.execute(sql`select tenant_id::text as id from kkts where id = ${kktId}`));
    const c = await createContract(engine.db, A.users.admin.actor, contractInputSchema.parse({
      number: "К-1", tenantId: tenant.id, premisesIds: [], start: "2026-03-01", end: "2026-03-14", currency: "RUB", kkts: [{ rnm }],
      terms: [{ effectiveFrom: "2026-03-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }],
    }));
    const [s] = await computeStatements(engine.db, A.users.accountant.actor, { period: "2026-03", contractIds: [c.id] });
    const net = synced.reduce((a, d) => a + d.net!, 0n);
    expect(s.turnover).toBe(net);
    expect(s.percentageRent).toBe((net + 5n) / 10n);
    // The connection's page sums its own registers only.
    const all = await stored(A.id, "2026-03-01", "2026-03-14");
    const [report] = await turnoverReport(engine.db, A.users.owner.actor, { from: "2026-03-01", to: "2026-03-14", groupBy: "month", connectionId: conn });
    expect(report.net).toBe(all.reduce((a, r) => a + BigInt(String(r.income)) - BigInt(String(r.refunds)), 0n));
    const other = await konturConnection(A);
    expect(await turnoverReport(engine.db, A.users.owner.actor, { from: "2026-03-01", to: "2026-03-14", groupBy: "month", connectionId: other })).toEqual([]);
  });

  it("a register's synced day and month check against its Kontur receipts; one receipt's items are not offered", async () => {
    const [kktId] = [...kktIds.values()];
    const month = await registerMonth(engine.db, A.users.accountant.actor, kktId, "2026-03", "2026-03-15");
    expect(month.checkable).toBe(true);
    const day = month.days.find((d) => d.state === "ok")!.day;
    const check = await checkRegisterDay(engine.db, A.users.accountant.actor, kktId, day, "2026-03-15", FAST);
    expect(check.storedSource).toBe(KONTUR_SOURCE);
    expect(check.comparison.matches).toBe(true);
    expect(check.receipts.length).toBe(check.stored!.receipts! + check.stored!.refundReceipts!);
    expect(check.summary.income - check.summary.refunds).toBe(check.stored!.income - check.stored!.refunds);
    // A figure changed in the database is named with its difference.
    await engine.db.execute(sql`update turnover_daily set income = income + 500, income_cash = income_cash + 500 where kkt_id = ${kktId} and day = ${day} and source = ${KONTUR_SOURCE}`);
    const changed = await checkRegisterDay(engine.db, A.users.accountant.actor, kktId, day, "2026-03-15", FAST);
    expect(changed.comparison.matches).toBe(false);
    expect(changed.comparison.fields.filter((f) => f.difference !== null && f.difference !== 0n && f.difference !== 0).map((f) => [f.field, f.difference])).toEqual([["income", -500n], ["incomeCash", -500n]]);
    await engine.db.execute(sql`update turnover_daily set income = income - 500, income_cash = income_cash - 500 where kkt_id = ${kktId} and day = ${day} and source = ${KONTUR_SOURCE}`);
    const m = await checkRegisterMonth(engine.db, A.users.accountant.actor, kktId, "2026-03", "2026-03-15", FAST);
    expect(m.from).toBe("2026-03-01");
    expect(m.to).toBe("2026-03-14");
    expect(m.differing).toBe(0);
    expect(m.matching).toBe(14);
    // One receipt with its items, read from the day's documents: the items add up to its total; their VAT is not
    // given by Kontur (null, never zero). Without its day it cannot be read; another register's receipt is not found.
    const [first] = check.receipts;
    const one = await registerReceipt(engine.db, A.users.accountant.actor, kktId, first.id, FAST, day);
    expect(one.receipt).toMatchObject({ id: first.id, total: first.total, time: first.time });
    expect(one.receipt.items.length).toBeGreaterThan(0);
    expect(one.receipt.items.reduce((a, i) => a + i.total, 0n)).toBe(first.total);
    expect(one.receipt.items.every((i) => i.vat === null && i.vatRate === null)).toBe(true);
    await expect(registerReceipt(engine.db, A.users.accountant.actor, kktId, first.id, FAST)).rejects.toMatchObject({ code: "validation", fields: { day: expect.any(Array) } });
    const [, other] = [...kktIds.values()];
    await expect(registerReceipt(engine.db, A.users.accountant.actor, other, first.id, FAST, day)).rejects.toMatchObject({ code: "not_found" });
    await expect(registerReceipt(engine.db, A.users.accountant.actor, kktId, "../x", FAST, day)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a wrong session fails the run by name, marks the connection, and shows no secret", async () => {
    const bad = await konturConnection(A, { apiKey: sim.apiKey, sid: "EXPIRED0SESSION" });
    const [t] = rows(await engine.db.execute(sql`select id::text as id from tenants where org_id = ${A.id} order by inn limit 1`));
    // The session is refused before the register is looked up.
    const { addConnectionRegister } = await import("@/lib/connections/registers");
    await addConnectionRegister(engine.db, A.users.admin.actor, bad, { rnm: "0000000000000042", organizationId: sim.organizations[0].id, tenantId: String(t.id) });
    const r = await sync(A, bad, "2026-03-01", "2026-03-03");
    expect(r.status).toBe("failed");
    expect(r.dto.errors.at(-1)).toMatchObject({ code: "AuthFailed", message: expect.stringMatching(/^Kontur\.OFD documents\/by-period: /) });
    expect(JSON.stringify(r.dto)).not.toContain("EXPIRED0SESSION");
    const list = await callRoute((await import("@/app/api/v1/connections/route")).GET, "GET", "/api/v1/connections", A.keys.owner);
    expect(list.json.data.find((x: { id: string }) => x.id === bad)).toMatchObject({ status: "auth_failed" });
  });

  it("a register Kontur does not know fails its requests, each error naming the register and its days", async () => {
    const c = await konturConnection(A);
    const tenant = await createTenant(engine.db, A.users.admin.actor, { inn: innFromPrefix("770812345"), kpp: "770801001", name: "ООО «Неизвестная касса»" });
    const { addConnectionRegister } = await import("@/lib/connections/registers");
    await addConnectionRegister(engine.db, A.users.admin.actor, c, { rnm: "0000000000000077", organizationId: sim.organizations[0].id, tenantId: tenant.id });
    const r = await sync(A, c, "2026-03-01", "2026-03-03");
    expect(r.status).toBe("failed");
    expect(r.dto.errors[0]).toMatchObject({ code: "NotFound", rnms: ["0000000000000077"], days: ["2026-03-01", "2026-03-02", "2026-03-03"] });
  });

  it("retries the provider's 5xx and 429 and stores the same figures", async () => {
    const before = await stored(A.id, "2026-03-01", "2026-03-14");
    await engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id} and source = ${KONTUR_SOURCE} and day between '2026-03-08' and '2026-03-14'`);
    sim.setFaults({ error5xxRate: 0.3, rate429: 0.2, retryAfterSeconds: 0, seed: 5 });
    try {
      const r = await sync(A, conn, "2026-03-08", "2026-03-14");
      expect(r.status, JSON.stringify(r.dto.errors)).toBe("succeeded");
      expect(r.requests).toBeGreaterThan(kktIds.size);
    } finally {
      sim.setFaults({ error5xxRate: 0, rate429: 0 });
    }
    const after = await stored(A.id, "2026-03-01", "2026-03-14");
    const figures = (xs: Record<string, unknown>[]) => xs.map(({ run: _run, ...x }) => x);
    expect(figures(after)).toEqual(figures(before));
  });

  it("removing a connection keeps its registers and their days; refused while its sync is queued", async () => {
    const c = await konturConnection(A);
    const [t] = rows(await engine.db.execute(sql`select id::text as id from tenants where org_id = ${A.id} order by inn limit 1`));
    const { addConnectionRegister } = await import("@/lib/connections/registers");
    const { deleteConnection } = await import("@/lib/connections/connections");
    const reg = await addConnectionRegister(engine.db, A.users.admin.actor, c, { rnm: "0000000000000099", organizationId: "org-x", tenantId: String(t.id) });
    await engine.db.execute(sql`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values (${A.id}, ${reg.id}, '2026-03-02', ${KONTUR_SOURCE}, 12345, 0)`);
    await startSyncRun(engine.db, A.users.admin.actor, A.id, { connectionId: c, from: "2026-03-01", to: "2026-03-02" }, noQueue);
    await expect(deleteConnection(engine.db, A.users.owner.actor, c)).rejects.toMatchObject({ code: "conflict" });
    await engine.db.execute(sql`update sync_runs set status = 'failed' where connection_id = ${c}`);
    await expect(deleteConnection(engine.db, A.users.admin.actor, c)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteConnection(engine.db, B.users.owner.actor, c)).rejects.toMatchObject({ code: "not_found" });
    expect(await deleteConnection(engine.db, A.users.owner.actor, c)).toMatchObject({ id: c });
    const [left] = rows(await engine.db.execute(sql`select k.connection_id, k.provider_ref, (select count(*)::int from turnover_daily where kkt_id = k.id) as days,
      (select count(*)::int from connections where id = ${c}) as conns, (select count(*)::int from sync_runs where connection_id = ${c}) as runs from kkts k where k.id = ${reg.id}`));
    expect(left).toEqual({ connection_id: null, provider_ref: null, days: 1, conns: 0, runs: 0 });
    const [audit] = rows(await engine.db.execute(sql`select action from audit_events where entity_id = ${c} and action = 'connection.deleted'`));
    expect(audit).toBeDefined();
  });

  it("another organisation sees none of it", async () => {
    const route = (await import("@/app/api/v1/connections/[id]/kkts/route")).GET;
    const res = await callRoute(route, "GET", `/api/v1/connections/${conn}/kkts`, B.keys.owner, undefined, { id: conn });
    expect(res.status).toBe(404);
    const run = startSyncRun(engine.db, B.users.admin.actor, B.id, { connectionId: conn, from: "2026-03-01", to: "2026-03-02" }, noQueue);
    await expect(run).rejects.toMatchObject({ code: "not_found" });
    const [n] = rows(await engine.db.execute(sql`select count(*)::int as n from turnover_daily where org_id = ${B.id}`));
    expect(n.n).toBe(0);
  });
});

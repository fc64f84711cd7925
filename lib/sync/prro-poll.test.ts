import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { createConnection } from "@/lib/connections/connections";
import { createContract } from "@/lib/contracts/contracts";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { kyivInstant } from "@/lib/providers/prro/dates";
import { finalShiftTotals, startPrroSimulator, type PrroSimulator } from "@/lib/providers/prro/simulator/server";
import { computeStatements } from "@/lib/statements/statements";
import { checkRegisterDay } from "@/lib/turnover/register-day";
import { contractInputSchema } from "@/lib/validations/contracts";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { listPrroShifts, PRRO_SOURCE, startPrroPolls } from "./prro-poll";
import { getSyncRun, startSyncRun } from "./runs";
import { runTurnoverSync } from "./turnover-sync";

const DATASET = { seed: 11, cabinets: 1, tenants: 8, kkts: 14, from: "2026-01-01", to: "2026-04-30" };
const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 2000, maxRetries: 8 };
const noQueue = async () => {};
const KEY = crypto.randomBytes(32);
const rows = (r: unknown) => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));

describe.each(testEngines)("PRRO connection: registers by fiscal number and shift polls against the simulator on %s", (kind) => {
  let engine: Engine;
  let sim: PrroSimulator;
  let A: OrgFixture;
  let B: OrgFixture;
  let conn: string;
  const kktIds = new Map<string, string>();

  async function prroConnection(org: OrgFixture, apiToken = sim.apiToken) {
    return (await createConnection(engine.db, org.users.owner.actor, { provider: "prro", name: `prro ${crypto.randomBytes(3).toString("hex")}`, baseUrl: sim.url, credentials: { apiToken } })).id;
  }
  /** One poll as the scheduler makes it, with the service's clock at Kyiv wall-clock `at`. */
  async function pollAt(at: string, connectionId = conn, org = A) {
    sim.setNow(kyivInstant(at));
    const run = await startSyncRun(engine.db, null, org.id, { connectionId, from: at.slice(0, 10), to: at.slice(0, 10) }, noQueue);
    const out = await runTurnoverSync(engine.db, org.id, run.id, FAST);
    return { id: run.id, ...out, dto: await getSyncRun(engine.db, org.users.admin.actor, run.id) };
  }
  async function stored(day: string) {
    return rows(
      await engine.db.execute(sql`select k.rnm, t.source, t.income::text as income, t.refunds::text as refunds, t.income_vat::text as vat, t.income_cash::text as cash,
        t.income_cashless::text as cashless, t.receipts, t.refund_receipts, t.sync_run_id::text as run
        from turnover_daily t join kkts k on k.id = t.kkt_id where t.org_id = ${A.id} and t.day = ${day} order by k.rnm`),
    );
  }
  function expected(day: string) {
    return sim.taxObjects
      .map((to) => ({ to, f: finalShiftTotals(sim, to, day) }))
      .filter((x) => x.f !== null)
      .map(({ to, f }) => ({
        rnm: to.numFiscal, source: PRRO_SOURCE, income: f!.income.toString(), refunds: f!.refunds.toString(), vat: f!.incomeVat?.toString() ?? null,
        cash: f!.incomeCash?.toString() ?? null, cashless: f!.incomeCashless?.toString() ?? null, receipts: f!.receipts, refund_receipts: f!.refundReceipts,
      }))
      .sort((a, b) => a.rnm.localeCompare(b.rnm));
  }

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: KEY } });
    sim = await startPrroSimulator({ port: 0, dataset: DATASET });
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    A = await createOrgFixture(engine, "PRRO Mall A");
    B = await createOrgFixture(engine, "PRRO Mall B");
    conn = await prroConnection(A);
    // A Ukrainian mall: its turnover is in hryvnias.
    await engine.db.execute(sql`update organizations set currency = 'UAH' where id = ${A.id}`);
    sim.setNow(kyivInstant("2026-03-02T09:00:00"));
    const route = (await import("@/app/api/v1/connections/[id]/kkts/route")).POST;
    for (const to of sim.taxObjects) {
      // Added over HTTP by the fiscal number alone: the service says whose register it is.
      const res = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm: to.numFiscal }, { id: conn });
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({ rnm: to.numFiscal, organizationId: to.tin, tenantName: to.orgName, place: to.name });
      kktIds.set(to.numFiscal, res.json.id);
    }
  });
  afterAll(async () => {
    await sim?.close();
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("keeps the token sealed, takes the tenants the service names, and refuses bad registers next to the field", async () => {
    const [c] = rows(await engine.db.execute(sql`select secret_ciphertext as s from connections where id = ${conn}`));
    expect(String(c.s)).not.toContain(sim.apiToken);
    const tenants = rows(await engine.db.execute(sql`select inn, name, source from tenants where org_id = ${A.id} order by inn`));
    expect(tenants).toEqual([...new Map(sim.taxObjects.map((t) => [t.tin, { inn: t.tin, name: t.orgName, source: "discovered" }])).values()].sort((a, b) => a.inn.localeCompare(b.inn)));
    const route = (await import("@/app/api/v1/connections/[id]/kkts/route")).POST;
    const bad = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm: "0000000003065868" }, { id: conn });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({ "body.rnm": ["A PRRO fiscal number is 10 digits"] });
    const unknown = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm: "4999999990" }, { id: conn });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields).toEqual({ rnm: ["The PRRO service knows no register with this fiscal number"] });
    const twice = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, A.keys.admin, { rnm: sim.taxObjects[0].numFiscal }, { id: conn });
    expect(twice.status).toBe(409);
    // Another organisation cannot add to this connection, nor see it.
    const other = await callRoute(route, "POST", `/api/v1/connections/${conn}/kkts`, B.keys.admin, { rnm: sim.taxObjects[0].numFiscal }, { id: conn });
    expect(other.status).toBe(404);
    const [n] = rows(await engine.db.execute(sql`select count(*)::int as n from kkts where org_id = ${A.id}`));
    expect(n.n).toBe(sim.taxObjects.length);
  });

  it("counts a day once its shifts were seen closed, and then exactly the service's final shift totals", async () => {
    // 10:00: a shift closed last night and seen closed now counts for its day; an open one does not count yet.
    const first = await pollAt("2026-03-02T10:00:00");
    expect(first.status, JSON.stringify(first.dto.errors)).toBe("succeeded");
    expect(first.requests).toBe(sim.taxObjects.length);
    expect(await stored("2026-03-02")).toEqual([]);
    const closedYesterday = expected("2026-03-01").filter((e) => sim.taxObjects.some((to) => to.numFiscal === e.rnm));
    const got01 = await stored("2026-03-01");
    expect(got01.map(({ run: _run, ...r }) => r)).toEqual(closedYesterday.filter((e) => got01.some((g) => g.rnm === e.rnm)));
    expect(got01.length).toBeGreaterThan(0);

    await pollAt("2026-03-02T15:00:00");
    expect(await stored("2026-03-02")).toEqual([]);
    const shifts = await listPrroShifts(engine.db, A.users.owner.actor, conn);
    expect(shifts.filter((s) => s.day === "2026-03-02" && s.isOpen)).toHaveLength(sim.taxObjects.length);

    const evening = await pollAt("2026-03-02T23:30:00");
    expect(evening.status).toBe("succeeded");
    const got = await stored("2026-03-02");
    expect(got).toHaveLength(sim.taxObjects.length);
    expect(got.map(({ run: _run, ...r }) => r)).toEqual(expected("2026-03-02"));
    expect(got.every((r) => r.run === evening.id)).toBe(true);

    // Over the API: the shifts as the polls saw them, and the day's turnover, in the organisation's currency.
    const shiftsRoute = (await import("@/app/api/v1/connections/[id]/shifts/route")).GET;
    const api = await callRoute(shiftsRoute, "GET", `/api/v1/connections/${conn}/shifts?limit=200`, A.keys.admin, undefined, { id: conn });
    expect(api.status, api.text).toBe(200);
    expect(api.json.currency).toBe("UAH");
    const closed = api.json.data.filter((x: { day: string }) => x.day === "2026-03-02");
    expect(closed).toHaveLength(sim.taxObjects.length);
    for (const x of closed) {
      expect(x).toMatchObject({ state: "closed", income: Number(got.find((g) => g.rnm === x.rnm)!.income) });
    }
    expect(api.text).not.toContain(sim.apiToken);
    const other = await callRoute(shiftsRoute, "GET", `/api/v1/connections/${conn}/shifts`, B.keys.owner, undefined, { id: conn });
    expect(other.status).toBe(404);
    const turnover = await callRoute((await import("@/app/api/v1/turnover/route")).GET, "GET", "/api/v1/turnover?from=2026-03-02&to=2026-03-02&groupBy=day", A.keys.accountant);
    expect(turnover.status, turnover.text).toBe(200);
    expect(turnover.json).toMatchObject({ currency: "UAH", data: [{ income: got.reduce((a, g) => a + Number(g.income), 0) }] });

    // Polled again with nothing new: no row rewritten (each keeps the run that wrote it).
    await pollAt("2026-03-02T23:40:00");
    expect(await stored("2026-03-02")).toEqual(got);

    // The service's 5xx and 429 are retried: the same figures, and every request sent is counted on the run.
    sim.resetCounters();
    sim.setFaults({ error5xxRate: 0.4, rate429: 0.2, retryAfterSeconds: 0, seed: 7 });
    try {
      const flaky = await pollAt("2026-03-02T23:45:00");
      expect(flaky.status, JSON.stringify(flaky.dto.errors)).toBe("succeeded");
      expect(flaky.requests).toBe(sim.counters.requests);
      expect(flaky.requests).toBeGreaterThan(sim.taxObjects.length);
    } finally {
      sim.setFaults({ error5xxRate: 0, rate429: 0 });
    }
    expect(await stored("2026-03-02")).toEqual(got);
  });

  it("leaves a day whose shift closed between two polls without figures, names it on the run, and names shifts never seen", async () => {
    await pollAt("2026-03-03T15:00:00");
    // Nobody polled the evening of the 3rd: the next poll sees the 4th's shifts.
    const late = await pollAt("2026-03-04T15:00:00");
    expect(late.status).toBe("partial");
    const unseen = late.dto.errors.filter((e) => e.code === "ShiftClosedUnseen");
    expect(unseen.map((e) => e.rnms[0]).sort()).toEqual(sim.taxObjects.map((t) => t.numFiscal).sort());
    expect(unseen.every((e) => e.days.length === 1 && e.days[0] === "2026-03-03")).toBe(true);
    expect(unseen[0].message).toMatch(/^PRRO tax-object: register \d{10}: shift \d+ of 2026-03-03 closed between two polls/);
    expect(await stored("2026-03-03")).toEqual([]);
    const shifts = await listPrroShifts(engine.db, A.users.owner.actor, conn);
    expect(shifts.filter((s) => s.day === "2026-03-03").every((s) => s.closedUnseen && !s.isOpen)).toBe(true);

    // Two days later: the 4th closed unseen, and the 5th's shift was never seen at all (a gap in the shift numbers).
    const gap = await pollAt("2026-03-06T15:00:00");
    expect(gap.dto.errors.filter((e) => e.code === "ShiftsNotSeen")).toHaveLength(sim.taxObjects.length);
    expect(gap.dto.errors.find((e) => e.code === "ShiftsNotSeen")!.message).toMatch(/shift \d+ opened and closed between two polls and were never seen/);
    expect(await stored("2026-03-05")).toEqual([]);
  });

  it("a UAH statement counts the polled days and flags the days the polls could not give", async () => {
    const [rnm, kktId] = [...kktIds][0];
    const [k] = rows(await engine.db.execute(sql`select tenant_id::text as id from kkts where id = ${kktId}`));
    const c = await createContract(engine.db, A.users.admin.actor, contractInputSchema.parse({
      number: "П-1", tenantId: k.id, premisesIds: [], start: "2026-03-01", end: "2026-03-06", currency: "UAH", kkts: [{ rnm }],
      terms: [{ effectiveFrom: "2026-03-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: "20" }],
    }));
    const [s] = await computeStatements(engine.db, A.users.accountant.actor, { period: "2026-03", contractIds: [c.id] });
    const days = rows(await engine.db.execute(sql`select day::text as day, (income - refunds)::text as net from turnover_daily where kkt_id = ${kktId} and day between '2026-03-01' and '2026-03-06' order by day`));
    expect(s.currency).toBe("UAH");
    expect(s.turnover).toBe(days.reduce((a, d) => a + BigInt(String(d.net)), 0n));
    const missing = (s.flags as { code: string; days: string[] }[]).find((f) => f.code === "missing_days");
    expect(missing?.days).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"].filter((d) => !days.some((x) => x.day === d)));
    expect(missing?.days).toContain("2026-03-03");
    // A PRRO register has no receipts to check its days against.
    await expect(checkRegisterDay(engine.db, A.users.accountant.actor, kktId, "2026-03-02", "2026-12-03")).rejects.toThrow(/PRRO service gives no receipts/);
  });

  it("stops at a refused token without writing anything, and never shows the token", async () => {
    const wrong = await prroConnection(A, "not-the-token-0123456789");
    // The register is added on the good connection; move one over to see the refusal on a poll.
    const [, kktId] = [...kktIds][1];
    await engine.db.execute(sql`update kkts set connection_id = ${wrong} where id = ${kktId}`);
    try {
      const before = await stored("2026-03-06");
      const r = await pollAt("2026-03-06T23:50:00", wrong);
      expect(r.status).toBe("failed");
      expect(r.dto.errors.map((e) => e.code)).toEqual(["AuthFailed"]);
      expect(JSON.stringify(r.dto)).not.toContain("not-the-token-0123456789");
      expect(JSON.stringify(r.dto)).not.toContain("api_token=");
      const [c] = rows(await engine.db.execute(sql`select status from connections where id = ${wrong}`));
      expect(c.status).toBe("auth_failed");
      expect(await stored("2026-03-06")).toEqual(before);
    } finally {
      await engine.db.execute(sql`update kkts set connection_id = ${conn} where id = ${kktId}`);
    }
  });

  it("the scheduler polls every PRRO connection not refused, once at a time; another organisation sees no shift", async () => {
    // Succeeded polls older than two days are pruned; a failed one is kept for its errors.
    await engine.db.execute(sql`update sync_runs set created_at = '2026-03-03T00:00:00Z' where connection_id = ${conn} and status in ('succeeded', 'partial')`);
    const [before] = rows(await engine.db.execute(sql`select count(*) filter (where status = 'succeeded')::int as ok, count(*) filter (where status <> 'succeeded')::int as other from sync_runs where connection_id = ${conn}`));
    expect(before.ok).toBeGreaterThan(0);
    const started: string[] = [];
    const n = await startPrroPolls(engine.db, kyivInstant("2026-03-06T16:00:00"), async (orgId, connectionId, from, to) => {
      started.push(`${orgId}/${connectionId}/${from}/${to}`);
    });
    expect(started).toContain(`${A.id}/${conn}/2026-03-05/2026-03-06`);
    expect(n).toBe(started.length);
    const [after] = rows(await engine.db.execute(sql`select count(*) filter (where status = 'succeeded')::int as ok, count(*) filter (where status <> 'succeeded')::int as other from sync_runs where connection_id = ${conn}`));
    expect(after).toEqual({ ok: 0, other: before.other });
    await expect(listPrroShifts(engine.db, B.users.owner.actor, conn)).rejects.toThrow(/Connection not found/);
    // A second poll while one is queued is refused by the database, not run twice.
    await startSyncRun(engine.db, null, A.id, { connectionId: conn, from: "2026-03-06", to: "2026-03-06" }, noQueue);
    await expect(startSyncRun(engine.db, null, A.id, { connectionId: conn, from: "2026-03-06", to: "2026-03-06" }, noQueue)).rejects.toThrow(/already queued or running/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { createConnection } from "@/lib/connections/connections";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { startRentaSimulator, type RentaSimulator } from "@/lib/providers/renta/simulator/server";
import { discoverConnection } from "@/lib/sync/discovery";
import { startSyncRun } from "@/lib/sync/runs";
import { runTurnoverSync } from "@/lib/sync/turnover-sync";
import { stopQueue } from "@/lib/jobs/queue";
import { createKkt } from "@/lib/tenancy/tenancy";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { checkRegisterDay, checkRegisterMonth, registerMonth, registerReceipt } from "./register-day";

const DATASET = { seed: 11, cabinets: 1, tenants: 6, kkts: 10, from: "2026-01-01", to: "2026-03-31" };
const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 1500, maxRetries: 8 };
const TODAY = "2026-12-03";
const rows = (r: unknown) => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe.each(testEngines)("a register's days and their receipts (Renta simulator over HTTP) on %s", (kind) => {
  let engine: Engine;
  let sim: RentaSimulator;
  let A: OrgFixture;
  let B: OrgFixture;
  /** A register with receipts on DAY, synced; DAY+1 is not synced. */
  let kkt: { id: string; rnm: string };
  let DAY: string;

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    sim = await startRentaSimulator({ port: 0, dataset: DATASET });
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    A = await createOrgFixture(engine, "Receipts Mall A");
    B = await createOrgFixture(engine, "Receipts Mall B");
    const conn = await createConnection(engine.db, A.users.owner.actor, { provider: "renta", name: "sim", baseUrl: sim.url, credentials: { login: sim.login, password: sim.password } });
    await discoverConnection(engine.db, A.users.admin.actor, conn.id, FAST);
    const run = await startSyncRun(engine.db, A.users.admin.actor, A.id, { connectionId: conn.id, from: "2026-02-09", to: "2026-02-12" }, async () => {});
    await runTurnoverSync(engine.db, A.id, run.id, FAST);
    const [r] = rows(
      await engine.db.execute(sql`select k.id, k.rnm, t.day::text as day from turnover_daily t join kkts k on k.id = t.kkt_id
        where t.org_id = ${A.id} and t.day = '2026-02-10' and t.receipts > 3 and t.refund_receipts > 0 order by k.rnm limit 1`),
    );
    kkt = { id: String(r.id), rnm: String(r.rnm) };
    DAY = String(r.day);
  });
  afterAll(async () => {
    await stopQueue();
    await sim?.close();
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("the day's receipts add up to the turnover the sync stored, figure by figure", async () => {
    const c = await checkRegisterDay(engine.db, A.users.accountant.actor, kkt.id, DAY, TODAY, FAST);
    expect(c.register.rnm).toBe(kkt.rnm);
    expect(c.stored).not.toBeNull();
    expect(c.comparison.matches).toBe(true);
    const [s] = rows(await engine.db.execute(sql`select income::text, refunds::text, receipts, refund_receipts, income_cash::text, income_cashless::text from turnover_daily where org_id = ${A.id} and kkt_id = ${kkt.id} and day = ${DAY}`));
    // Summed here from the receipts list itself, not from the summary.
    const income = c.receipts.filter((r) => r.operation === "income").reduce((a, r) => a + r.total, 0n);
    const refunds = c.receipts.filter((r) => r.operation === "refund").reduce((a, r) => a + r.total, 0n);
    expect(income.toString()).toBe(s.income);
    expect(refunds.toString()).toBe(s.refunds);
    expect(c.receipts.filter((r) => r.operation === "income")).toHaveLength(Number(s.receipts));
    expect(c.receipts.filter((r) => r.operation === "refund")).toHaveLength(Number(s.refund_receipts));
    expect(c.summary.incomeCash.toString()).toBe(s.income_cash);
    expect(c.summary.incomeCashless.toString()).toBe(s.income_cashless);
    // In time order, all of the day, and every receipt's forms add up to its total.
    expect(c.receipts.every((r) => r.time.startsWith(DAY))).toBe(true);
    expect(c.receipts.map((r) => r.time)).toEqual([...c.receipts.map((r) => r.time)].sort());
    for (const r of c.receipts) expect(r.cash + r.cashless + r.prepaid + r.credit).toBe(r.total);
    expect(c.shifts.length).toBeGreaterThan(0);
    expect(c.countedSource).toBe("renta:kkt-full-data");
  });

  it("a stored figure that differs from the receipts is named with the difference; a manual entry is the one counted", async () => {
    await engine.db.execute(sql`update turnover_daily set income = income + 12345, income_cash = income_cash + 12345 where org_id = ${A.id} and kkt_id = ${kkt.id} and day = ${DAY}`);
    try {
      const c = await checkRegisterDay(engine.db, A.users.owner.actor, kkt.id, DAY, TODAY, FAST);
      expect(c.comparison.matches).toBe(false);
      const differing = c.comparison.fields.filter((f) => f.difference !== 0n && f.difference !== 0 && f.difference !== null);
      expect(differing.map((f) => [f.field, f.difference])).toEqual([
        ["income", -12345n],
        ["incomeCash", -12345n],
      ]);
    } finally {
      await engine.db.execute(sql`update turnover_daily set income = income - 12345, income_cash = income_cash - 12345 where org_id = ${A.id} and kkt_id = ${kkt.id} and day = ${DAY}`);
    }
    await engine.db.execute(sql`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values (${A.id}, ${kkt.id}, ${DAY}, 'manual', 100, 0)`);
    try {
      const c = await checkRegisterDay(engine.db, A.users.owner.actor, kkt.id, DAY, TODAY, FAST);
      expect(c.countedSource).toBe("manual");
      // The receipts are compared with what the provider gave, not with the person's entry.
      expect(c.comparison.matches).toBe(true);
      const m = await registerMonth(engine.db, A.users.accountant.actor, kkt.id, "2026-02", TODAY);
      const d = m.days.find((x) => x.day === DAY)!;
      expect([d.source, d.net, d.otherSources]).toEqual(["manual", 100n, ["renta:kkt-full-data"]]);
    } finally {
      await engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id} and kkt_id = ${kkt.id} and day = ${DAY} and source = 'manual'`);
    }
  });

  it("a day the sync has not pulled differs wherever the receipts have something", async () => {
    const c = await checkRegisterDay(engine.db, A.users.accountant.actor, kkt.id, "2026-02-20", TODAY, FAST);
    expect(c.stored).toBeNull();
    expect(c.receipts.length).toBeGreaterThan(0);
    expect(c.comparison.matches).toBe(false);
    expect(c.comparison.fields.find((f) => f.field === "income")!.difference).toBe(c.summary.income);
  });

  it("the month, day by day: stored days, missing days, totals equal to the days", async () => {
    const m = await registerMonth(engine.db, A.users.admin.actor, kkt.id, "2026-02", TODAY);
    expect(m.days).toHaveLength(28);
    expect(m.checkable).toBe(true);
    const ok = m.days.filter((d) => d.state === "ok").map((d) => d.day);
    expect(ok).toEqual(["2026-02-09", "2026-02-10", "2026-02-11", "2026-02-12"].filter((d) => m.days.find((x) => x.day === d)!.figures));
    expect(ok).toContain(DAY);
    expect(m.days.find((d) => d.day === "2026-02-20")!.state).toBe("missing");
    expect(m.totals.net).toBe(m.days.reduce((a, d) => a + (d.net ?? 0n), 0n));
    expect(m.totals.missingDays).toBe(m.days.filter((d) => d.state === "missing").length);
    const current = await registerMonth(engine.db, A.users.admin.actor, kkt.id, "2026-12", TODAY);
    expect(current.days.find((d) => d.day === "2026-12-03")!.state).toBe("pending");
    expect(current.days.find((d) => d.day === "2026-12-04")!.state).toBe("future");
  });

  it("the whole month against its receipts, a week a request: the synced days match, a changed one is named, the others have nothing stored", async () => {
    await engine.db.execute(sql`update turnover_daily set refunds = refunds + 700 where org_id = ${A.id} and kkt_id = ${kkt.id} and day = '2026-02-11'`);
    try {
      sim.resetCounters();
      const m = await checkRegisterMonth(engine.db, A.users.accountant.actor, kkt.id, "2026-02", TODAY, FAST);
      const receiptRequests = sim.counters().byPath["/api/renta/v1/kkt/{KKT}/receipts"];
      expect(m.days.length).toBeGreaterThan(20);
      expect(receiptRequests).toBe(Math.ceil(m.days.length / 7));
      const by = new Map(m.days.map((d) => [d.day, d]));
      for (const d of ["2026-02-09", "2026-02-10", "2026-02-12"]) expect([d, by.get(d)!.matches, by.get(d)!.nothingStored]).toEqual([d, true, false]);
      expect(by.get("2026-02-11")!.differences.map((f) => [f.field, f.difference])).toEqual([["refunds", -700n]]);
      const unsynced = by.get("2026-02-20")!;
      expect([unsynced.nothingStored, unsynced.matches, unsynced.receipts > 0]).toEqual([true, false, true]);
      expect(m.matching + m.differing).toBe(m.days.length);
      // Each day's receipts are the same as the day's own check reads.
      expect(by.get("2026-02-10")!.receipts).toBe((await checkRegisterDay(engine.db, A.users.accountant.actor, kkt.id, "2026-02-10", TODAY, FAST)).receipts.length);
    } finally {
      await engine.db.execute(sql`update turnover_daily set refunds = refunds - 700 where org_id = ${A.id} and kkt_id = ${kkt.id} and day = '2026-02-11'`);
    }
    // The current month is checked up to yesterday; another organisation finds nothing.
    const current = await checkRegisterMonth(engine.db, A.users.accountant.actor, kkt.id, "2026-03", "2026-03-05", FAST);
    expect([current.from, current.to]).toEqual(["2026-03-01", "2026-03-04"]);
    expect((await rejection(checkRegisterMonth(engine.db, B.users.owner.actor, kkt.id, "2026-02", TODAY, FAST))).status).toBe(404);
  });

  it("a receipt opens with its items; a receipt of another register or an unknown id is not found", async () => {
    const c = await checkRegisterDay(engine.db, A.users.accountant.actor, kkt.id, DAY, TODAY, FAST);
    const first = c.receipts[0];
    const d = await registerReceipt(engine.db, A.users.accountant.actor, kkt.id, first.id, FAST);
    expect(d.receipt.total).toBe(first.total);
    expect(d.receipt.items.length).toBeGreaterThan(0);
    expect(d.receipt.items.reduce((a, i) => a + i.total, 0n)).toBe(d.receipt.total);
    const [other] = rows(await engine.db.execute(sql`select id from kkts where org_id = ${A.id} and id <> ${kkt.id} and cabinet_id is not null limit 1`));
    expect((await rejection(registerReceipt(engine.db, A.users.accountant.actor, String(other.id), first.id, FAST))).status).toBe(404);
    expect((await rejection(registerReceipt(engine.db, A.users.accountant.actor, kkt.id, "no-such-receipt", FAST))).status).toBe(404);
  });

  it("another organisation's register is not found; a register entered by hand has nothing to check; bad days are refused", async () => {
    // One at a time: a rejection must not wait unobserved while another is awaited.
    for (const call of [
      () => checkRegisterDay(engine.db, B.users.owner.actor, kkt.id, DAY, TODAY, FAST),
      () => registerMonth(engine.db, B.users.owner.actor, kkt.id, "2026-02", TODAY),
      () => registerReceipt(engine.db, B.users.owner.actor, kkt.id, "x", FAST),
    ])
      expect((await rejection(call())).status).toBe(404);
    const [t] = rows(await engine.db.execute(sql`select id from tenants where org_id = ${A.id} limit 1`));
    const manual = await createKkt(engine.db, A.users.admin.actor, { rnm: "0000000000009999", tenantId: String(t.id) });
    const e = await rejection(checkRegisterDay(engine.db, A.users.owner.actor, manual.id, DAY, TODAY, FAST));
    expect([e.status, e.message]).toEqual([409, "This register is not read from a provider, so it has no receipts to check"]);
    expect((await registerMonth(engine.db, A.users.owner.actor, manual.id, "2026-02", TODAY)).checkable).toBe(false);
    expect((await rejection(checkRegisterDay(engine.db, A.users.owner.actor, kkt.id, "2026-02-30", TODAY, FAST))).fields).toEqual({ day: ["Expected a date as YYYY-MM-DD"] });
    expect((await rejection(checkRegisterDay(engine.db, A.users.owner.actor, kkt.id, "2026-12-04", TODAY, FAST))).fields).toEqual({ day: ["A day in the future has no receipts yet"] });
  });

  it("a provider refusal reaches the caller by its name, and no credential is in the message", async () => {
    sim.setFaults({ refuseWith: { error: "AccessDenied", path: "receipts" } });
    try {
      const e = await rejection(checkRegisterDay(engine.db, A.users.owner.actor, kkt.id, DAY, TODAY, FAST));
      expect(e.status).toBe(502);
      expect(e.message).toMatch(/^Renta kkt-receipts: /);
      expect(e.message).not.toContain(sim.password);
    } finally {
      sim.setFaults({ refuseWith: undefined });
    }
  });
});

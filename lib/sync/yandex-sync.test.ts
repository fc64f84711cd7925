import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { createConnection } from "@/lib/connections/connections";
import { addConnectionRegister } from "@/lib/connections/registers";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { dayNumber } from "@/lib/providers/renta/dates";
import { periodTotals } from "@/lib/providers/renta/simulator/figures";
import { startYandexSimulator, type YandexSimulator } from "@/lib/providers/yandex/simulator/server";
import { createTenant } from "@/lib/tenancy/tenancy";
import { checkRegisterDay, checkRegisterMonth, registerMonth, registerReceipt } from "@/lib/turnover/register-day";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { getSyncRun, startSyncRun } from "./runs";
import { runTurnoverSync } from "./turnover-sync";
import { YANDEX_SOURCE } from "./yandex-sync";

// A mall whose first Yandex company has two registers (one is left out) and the second one.
const DATASET = { seed: 12, cabinets: 1, tenants: 10, kkts: 20, from: "2026-01-01", to: "2026-04-30" };
const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 2000, maxRetries: 8 };
const noQueue = async () => {};
const KEY = crypto.randomBytes(32);
const rows = (r: unknown) => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));
const sum = (q: readonly bigint[]) => q.reduce((a, b) => a + b, 0n);
const dayOf = (n: number) => new Date(Date.UTC(1970, 0, 1 + n)).toISOString().slice(0, 10);

describe.each(testEngines)("Yandex OFD connection, registers and turnover sync against the simulator on %s", (kind) => {
  let engine: Engine;
  let sim: YandexSimulator;
  let A: OrgFixture;
  let B: OrgFixture;
  let conn: string;
  /** The registers added (all but the first company's last one, which a landlord may not rent): RNM → id, and dataset index. */
  const kktIds = new Map<string, string>();
  const index = new Map<string, number>();
  let left: string;

  async function yandexConnection(org: OrgFixture, credentials = { yandexKey: sim.yandexKey, ofdKey: sim.ofdKey }) {
    return (await createConnection(engine.db, org.users.owner.actor, { provider: "yandex", name: `yandex ${crypto.randomBytes(3).toString("hex")}`, baseUrl: sim.url, credentials })).id;
  }
  async function sync(org: OrgFixture, connectionId: string, from: string, to: string) {
    const run = await startSyncRun(engine.db, org.users.admin.actor, org.id, { connectionId, from, to }, noQueue);
    const out = await runTurnoverSync(engine.db, org.id, run.id, FAST);
    return { id: run.id, ...out, dto: await getSyncRun(engine.db, org.users.admin.actor, run.id) };
  }
  async function stored(orgId: string) {
    return rows(
      await engine.db.execute(sql`select k.rnm, t.day::text as day, t.source, t.income::text as income, t.refunds::text as refunds, t.income_cash::text as cash, t.income_cashless::text as cashless,
        t.income_vat::text as vat, t.receipts, t.refund_receipts from turnover_daily t join kkts k on k.id = t.kkt_id where t.org_id = ${orgId} order by k.rnm, t.day`),
    );
  }

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: KEY } });
    sim = await startYandexSimulator({ port: 0, dataset: DATASET });
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    A = await createOrgFixture(engine, "Yandex Mall A");
    B = await createOrgFixture(engine, "Yandex Mall B");
    conn = await yandexConnection(A);
    for (const [c, company] of sim.companies.entries()) {
      const t = sim.dataset.tenants.find((x) => x.inn === company.inn)!;
      const tenant = await createTenant(engine.db, A.users.admin.actor, { inn: company.inn, kpp: t.kpp ?? "", name: company.name });
      for (const [i, rnm] of company.rnms.entries()) {
        if (c === 0 && i === company.rnms.length - 1 && company.rnms.length > 1) {
          left = rnm;
          continue;
        }
        const r = await addConnectionRegister(engine.db, A.users.admin.actor, conn, { rnm, organizationId: company.id, tenantId: tenant.id });
        kktIds.set(rnm, r.id);
        index.set(rnm, company.kkts[i]);
      }
    }
  });
  afterAll(async () => {
    await sim?.close();
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("pulls two weeks a company at a time: each added register's day equals the mall's own figures, the register not added is left out", async () => {
    expect(left).toBeDefined();
    sim.resetCounters();
    const r = await sync(A, conn, "2026-03-01", "2026-03-14");
    expect(r.status, JSON.stringify(r.dto.errors)).toBe("succeeded");
    // One request stream per company and week, not per register.
    expect(r.total).toBe(sim.companies.length * 2);
    expect(r.requests).toBe(sim.counters.requests);
    const got = await stored(A.id);
    expect(got.some((x) => x.rnm === left)).toBe(false);
    let days = 0;
    for (const [rnm, k] of index) {
      for (let d = dayNumber("2026-03-01")!; d <= dayNumber("2026-03-14")!; d++) {
        const t = periodTotals(sim.dataset, k, d, d);
        const row = got.find((x) => x.rnm === rnm && x.day === dayOf(d));
        if (t.segments === 0) {
          expect(row, `${rnm} ${dayOf(d)}`).toBeUndefined();
          continue;
        }
        days++;
        // Yandex's report has no VAT: none is stored (never a false zero).
        expect(row, `${rnm} ${dayOf(d)}`).toMatchObject({
          source: YANDEX_SOURCE, income: sum(t.income).toString(), refunds: sum(t.refund).toString(), cash: t.income[0].toString(), cashless: t.income[1].toString(), vat: null,
          receipts: t.incomeCounts.reduce((a, b) => a + b, 0), refund_receipts: t.refundCounts.reduce((a, b) => a + b, 0),
        });
      }
    }
    expect(got.length).toBe(days);
    expect(days).toBeGreaterThan(index.size * 10);
  });

  it("a register's day and month check against the company's receipts", async () => {
    const [kktId] = [...kktIds.values()];
    const month = await registerMonth(engine.db, A.users.accountant.actor, kktId, "2026-03", "2026-03-15");
    expect(month.checkable).toBe(true);
    expect(month.register.provider).toMatchObject({ kind: "yandex", organizationId: sim.companies[0].id });
    const day = month.days.find((d) => d.state === "ok")!.day;
    const check = await checkRegisterDay(engine.db, A.users.accountant.actor, kktId, day, "2026-03-15", FAST);
    expect(check.storedSource).toBe(YANDEX_SOURCE);
    expect(check.comparison.matches).toBe(true);
    expect(check.receipts.length).toBeGreaterThan(0);
    const m = await checkRegisterMonth(engine.db, A.users.accountant.actor, kktId, "2026-03", "2026-03-15", FAST);
    expect(m.differing).toBe(0);
    expect(m.matching).toBe(14);
    // The report holds no items: one receipt's items are refused by name.
    await expect(registerReceipt(engine.db, A.users.accountant.actor, kktId, check.receipts[0].id, FAST, day)).rejects.toMatchObject({ code: "conflict" });
  });

  it("wrong keys fail the run by name and mark the connection, showing no key; another organisation sees none of it", async () => {
    const bad = await yandexConnection(A, { yandexKey: "WRONG-YANDEX-KEY", ofdKey: sim.ofdKey });
    const [t] = rows(await engine.db.execute(sql`select id::text as id from tenants where org_id = ${A.id} order by inn limit 1`));
    await addConnectionRegister(engine.db, A.users.admin.actor, bad, { rnm: left, organizationId: sim.companies[0].id, tenantId: String(t.id) });
    const r = await sync(A, bad, "2026-03-01", "2026-03-03");
    expect(r.status).toBe("failed");
    expect(r.dto.errors.at(-1)).toMatchObject({ code: "AuthFailed", message: expect.stringMatching(/^Yandex OFD docs\/aggregations\/receipts: /) });
    expect(JSON.stringify(r.dto)).not.toContain("WRONG-YANDEX-KEY");
    expect(JSON.stringify(r.dto)).not.toContain(sim.ofdKey);
    const list = await callRoute((await import("@/app/api/v1/connections/route")).GET, "GET", "/api/v1/connections", A.keys.owner);
    expect(list.json.data.find((x: { id: string }) => x.id === bad)).toMatchObject({ provider: "yandex", status: "auth_failed" });

    const res = await callRoute((await import("@/app/api/v1/connections/[id]/kkts/route")).GET, "GET", `/api/v1/connections/${conn}/kkts`, B.keys.owner, undefined, { id: conn });
    expect(res.status).toBe(404);
    const [n] = rows(await engine.db.execute(sql`select count(*)::int as n from turnover_daily where org_id = ${B.id}`));
    expect(n.n).toBe(0);
  });

  it("retries the provider's 5xx and 429 and stores the same figures", async () => {
    const before = await stored(A.id);
    await engine.db.execute(sql`delete from turnover_daily where org_id = ${A.id} and day between '2026-03-08' and '2026-03-14'`);
    sim.setFaults({ error5xxRate: 0.3, rate429: 0.2, retryAfterSeconds: 0, seed: 9 });
    try {
      const r = await sync(A, conn, "2026-03-08", "2026-03-14");
      expect(r.status, JSON.stringify(r.dto.errors)).toBe("succeeded");
    } finally {
      sim.setFaults({ error5xxRate: 0, rate429: 0 });
    }
    expect(await stored(A.id)).toEqual(before);
  });
});

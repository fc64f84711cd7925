import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { issueStatement, reviseStatement } from "@/lib/statements/statements";
import { chooseMonth } from "./month";
import { tenantDashboard } from "./tenant";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  premises: await import("@/app/api/v1/premises/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
});

describe.each(testEngines)("a tenant's dashboard on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let tenantId: string;
  let idle: string;
  const march = chooseMonth("2026-03", new Date("2026-12-03T00:00:00Z"));

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Tenant Dashboard A");
    B = await createOrgFixture(engine, "Tenant Dashboard B");
    const r = await routes();
    const admin = A.keys.admin;
    const post = async (route: { POST: unknown }, path: string, body: object) => {
      const res = await callRoute(route.POST as never, "POST", path, admin, body);
      expect(res.status, res.text).toBe(201);
      return res.json as { id: string };
    };
    tenantId = (await post(r.tenants, "/api/v1/tenants", { inn: "7707083893", kpp: "773601001", name: "ООО «Книги»" })).id;
    idle = (await post(r.tenants, "/api/v1/tenants", { inn: "500100732259", name: "ИП Тихонов" })).id;
    const k1 = await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000301", tenantId });
    const k2 = await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000302", tenantId });
    // A register that sold nothing in March (silent): still listed.
    await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000303", tenantId });
    const p1 = await post(r.premises, "/api/v1/premises", { code: "2-10", areaM2: "50.25" });
    const p2 = await post(r.premises, "/api/v1/premises", { code: "2-11", areaM2: "20.00" });
    await post(r.contracts, "/api/v1/contracts", {
      number: "К-1/2026", tenantId, premisesIds: [p1.id, p2.id], start: "2026-01-01", end: "2026-12-31", currency: "RUB",
      kkts: [{ rnm: "0000000000000301" }, { rnm: "0000000000000302" }],
      terms: [{ effectiveFrom: "2026-01-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: "22" }],
    });
    // March: register 1 sells 1 000 000.00 (with 10 000.00 refunded), register 2 500 000.00; one day in April is not March.
    const ins = (kkt: string, day: string, income: number, refunds: number) =>
      engine.query(`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values ($1, $2, $3, 'renta:kkt-full-data', $4, $5)`, [A.id, kkt, day, income, refunds]);
    for (let d = 1; d <= 31; d++) {
      const day = `2026-03-${String(d).padStart(2, "0")}`;
      await ins(k1.id, day, d === 31 ? 100_000_000 - 30 * 3_000_000 : 3_000_000, d === 5 ? 1_000_000 : 0);
      if (d <= 10) await ins(k2.id, day, 5_000_000, 0);
    }
    await ins(k1.id, "2026-04-01", 999_999_999, 0);
    const computed = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period: "2026-03" });
    expect(computed.status, computed.text).toBe(200);
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("gives the month's turnover by register, the statement, the occupancy cost and sales per m², exactly", async () => {
    const d = await tenantDashboard(engine.db, A.users.accountant.actor, tenantId, march);
    expect(d.tenant).toMatchObject({ name: "ООО «Книги»", inn: "7707083893" });
    // Net: 1 000 000.00 − 10 000.00 + 500 000.00 = 1 490 000.00.
    expect(d.registers).toEqual([
      { id: expect.any(String), rnm: "0000000000000301", net: 99_000_000n, days: 31 },
      { id: expect.any(String), rnm: "0000000000000302", net: 50_000_000n, days: 10 },
      { id: expect.any(String), rnm: "0000000000000303", net: 0n, days: 0 },
    ]);
    expect(d.net).toBe(149_000_000n);
    // percentage_only 10 %, VAT on top: total 149 000.00 × 1.22 = 181 780.00.
    expect(d.rent).toBe(14_900_000n);
    expect(d.total).toBe(18_178_000n);
    expect(d.contracts).toEqual([{ id: expect.any(String), number: "К-1/2026", premises: ["2-10", "2-11"], statement: { id: expect.any(String), status: "draft", needsRevision: false, rent: 14_900_000n, total: 18_178_000n } }]);
    // Occupancy cost 149 000.00 ÷ 1 490 000.00 = 10.0 %; area 50.25 + 20.00 = 70.25 m²;
    // net per m² 1 490 000.00 ÷ 70.25 = 21 209.9644… → 21 209.96.
    expect(d.occupancyCostTenths).toBe(100n);
    expect(d.areaHundredths).toBe(7025n);
    expect(d.netPerM2).toBe(2_120_996n);
    expect(d.history).toEqual([{ month: "2026-03", net: 149_000_000n }]);
    // Thirteen months, newest first, with the rent of each; the months without data say so.
    expect(d.months.map((x) => x.month)).toEqual(["2026-03", "2026-02", "2026-01", "2025-12", "2025-11", "2025-10", "2025-09", "2025-08", "2025-07", "2025-06", "2025-05", "2025-04", "2025-03"]);
    expect(d.months[0]).toEqual({ month: "2026-03", net: 149_000_000n, statements: 1, issued: 0, rent: 14_900_000n, total: 18_178_000n, occupancyCostTenths: 100n });
    expect(d.months[1]).toEqual({ month: "2026-02", net: 0n, statements: 0, issued: 0, rent: null, total: null, occupancyCostTenths: null });
    // Issued and revised: the month counts the latest revision once.
    await issueStatement(engine.db, A.users.accountant.actor, d.contracts[0].statement!.id);
    await reviseStatement(engine.db, A.users.accountant.actor, d.contracts[0].statement!.id, "check");
    const after = await tenantDashboard(engine.db, A.users.accountant.actor, tenantId, march);
    expect(after.months[0]).toMatchObject({ statements: 1, issued: 0, rent: 14_900_000n, total: 18_178_000n });
    await issueStatement(engine.db, A.users.accountant.actor, after.contracts[0].statement!.id);
    expect((await tenantDashboard(engine.db, A.users.accountant.actor, tenantId, march)).months[0]).toMatchObject({ statements: 1, issued: 1 });
  });

  it("a tenant without turnover, contracts or statements shows none, not zeros that look computed", async () => {
    const d = await tenantDashboard(engine.db, A.users.owner.actor, idle, march);
    expect(d).toMatchObject({ net: 0n, registers: [], contracts: [], rent: null, total: null, occupancyCostTenths: null, areaHundredths: null, netPerM2: null });
  });

  it("another organisation's tenant is not found, and nothing of it is shown", async () => {
    await expect(tenantDashboard(engine.db, B.users.owner.actor, tenantId, march)).rejects.toMatchObject({ code: "not_found" });
  });
});

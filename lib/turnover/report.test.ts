import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { createKkt, createTenant } from "@/lib/tenancy/tenancy";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";

describe.each(testEngines)("GET /api/v1/turnover on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let route: typeof import("@/app/api/v1/turnover/route");
  let tenantId: string;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Turnover A");
    B = await createOrgFixture(engine, "Turnover B");
    route = await import("@/app/api/v1/turnover/route");
    const admin = A.users.admin.actor;
    const t = await createTenant(engine.db, admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Оборот»" });
    tenantId = t.id;
    const k1 = await createKkt(engine.db, admin, { rnm: "0000000000000201", tenantId: t.id });
    const k2 = await createKkt(engine.db, admin, { rnm: "0000000000000202", tenantId: t.id });
    const ins = (kkt: string, day: string, source: string, income: bigint, refunds: bigint, receipts: number) =>
      engine.query(`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds, receipts) values ($1, $2, $3, $4, $5, $6, $7)`, [A.id, kkt, day, source, income.toString(), refunds.toString(), receipts]);
    await ins(k1.id, "2026-01-31", "renta:kkt-full-data", 1294841173n, 100n, 10);
    await ins(k1.id, "2026-01-31", "tenant-reported", 999n, 0n, 1); // loses to the provider
    await ins(k1.id, "2026-02-01", "renta:kkt-full-data", 50000n, 0n, 2);
    await ins(k1.id, "2026-02-01", "manual", 70000n, 5000n, 3); // wins over the provider
    await ins(k2.id, "2026-02-01", "renta:kkt-full-data", 9000000000000n, 0n, 4); // 90 billion roubles: still exact
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("sums the best source per register-day, by every key, exactly", async () => {
    const get = (qs: string, key = A.keys.accountant) => callRoute(route.GET, "GET", `/api/v1/turnover?${qs}`, key);
    const byDay = await get("from=2026-01-01&to=2026-02-28&groupBy=day");
    expect(byDay.status, byDay.text).toBe(200);
    expect(byDay.json).toEqual({
      currency: "RUB",
      data: [
        { key: { date: "2026-01-31" }, income: 1294841173, refunds: 100, net: 1294841073, receipts: 10, days: 1 },
        { key: { date: "2026-02-01" }, income: 70000 + 9000000000000, refunds: 5000, net: 65000 + 9000000000000, receipts: 7, days: 1 },
      ],
    });
    const byMonth = await get("from=2026-01-01&to=2026-01-31&groupBy=month");
    expect(byMonth.json.data).toEqual([{ key: { month: "2026-01" }, income: 1294841173, refunds: 100, net: 1294841073, receipts: 10, days: 1 }]);
    const byKkt = await get("from=2026-02-01&to=2026-02-01&groupBy=kkt");
    expect(byKkt.json.data.map((r: { key: object }) => r.key)).toEqual([{ rnm: "0000000000000201" }, { rnm: "0000000000000202" }]);
    const byTenant = await get(`from=2026-01-31&to=2026-01-31&groupBy=tenant&tenantId=${tenantId}`);
    expect(byTenant.json.data).toEqual([{ key: { tenantId, inn: "7707083893", name: "ООО «Оборот»" }, income: 1294841173, refunds: 100, net: 1294841073, receipts: 10, days: 1 }]);
    const byCategory = await get("from=2026-01-31&to=2026-01-31&groupBy=category");
    expect(byCategory.json.data[0].key).toEqual({ category: "" });
    const csv = await get("from=2026-01-31&to=2026-01-31&groupBy=kkt&format=csv");
    expect(csv.text).toBe("\uFEFFrnm;income;refunds;net;receipts;days\r\n0000000000000201;12948411.73;1.00;12948410.73;10;1\r\n");
    const tenantCsv = await get("from=2026-01-31&to=2026-01-31&groupBy=tenant&format=csv");
    expect(tenantCsv.text).toBe(`\uFEFFtenantId;inn;name;income;refunds;net;receipts;days\r\n${tenantId};7707083893;ООО «Оборот»;12948411.73;1.00;12948410.73;10;1\r\n`);
    // One category's stores only: register 201 is in a store of category «Кафе», register 202 in none.
    const store = crypto.randomUUID();
    await engine.query(`insert into stores (id, org_id, name, category_override) values ($1, $2, 'Кофейня', 'Кафе')`, [store, A.id]);
    await engine.query(`update kkts set store_id = $1 where org_id = $2 and rnm = '0000000000000201'`, [store, A.id]);
    const cafe = await get(`from=2026-02-01&to=2026-02-01&groupBy=kkt&category=${encodeURIComponent("Кафе")}`);
    expect(cafe.json.data).toEqual([{ key: { rnm: "0000000000000201" }, income: 70000, refunds: 5000, net: 65000, receipts: 3, days: 1 }]);
    const none = await get("from=2026-02-01&to=2026-02-01&groupBy=tenant&category=");
    expect(none.json.data).toEqual([{ key: { tenantId, inn: "7707083893", name: "ООО «Оборот»" }, income: 9000000000000, refunds: 0, net: 9000000000000, receipts: 4, days: 1 }]);
    expect((await get("from=2026-02-01&to=2026-02-01&groupBy=category")).json.data.map((r: { key: { category: string }; net: number }) => [r.key.category, r.net])).toEqual([["", 9000000000000], ["Кафе", 65000]]);
    await engine.query(`update kkts set store_id = null where org_id = $1`, [A.id]);
    expect((await get("from=2026-02-01&to=2026-01-01")).json.error.fields["query.to"]).toBeDefined();
    // Another organisation sees none of it.
    expect((await get("from=2026-01-01&to=2026-02-28&groupBy=day", B.keys.owner)).json.data).toEqual([]);
  });
});

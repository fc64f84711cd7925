import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { listContractStatements, listNeedingRevision } from "@/lib/statements/statements";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
  adjustments: await import("@/app/api/v1/adjustments/route"),
  adjustment: await import("@/app/api/v1/adjustments/[id]/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
  issue: await import("@/app/api/v1/statements/[id]/issue/route"),
  revise: await import("@/app/api/v1/statements/[id]/revise/route"),
  statements: await import("@/app/api/v1/statements/route"),
});

describe.each(testEngines)("manual turnover adjustments on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  let contractId: string;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Adjust Mall A");
    B = await createOrgFixture(engine, "Adjust Mall B");
    r = await routes();
    const admin = A.keys.admin;
    const tenant = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Онлайн-витрина»" });
    const kkt = await callRoute(r.kkts.POST, "POST", "/api/v1/kkts", admin, { rnm: "0000000003065868", tenantId: tenant.json.id });
    // greater_of: 100 000.00 a month or 10 % of turnover.
    const made = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, {
      number: "ADJ-1", tenantId: tenant.json.id, premisesIds: [], start: "2026-01-01", end: "2026-06-30", currency: "RUB",
      kkts: [{ rnm: "0000000003065868" }],
      terms: [{ effectiveFrom: "2026-01-01", mode: "greater_of", baseRent: { monthly: 10000000 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }],
    });
    expect(made.status, made.text).toBe(201);
    contractId = made.json.id;
    // March: 1 200 000.00 of fiscal turnover, on 31 March.
    await engine.query(
      `insert into turnover_daily (org_id, kkt_id, day, source, income, refunds)
       select $1, $2, d::date, 'renta:kkt-full-data', case when d = '2026-03-31' then 120000000 else 0 end, 0 from generate_series('2026-03-01'::date, '2026-03-31'::date, '1 day') d`,
      [A.id, kkt.json.id],
    );
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  const compute = async (period: string) => {
    const res = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period, contractIds: [contractId] });
    expect(res.status, res.text).toBe(200);
    return res.json.data[0];
  };
  const add = (key: string, body: Record<string, unknown>) => callRoute(r.adjustments.POST, "POST", "/api/v1/adjustments", key, body);

  it("refuses what is not an adjustment, next to the field, and lets only owners and accountants make one", async () => {
    const ok = { contractId, period: "2026-03", amount: 5000000, reason: "Online orders outside the registers" };
    const fields = async (body: Record<string, unknown>) => {
      const res = await add(A.keys.accountant, body);
      expect(res.status, res.text).toBe(400);
      return res.json.error.fields as Record<string, string[]>;
    };
    expect((await fields({ ...ok, amount: 0 }))["body.amount"][0]).toBe("An adjustment of zero changes nothing");
    expect((await fields({ ...ok, amount: 1.5 }))["body.amount"][0]).toBe("Amounts are whole kopecks");
    expect((await fields({ ...ok, amount: "50000.00" }))["body.amount"]).toBeDefined();
    expect((await fields({ ...ok, reason: "x" }))["body.reason"][0]).toContain("Say why");
    expect((await fields({ ...ok, period: "2026-13" }))["body.period"][0]).toBe("Use YYYY-MM");
    expect((await fields({ ...ok, period: "2026-07" })).period[0]).toBe("A month from 2026-01 to 2026-06");
    expect((await add(A.keys.admin, ok)).status).toBe(403);
    // Another organisation's key cannot reach this contract, nor see or remove its adjustments.
    expect((await add(B.keys.owner, ok)).status).toBe(404);
    const own = await add(A.keys.owner, { ...ok, amount: 100, reason: "Owner's test entry" });
    expect(own.status, own.text).toBe(201);
    const foreign = await callRoute(r.adjustments.GET, "GET", "/api/v1/adjustments?period=2026-03", B.keys.owner);
    expect(foreign.json.data).toEqual([]);
    expect((await callRoute(r.adjustment.DELETE, "DELETE", `/api/v1/adjustments/${own.json.id}`, B.keys.owner, undefined, { id: own.json.id })).status).toBe(404);
    expect((await callRoute(r.adjustment.DELETE, "DELETE", `/api/v1/adjustments/${own.json.id}`, A.keys.admin, undefined, { id: own.json.id })).status).toBe(403);
    const gone = await callRoute(r.adjustment.DELETE, "DELETE", `/api/v1/adjustments/${own.json.id}`, A.keys.owner, undefined, { id: own.json.id });
    expect(gone.status, gone.text).toBe(204);
    const audit = (await engine.query(`select action from audit_events where org_id = $1 and entity_id = $2 order by id`, [A.id, own.json.id])) as { rows: { action: string }[] };
    expect(audit.rows.map((x) => x.action)).toEqual(["adjustment.created", "adjustment.deleted"]);
  });

  it("counts in the next compute as a line with reason and author; one an issued statement counted is reversed, not deleted", async () => {
    const before = await compute("2026-03");
    // 10 % × 1 200 000.00 = 120 000.00 > 100 000.00
    expect(before).toMatchObject({ turnover: 120000000, rent: 12000000 });

    const made = await add(A.keys.accountant, { contractId, period: "2026-03", amount: 50000000, reason: "Онлайн-заказы мимо касс, письмо от 02.04" });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ contractId, contractNumber: "ADJ-1", period: "2026-03", amount: 50000000, author: 'API key "accountant key"' });
    const listed = await callRoute(r.adjustments.GET, "GET", `/api/v1/adjustments?period=2026-03&contractId=${contractId}`, A.keys.admin);
    expect(listed.json.data.map((a: { id: string }) => a.id)).toEqual([made.json.id]);

    const march = await compute("2026-03");
    // (1 200 000.00 + 500 000.00) × 10 % = 170 000.00
    expect(march).toMatchObject({ id: before.id, turnover: 170000000, rent: 17000000, total: 17000000 });
    const line = march.lines.find((l: { key: string }) => l.key.startsWith("adjustment."));
    expect(line).toMatchObject({ amount: 50000000 });
    expect(line.label).toContain("Онлайн-заказы мимо касс");
    expect(JSON.stringify(march.lines)).toContain('API key \\"accountant key\\"');

    expect((await callRoute(r.issue.POST, "POST", `/api/v1/statements/${march.id}/issue`, A.keys.accountant, undefined, { id: march.id })).status).toBe(200);
    const refused = await callRoute(r.adjustment.DELETE, "DELETE", `/api/v1/adjustments/${made.json.id}`, A.keys.accountant, undefined, { id: made.json.id });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe("Revision 1 of 2026-03, issued, counts this adjustment: add a reversing adjustment instead");

    // The correction: a reversing adjustment; the issued statement is flagged, then revised.
    expect((await add(A.keys.accountant, { contractId, period: "2026-03", amount: -50000000, reason: "Reversal: the orders were refunded" })).status).toBe(201);
    const flagged = await compute("2026-03");
    expect(flagged).toMatchObject({ id: march.id, status: "issued", needsRevision: true, turnover: 170000000 });
    // Every month page lists the months with issued statements that need a revision; another organisation sees none.
    expect(await listNeedingRevision(engine.db, A.users.accountant.actor)).toEqual([{ period: "2026-03", count: 1 }]);
    expect(await listNeedingRevision(engine.db, B.users.accountant.actor)).toEqual([]);
    const revised = await callRoute(r.revise.POST, "POST", `/api/v1/statements/${march.id}/revise`, A.keys.accountant, { reason: "Online orders refunded" }, { id: march.id });
    expect(revised.status, revised.text).toBe(201);
    expect(revised.json).toMatchObject({ revision: 2, status: "draft", turnover: 120000000, rent: 12000000 });
    expect(revised.json.lines.filter((l: { key: string }) => l.key.startsWith("adjustment.")).map((l: { amount: number }) => l.amount)).toEqual([50000000, -50000000]);

    // Revised: the latest revision is a draft, so the month no longer needs one.
    expect(await listNeedingRevision(engine.db, A.users.accountant.actor)).toEqual([]);
    // The contract's page lists its months: the latest revision of each, with how many there are; nothing for another organisation.
    expect(await listContractStatements(engine.db, A.users.accountant.actor, contractId)).toEqual([
      expect.objectContaining({ id: revised.json.id, period: "2026-03", revision: 2, status: "draft", revisions: 2, total: 12000000n }),
    ]);
    expect(await listContractStatements(engine.db, B.users.owner.actor, contractId)).toEqual([]);
  });
});

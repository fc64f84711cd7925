import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { unzipSync } from "fflate";
import { callRoute } from "@/test/api-client";
import { extractPdfText } from "@/test/pdf-text";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  premises: await import("@/app/api/v1/premises/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
  contract: await import("@/app/api/v1/contracts/[id]/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
  statements: await import("@/app/api/v1/statements/route"),
  statement: await import("@/app/api/v1/statements/[id]/route"),
  issue: await import("@/app/api/v1/statements/[id]/issue/route"),
  revise: await import("@/app/api/v1/statements/[id]/revise/route"),
});

describe.each(testEngines)("contracts and statements over the API on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Stmt Mall A");
    B = await createOrgFixture(engine, "Stmt Mall B");
    r = await routes();
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("from a contract and its registers' turnover to an issued, revised statement", async () => {
    const admin = A.keys.admin;
    const acc = A.keys.accountant;
    const bad = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083894", kpp: "773601001", name: "X" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields["body.inn"][0]).toContain("check digits");
    const tenant = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Кофейня»" });
    expect(tenant.status).toBe(201);
    const kkt = await callRoute(r.kkts.POST, "POST", "/api/v1/kkts", admin, { rnm: "0000000003065868", tenantId: tenant.json.id });
    expect(kkt.status).toBe(201);
    const prem = await callRoute(r.premises.POST, "POST", "/api/v1/premises", admin, { code: "1-17", areaM2: "85.25", floor: "1" });
    expect(prem.json).toMatchObject({ code: "1-17", areaM2: "85.25" });

    const body = {
      number: "Д-17/2026", tenantId: tenant.json.id, premisesIds: [prem.json.id], start: "2026-01-01", end: "2026-12-31", currency: "RUB",
      kkts: [{ rnm: "0000000003065868" }],
      terms: [{ effectiveFrom: "2026-01-01", mode: "greater_of", baseRent: { perM2Monthly: 150000 }, tiers: [{ from: 0, rate: "8" }], basis: { refunds: "net", vat: "included" }, vatOnRent: "22" }],
    };
    const gap = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, { ...body, terms: [{ ...body.terms[0], effectiveFrom: "2026-02-01" }] });
    expect(gap.status).toBe(400);
    expect(gap.json.error.fields["body.terms.0.effectiveFrom"][0]).toContain("no gap");
    expect((await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", acc, body)).status).toBe(403);
    const contract = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, body);
    expect(contract.status, contract.text).toBe(201);
    expect(contract.json.terms[0]).toMatchObject({ baseRent: { perM2Monthly: 150000 }, vatOnRent: "22" });
    const twice = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, { ...body, number: "Д-18/2026" });
    expect(twice.status).toBe(409);
    expect(twice.json.error.fields["kkts.0.rnm"][0]).toContain("Д-17/2026");

    // Turnover as the sync stores it: January, every day 50 000.00 income and 1 000.00 refunds, but the 31st missing.
    for (let d = 1; d <= 30; d++) {
      await engine.query(`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values ($1, $2, $3, 'renta:kkt-full-data', 5000000, 100000)`, [A.id, kkt.json.id, `2026-01-${String(d).padStart(2, "0")}`]);
    }
    const computed = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", acc, { period: "2026-01" });
    expect(computed.status, computed.text).toBe(200);
    const s = computed.json.data[0];
    // T = 30 × (50 000.00 − 1 000.00) = 1 470 000.00; B = 85.25 × 1 500.00 = 127 875.00; 8 % × T = 117 600.00 → base wins; VAT 22 % = 28 132.50
    expect(s).toMatchObject({ period: "2026-01", status: "draft", revision: 1, turnover: 147000000, baseRent: 12787500, percentageRent: 11760000, rent: 12787500, vat: 2813250, total: 15600750 });
    expect(s.flags).toEqual([expect.objectContaining({ code: "missing_days", rnm: "0000000003065868", days: ["2026-01-31"] })]);
    expect(s.lines.find((l: { key: string }) => l.key === "total").amount).toBe(15600750);

    // Another organisation's key sees none of it.
    expect((await callRoute(r.statement.GET, "GET", `/api/v1/statements/${s.id}`, B.keys.owner, undefined, { id: s.id })).status).toBe(404);
    expect((await callRoute(r.contract.GET, "GET", `/api/v1/contracts/${contract.json.id}`, B.keys.owner, undefined, { id: contract.json.id })).status).toBe(404);
    expect((await callRoute(r.issue.POST, "POST", `/api/v1/statements/${s.id}/issue`, B.keys.owner, undefined, { id: s.id })).status).toBe(404);
    expect((await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", B.keys.owner, { period: "2026-01", contractIds: [contract.json.id] })).status).toBe(404);

    // Issue; then nothing can change it: not a recompute, not a second issue, not SQL.
    expect((await callRoute(r.issue.POST, "POST", `/api/v1/statements/${s.id}/issue`, admin, undefined, { id: s.id })).status).toBe(403);
    const issued = await callRoute(r.issue.POST, "POST", `/api/v1/statements/${s.id}/issue`, acc, undefined, { id: s.id });
    expect(issued.json.status).toBe("issued");
    expect((await callRoute(r.issue.POST, "POST", `/api/v1/statements/${s.id}/issue`, acc, undefined, { id: s.id })).status).toBe(409);
    await expect(engine.query(`update rent_statements set total = 1 where id = $1`, [s.id])).rejects.toThrow();

    // A late receipt for the 31st: the issued statement is flagged, unchanged.
    await engine.query(`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values ($1, $2, '2026-01-31', 'renta:kkt-full-data', 500000000, 0)`, [A.id, kkt.json.id]);
    const again = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", acc, { period: "2026-01" });
    expect(again.json.data[0]).toMatchObject({ id: s.id, status: "issued", total: 15600750, needsRevision: true });

    const revised = await callRoute(r.revise.POST, "POST", `/api/v1/statements/${s.id}/revise`, acc, { reason: "Late receipts of 31 January" }, { id: s.id });
    expect(revised.status, revised.text).toBe(201);
    // T = 1 470 000.00 + 5 000 000.00 = 6 470 000.00; 8 % = 517 600.00 > 127 875.00; VAT 113 872.00; total 631 472.00
    expect(revised.json).toMatchObject({ revision: 2, status: "draft", reason: "Late receipts of 31 January", turnover: 647000000, rent: 51760000, vat: 11387200, total: 63147200, flags: [] });
    expect(revised.json.lines.find((l: { key: string }) => l.key === "revision.difference").amount).toBe(63147200 - 15600750);
    const list = await callRoute(r.statements.GET, "GET", "/api/v1/statements?period=2026-01", acc);
    expect(list.json.data.map((x: { revision: number }) => x.revision)).toEqual([2]);

    const csv = await callRoute(r.statements.GET, "GET", "/api/v1/statements?period=2026-01&format=csv", acc);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text).toContain("Д-17/2026;ООО «Кофейня»;2;draft;RUB;6470000.00;127875.00;517600.00;517600.00;113872.00;631472.00;");
    const one = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${s.id}?format=csv`, acc, undefined, { id: s.id });
    expect(one.text.startsWith("\uFEFF")).toBe(true);
    expect(one.text).toContain("Итого;156007.50");
    const pdf = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${s.id}?format=pdf`, acc, undefined, { id: s.id });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect(extractPdfText(Buffer.from(pdf.bytes)).join(" ").replace(/[\s\u00a0]+/g, " ")).toContain("156 007,50");
    const xlsx = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${s.id}?format=xlsx`, acc, undefined, { id: s.id });
    expect(xlsx.headers.get("content-disposition")).toMatch(/filename="statement-D-17-2026-2026-01-r1\.xlsx"/);
    const zip = await callRoute(r.statements.GET, "GET", "/api/v1/statements?period=2026-01&format=zip", acc);
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual(["statement-D-17-2026-2026-01-r2.pdf", "statement-D-17-2026-2026-01-r2.xlsx", "statements-2026-01.csv", "statements-2026-01.xlsx"]);
    expect((await callRoute(r.statement.GET, "GET", `/api/v1/statements/${s.id}?format=docx`, acc, undefined, { id: s.id })).status).toBe(400);

    const audit = await engine.query(`select action from audit_events where org_id = $1 order by id`, [A.id]);
    expect(audit.rows.map((x) => x.action)).toEqual(expect.arrayContaining(["contract.created", "statements.computed", "statement.issued", "statement.revised"]));
  });
});

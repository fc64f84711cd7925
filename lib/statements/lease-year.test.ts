import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import ExcelJS from "exceljs";
import { callRoute } from "@/test/api-client";
import { extractPdfText } from "@/test/pdf-text";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
  statement: await import("@/app/api/v1/statements/[id]/route"),
  contract: await import("@/app/api/v1/contracts/[id]/route"),
  end: await import("@/app/api/v1/contracts/[id]/end/route"),
});

describe.each(testEngines)("lease-year reconciliation in the statements on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Lease Year Mall");
    r = await routes();
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("the year's last month carries the true-up against the months billed; without them it is flagged, not guessed", async () => {
    const admin = A.keys.admin;
    const acc = A.keys.accountant;
    const tenant = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Сезон»" });
    const kkt = await callRoute(r.kkts.POST, "POST", "/api/v1/kkts", admin, { rnm: "0000000003065868", tenantId: tenant.json.id });
    // percentage_only: 5 % to 100 000.00 a month, 10 % above, capped at 10 000.00 a month; VAT 22 % on top.
    const made = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, {
      number: "LY-1", tenantId: tenant.json.id, premisesIds: [], start: "2025-01-01", end: "2026-12-31", currency: "RUB", leaseYearReconciliation: true,
      kkts: [{ rnm: "0000000003065868" }],
      terms: [{ effectiveFrom: "2025-01-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "5" }, { from: 10000000, rate: "10" }], pctCap: 1000000, basis: { refunds: "net", vat: "included" }, vatOnRent: "22" }],
    });
    expect(made.status, made.text).toBe(201);
    expect(made.json.leaseYearReconciliation).toBe(true);
    // Every day of 2025 has zero turnover, but 31 December: 1 950 000.00.
    await engine.query(
      `insert into turnover_daily (org_id, kkt_id, day, source, income, refunds)
       select $1, $2, d::date, 'renta:kkt-full-data', case when d = '2025-12-31' then 195000000 else 0 end, 0 from generate_series('2025-01-01'::date, '2025-12-31'::date, '1 day') d`,
      [A.id, kkt.json.id],
    );
    const compute = async (period: string) => {
      const res = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", acc, { period });
      expect(res.status, res.text).toBe(200);
      return res.json.data[0];
    };

    // December first: the year's other months have no statement yet.
    const early = await compute("2025-12");
    // 5 % × 100 000.00 + 10 % × 1 850 000.00 = 190 000.00, capped: 10 000.00; VAT 2 200.00
    expect(early).toMatchObject({ rent: 1000000, vat: 220000, total: 1220000 });
    expect(early.flags).toContainEqual({ code: "lease_year_months_missing", periods: ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11"] });
    expect(early.lines.map((l: { key: string }) => l.key)).not.toContain("leaseyear.trueup");

    for (let m = 1; m <= 11; m++) expect((await compute(`2025-${String(m).padStart(2, "0")}`)).rent).toBe(0);
    const dec = await compute("2025-12");
    // Year: 5 % × 1 200 000.00 + 10 % × 750 000.00 = 135 000.00, capped at 120 000.00; billed 10 000.00.
    // True-up 110 000.00, VAT 24 200.00: December's rent 120 000.00, VAT 26 400.00, total 146 400.00.
    expect(dec).toMatchObject({ id: early.id, rent: 12000000, vat: 2640000, total: 14640000, flags: [] });
    const line = (k: string) => dec.lines.find((l: { key: string }) => l.key === k)?.amount;
    expect([line("leaseyear.turnover"), line("leaseyear.rent"), line("leaseyear.billed"), line("leaseyear.trueup"), line("leaseyear.trueup.vat"), line("total")]).toEqual([195000000, 12000000, 1000000, 11000000, 2420000, 14640000]);
    // Stored as shown.
    const read = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${dec.id}`, acc, undefined, { id: dec.id });
    expect(read.json).toMatchObject({ rent: 12000000, vat: 2640000, total: 14640000 });
    // The documents explain it: the PDF names the true-up and the total, the XLSX total is the API's.
    const pdf = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${dec.id}?format=pdf`, acc, undefined, { id: dec.id });
    if (process.env.DUMP_PDF) (await import("node:fs")).writeFileSync(process.env.DUMP_PDF, Buffer.from(pdf.bytes));
    const text = extractPdfText(Buffer.from(pdf.bytes)).join(" ").replace(/[\s\u00a0]+/g, " ");
    expect(text).toContain("Корректировка по итогам арендного года");
    expect(text).toContain("146 400,00");
    const xlsx = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${dec.id}?format=xlsx`, acc, undefined, { id: dec.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ExcelJS.Buffer);
    const [ref] = wb.definedNames.getRanges("Total").ranges;
    const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)$/.exec(ref)!;
    expect(Math.round(((wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`).value as ExcelJS.CellFormulaValue).result as number) * 100)).toBe(14640000);
    // An ordinary month of the next year has no true-up.
    expect((await compute("2026-01")).lines.map((l: { key: string }) => l.key)).not.toContain("leaseyear.trueup");
  });

  it("takes the yearly thresholds the contract gives, and settles a year cut short by an early end, prorated", async () => {
    const admin = A.keys.admin;
    const acc = A.keys.accountant;
    const tenant = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "500100732259", name: "ИП Короткова" });
    const kkt = await callRoute(r.kkts.POST, "POST", "/api/v1/kkts", admin, { rnm: "0000000004065867", tenantId: tenant.json.id });
    expect(kkt.status, kkt.text).toBe(201);
    const body = (yearly: unknown) => ({
      number: "LY-2", tenantId: tenant.json.id, premisesIds: [], start: "2025-01-01", end: "2026-12-31", currency: "RUB", leaseYearReconciliation: true,
      kkts: [{ rnm: "0000000004065867" }],
      terms: [{ effectiveFrom: "2025-01-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "5" }, { from: 10000000, rate: "10" }], pctCap: 1000000, basis: { refunds: "net", vat: "included" }, vatOnRent: null, yearly }],
    });
    const bad = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, body({ tiers: [{ from: 100, rate: "5" }], pctFloor: 500, pctCap: 100 }));
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries(Object.entries(bad.json.error.fields as Record<string, string[]>).map(([k, v]) => [k.replace(/^body\./, ""), v[0]]));
    expect(fields).toMatchObject({ "terms.0.yearly.tiers.0.from": "The first tier starts at 0", "terms.0.yearly.pctCap": "The cap must not be below the floor" });

    // The contract's yearly cap: 100 000.00 (not 12 × 10 000.00); the yearly tiers stay 12 × the monthly ones.
    const made = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, body({ pctCap: 10000000 }));
    expect(made.status, made.text).toBe(201);
    const read = await callRoute(r.contract.GET, "GET", `/api/v1/contracts/${made.json.id}`, admin, undefined, { id: made.json.id });
    expect(read.json.terms[0].yearly).toEqual({ pctCap: 10000000 });
    await engine.query(
      `insert into turnover_daily (org_id, kkt_id, day, source, income, refunds)
       select $1, $2, d::date, 'renta:kkt-full-data', case when d = '2025-06-30' then 195000000 else 0 end, 0 from generate_series('2025-01-01'::date, '2025-06-30'::date, '1 day') d`,
      [A.id, kkt.json.id],
    );
    const compute = async (period: string) => {
      const res = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", acc, { period, contractIds: [made.json.id] });
      expect(res.status, res.text).toBe(200);
      return res.json.data[0];
    };
    for (let m = 1; m <= 5; m++) expect((await compute(`2025-0${m}`)).rent).toBe(0);
    // June, before the early end: an ordinary month, capped at 10 000.00.
    expect(await compute("2025-06")).toMatchObject({ rent: 1000000, total: 1000000 });
    expect((await compute("2025-06")).lines.map((l: { key: string }) => l.key)).not.toContain("leaseyear.trueup");

    const ended = await callRoute(r.end.POST, "POST", `/api/v1/contracts/${made.json.id}/end`, admin, { end: "2025-06-30", reason: "Арендатор съехал" }, { id: made.json.id });
    expect(ended.status, ended.text).toBe(200);
    const june = await compute("2025-06");
    // Lease year 1 is now 1 January – 30 June: 181 of 365 days. Second tier from round(1 200 000.00 × 181/365)
    // = 595 068.49; percentage 5 % × 595 068.49 = 29 753.42 + 10 % × 1 354 931.51 = 135 493.15 → 165 246.57;
    // the contract's yearly cap 100 000.00 × 181/365 = 49 589.04 (49 589.041…): rent 49 589.04, billed 10 000.00,
    // true-up 39 589.04; June's rent 10 000.00 + 39 589.04 = 49 589.04.
    const line = (k: string) => june.lines.find((l: { key: string }) => l.key === k);
    expect([line("leaseyear.rent")?.amount, line("leaseyear.billed")?.amount, line("leaseyear.trueup")?.amount]).toEqual([4958904, 1000000, 3958904]);
    expect(june).toMatchObject({ rent: 4958904, vat: 0, total: 4958904 });
    expect(line("leaseyear.rent")!.formula).toContain("yearly thresholds of the contract × 181/365 days");
    expect(line("leaseyear.turnover")!.label).toContain("2025-01-01 – 2025-06-30");
  });
});

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
});

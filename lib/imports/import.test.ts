import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import crypto from "node:crypto";
import type { Engine } from "@/db/engine";
import { listPremises } from "@/db/queries/tenancy";
import { listContractDtos } from "@/lib/contracts/contracts";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { createKkt, createTenant } from "@/lib/tenancy/tenancy";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { commitImport, previewImport } from "./import";

const csv = (lines: string[]) => new TextEncoder().encode("\uFEFF" + lines.join("\r\n"));

async function xlsx(rows: (string | number | Date)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Договоры");
  rows.forEach((r) => ws.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(testEngines)("bulk import of premises and contracts on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Import Mall");
    const admin = A.users.admin.actor;
    const t = await createTenant(engine.db, admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Импорт»" });
    await createKkt(engine.db, admin, { rnm: "0000000000000101", tenantId: t.id });
    await createKkt(engine.db, admin, { rnm: "0000000000000102", tenantId: t.id });
  });
  afterAll(async () => engine?.close());

  it("previews premises with per-row errors and imports nothing until every row is valid", async () => {
    const admin = A.users.admin.actor;
    const bad = csv(["Код;Площадь;Этаж", "1-01;85,25;1", "1-02;abc;1", "1-01;10;2", ";12;1"]);
    const p = await previewImport(engine.db, admin, "premises", "units.csv", bad);
    expect(p.valid).toBe(false);
    expect(p.rows.map((r) => [r.line, Object.keys(r.errors)])).toEqual([[2, []], [3, ["areaM2"]], [4, ["code"]], [5, ["code"]]]);
    expect(p.rows[2].errors.code).toBe("Same code as line 2");
    await expect(commitImport(engine.db, admin, "premises", "units.csv", bad)).rejects.toThrow(AppError);
    expect(await listPremises(engine.db, A.id)).toEqual([]);

    const good = csv(["code,areaM2,floor", "1-01,85.25,1", "1-02,120,1"]);
    expect((await previewImport(engine.db, admin, "premises", "units.csv", good)).valid).toBe(true);
    expect(await commitImport(engine.db, admin, "premises", "units.csv", good)).toEqual({ imported: 2 });
    expect((await listPremises(engine.db, A.id)).map((p) => [p.code, p.areaM2])).toEqual([["1-01", "85.25"], ["1-02", "120.00"]]);
    // Again: every code now exists.
    expect((await previewImport(engine.db, admin, "premises", "units.csv", good)).rows.every((r) => r.errors.code === "Premises with this code already exist")).toBe(true);
  });

  it("imports contracts from XLSX in one transaction, checking tenants, premises, registers and clashes", async () => {
    const admin = A.users.admin.actor;
    const head = ["number", "tenantInn", "tenantKpp", "premises", "start", "end", "rnms", "mode", "baseRentKind", "baseRent", "tiers", "vatOnRent", "indexation", "vatInclusive", "excludedForms", "leaseYear", "yearlyTiers", "yearlyPctCap"];
    const rowA = ["Д-1/2026", "7707083893", "773601001", "1-01", new Date(Date.UTC(2026, 0, 1)), "31.12.2026", "0000000000000101", "greater_of", "perM2Monthly", "1 500,00", "0:8|3000000:6", "22", "5@anniversary", "да", "cash, credit", "yes", "0:8|30000000:6", "1 000 000"];
    const rowB = ["Д-2/2026", "7707083893", "", "1-02", "2026-01-01", "2026-12-31", "0000000000000101", "percentage_only", "monthly", "0", "0:7", "", "", "", "", "", "", ""];
    const clash = await previewImport(engine.db, admin, "contracts", "c.xlsx", await xlsx([head, rowA, rowB]));
    expect(clash.valid).toBe(false);
    expect(clash.rows[1].errors.rnms).toBe("Register 0000000000000101 also counts on line 2 for the same days");
    const withBad = await previewImport(engine.db, admin, "contracts", "c.xlsx", await xlsx([head, rowA, ["Д-3/2026", "7707083894", "", "", "2026-01-01", "2025-12-31", "0000000000009999", "weird", "monthly", "abc", "0:120", "", "", "maybe", "barter", "", "x:8", "x"]]));
    expect(Object.keys(withBad.rows[1].errors).sort()).toEqual(["baseRent", "mode", "tenantInn", "tiers.0.rate", "vatInclusive", "excludedForms.0", "yearly.tiers.0.from", "yearly.pctCap"].sort());
    expect(withBad.rows[1].errors.vatInclusive).toBe('Write yes or no, not "maybe"');
    await expect(commitImport(engine.db, admin, "contracts", "c.xlsx", await xlsx([head, rowA, rowB]))).rejects.toThrow(/nothing was imported/);
    expect(await listContractDtos(engine.db, admin)).toEqual([]);

    rowB[6] = "0000000000000102";
    expect(await commitImport(engine.db, admin, "contracts", "c.xlsx", await xlsx([head, rowA, rowB]))).toEqual({ imported: 2 });
    const stored = await listContractDtos(engine.db, admin);
    expect(stored.map((c) => c.number)).toEqual(["Д-1/2026", "Д-2/2026"]);
    expect(stored[0]).toMatchObject({ start: "2026-01-01", end: "2026-12-31", kkts: [{ rnm: "0000000000000101" }] });
    expect(stored[0].terms[0]).toMatchObject({ mode: "greater_of", baseRent: { perM2Monthly: 150000n }, tiers: [{ from: 0n, rate: "8" }, { from: 300000000n, rate: "6" }], vatOnRent: "22", indexation: { percent: "5", on: "anniversary" } });
    expect(stored[0].leaseYearReconciliation).toBe(true);
    expect(stored[0].terms[0]).toMatchObject({ vatInclusive: true, excludedForms: ["cash", "credit"], yearly: { tiers: [{ from: 0n, rate: "8" }, { from: 3000000000n, rate: "6" }], pctCap: 100000000n } });
    expect(stored[1]).toMatchObject({ leaseYearReconciliation: false });
    expect(stored[1].terms[0]).toMatchObject({ vatInclusive: false });
    expect(stored[1].terms[0].yearly).toBeUndefined();
    // An accountant may not import.
    await expect(previewImport(engine.db, A.users.accountant.actor, "premises", "u.csv", csv(["code;area", "9;1"]))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("imports days of turnover (a tenant's report): per-row errors first, then all rows at once as the accountant", async () => {
    const acc = A.users.accountant.actor;
    const rowsIn = async () => Number(((await engine.query(`select count(*)::int as n from turnover_daily where org_id = $1`, [A.id])) as { rows: { n: number }[] }).rows[0].n);
    const bad = csv([
      "РНМ;Дата;Приход;Возвраты;НДС;Чеков;Источник",
      "0000000000000101;01.03.2026;150 000,50;1 000;25 000,08;41;",
      "0000000000009999;02.03.2026;100;;;;",
      "0000000000000101;31.02.2026;100;;;;",
      "0000000000000101;03.03.2026;12,345;;200;x;чужой",
      "0000000000000101;01.03.2026;1;;;;отчёт арендатора",
      "0000000000000102;2099-01-01;1;;;;",
    ]);
    const p = await previewImport(engine.db, acc, "turnover", "report.csv", bad);
    expect(p.valid).toBe(false);
    expect(p.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, {}],
      [3, { rnm: "No register 0000000000009999 in this organisation" }],
      [4, { date: "Use a date such as 2026-03-31 or 31.03.2026" }],
      [5, { income: "Enter an amount such as 150 000,00", receipts: "A count of receipts is a whole number", source: "tenant-reported (or empty) or manual" }],
      [6, { date: "Same register, day and source as line 2" }],
      [7, { date: "A day in the future has no turnover yet" }],
    ]);
    const before = await rowsIn();
    await expect(commitImport(engine.db, acc, "turnover", "report.csv", bad)).rejects.toThrow(/nothing was imported/);
    expect(await rowsIn()).toBe(before);

    const book = await xlsx([
      ["rnm", "date", "income", "refunds", "vat", "receipts", "source"],
      ["0000000000000101", new Date(Date.UTC(2026, 2, 1)), 150000.5, 1000, "25 000,08", 41, ""],
      ["0000000000000102", "2026-03-01", "99 999,99", "", "", "", "manual"],
    ]);
    expect((await previewImport(engine.db, acc, "turnover", "report.xlsx", book)).valid).toBe(true);
    expect(await commitImport(engine.db, acc, "turnover", "report.xlsx", book)).toEqual({ imported: 2 });
    const stored = ((await engine.query(`select k.rnm, t.day::text as day, t.source, t.income::text, t.refunds::text, t.income_vat::text as vat, t.receipts from turnover_daily t join kkts k on k.id = t.kkt_id where t.org_id = $1 order by k.rnm`, [A.id])) as { rows: unknown[] }).rows;
    expect(stored).toEqual([
      { rnm: "0000000000000101", day: "2026-03-01", source: "tenant-reported", income: "15000050", refunds: "100000", vat: "2500008", receipts: 41 },
      { rnm: "0000000000000102", day: "2026-03-01", source: "manual", income: "9999999", refunds: "0", vat: null, receipts: null },
    ]);
    // Premises and contracts stay the admin's; days of turnover are not the other way round.
    await expect(previewImport(engine.db, acc, "contracts", "c.csv", csv(["number", "x"]))).rejects.toMatchObject({ code: "forbidden" });
  });
});

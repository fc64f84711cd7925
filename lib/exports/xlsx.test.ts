import ExcelJS from "exceljs";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { majorToMinor } from "@/lib/money";
import { computeMonth } from "@/lib/rent";
import { contract, rows } from "@/lib/rent/test-helpers";
import { jsonSafe } from "@/lib/statements/dto";
import { lineLabelRu, type StatementDocument } from "./document";
import { MONEY_FORMAT, MONTH_SHEET, STATEMENT_SHEET, moneyCell, monthXlsx, statementXlsx } from "./xlsx";

const EVIL = '=HYPERLINK("http://evil.test","x")';

function sampleDoc(opts: { n?: number; tenant?: string; number?: string; income?: bigint; currency?: string; vat?: string | null; vatInclusive?: boolean } = {}): StatementDocument {
  const n = opts.n ?? 3;
  const kkts = Array.from({ length: n }, (_, i) => ({ kktId: `k${i}`, rnm: String(2_000_000_000_000_000n + BigInt(i)) }));
  const c = contract({ kkts, t: { vatOnRent: opts.vat === undefined ? "22" : opts.vat, vatInclusive: opts.vatInclusive, tiers: [{ from: 0n, rate: "7.5" }] } });
  const data = kkts.flatMap((k, i) => rows("2026-11", { income: (opts.income ?? 345_678_91n) + BigInt(i) * 333n, refunds: 1_234_57n, refundsVat: 222_22n }, k.kktId).filter((r) => !(i === 0 && r.day === "2026-11-07")));
  const st = computeMonth(c, "2026-11", data);
  return {
    statement: {
      id: `s-${opts.number ?? "1"}`, contractId: "c1", period: st.period, status: "issued", revision: 1, currency: opts.currency ?? "RUB",
      turnover: st.turnover, baseRent: st.baseRent, percentageRent: st.percentageRent, rent: st.rent, vat: st.vat, total: st.total,
      flags: jsonSafe(st.flags) as unknown[], lines: st.lines.map((l) => ({ ...l, amount: l.amount })), needsRevision: false, reason: null, computedAt: "2026-12-01T09:00:00.000Z", issuedAt: "2026-12-02T09:00:00.000Z",
    },
    landlord: { name: "АО «Галерея»", inn: "7701234567", kpp: "770101001" },
    tenant: { name: opts.tenant ?? "ООО «Ромашка»", inn: "0707083893", kpp: null },
    contract: { number: opts.number ?? "А-12/2026", start: "2026-01-01", end: "2028-12-31" },
    premises: [{ code: "1-105", areaM2: "85.25" }],
    turnoverByKkt: st.turnoverByKkt.map((k) => ({ rnm: k.rnm, turnover: k.counted, days: k.days })),
    generatedAt: new Date("2026-12-01T09:30:00Z"),
  };
}

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** "'Сводка'!$K$5" → the cell. */
function named(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const [ref] = wb.definedNames.getRanges(name).ranges;
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)$/.exec(ref ?? "");
  if (!m) throw new Error(`no defined name ${name}: ${ref}`);
  return wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
}

/** Cells back to exact minor units: a number cell holds the double nearest a two-decimal amount. */
const minor = (v: ExcelJS.CellValue) => {
  if (typeof v !== "number") throw new Error(`not a number: ${JSON.stringify(v)}`);
  return majorToMinor(v);
};

/** Sum of the cells a SUM(X1:X9) formula covers, in exact minor units. */
function sumOfRange(ws: ExcelJS.Worksheet, formula: string): bigint {
  const m = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(formula);
  if (!m || m[1] !== m[3]) throw new Error(`unexpected formula ${formula}`);
  let s = 0n;
  for (let r = Number(m[2]); r <= Number(m[4]); r++) s += minor(ws.getCell(`${m[1]}${r}`).value);
  return s;
}

describe("moneyCell", () => {
  it("writes exact two-decimal numbers that read back to the same minor units", () => {
    expect(moneyCell(129484173n)).toBe(1294841.73);
    expect(moneyCell(-5n)).toBe(-0.05);
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (v) => majorToMinor(moneyCell(v)) === v));
  });

  it("refuses amounts a double cannot hold exactly", () => expect(() => moneyCell(10n ** 15n)).toThrow(RangeError));
});

describe("statement XLSX", () => {
  it.each([
    ["VAT on top", { vat: "22" }],
    ["VAT included", { vat: "20", vatInclusive: true }],
    ["no VAT", { vat: null }],
  ] as const)("has a Total formula over its own cells equal to the statement total (%s)", async (_, opts) => {
    const doc = sampleDoc(opts);
    const wb = await load(await statementXlsx(doc));
    const ws = wb.getWorksheet(STATEMENT_SHEET)!;
    const total = named(wb, "Total");
    const v = total.value as ExcelJS.CellFormulaValue;
    expect(v.formula).toMatch(/^SUM\(E\d+:E\d+\)$/);
    expect(sumOfRange(ws, v.formula)).toBe(doc.statement.total);
    expect(minor(v.result as number)).toBe(doc.statement.total);
    expect(total.numFmt).toBe(MONEY_FORMAT);
  });

  it("writes every line's amount as a number and the register subtotal as a formula", async () => {
    const doc = sampleDoc({ n: 5 });
    const ws = (await load(await statementXlsx(doc))).getWorksheet(STATEMENT_SHEET)!;
    const amounts = new Map<string, bigint[]>();
    ws.eachRow((row) => {
      const label = row.getCell(2).value;
      const e = row.getCell(5);
      if (typeof label === "string" && typeof e.value === "number") {
        expect(e.numFmt).toBe(MONEY_FORMAT);
        amounts.set(label, [...(amounts.get(label) ?? []), minor(e.value)]);
      }
    });
    for (const l of doc.statement.lines.filter((x) => x.amount !== undefined && !x.key.startsWith("turnover."))) {
      expect(amounts.get(lineLabelRu(l)), l.labelRu).toContain(l.amount);
    }
    for (const k of doc.turnoverByKkt) expect(amounts.get(k.rnm)).toEqual([k.turnover]);
    let subtotal: ExcelJS.CellFormulaValue | undefined;
    ws.eachRow((row) => {
      if (String(row.getCell(2).value).startsWith("Итого по 5 ККТ")) subtotal = row.getCell(5).value as ExcelJS.CellFormulaValue;
    });
    expect(sumOfRange(ws, subtotal!.formula)).toBe(doc.turnoverByKkt.reduce((a, k) => a + k.turnover, 0n));
  });

  it("stores a formula-like tenant name as escaped text, never as a formula", async () => {
    const buf = await statementXlsx(sampleDoc({ tenant: EVIL, number: "+7-НЕ-ФОРМУЛА" }));
    const ws = (await load(buf)).getWorksheet(STATEMENT_SHEET)!;
    const values: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => values.push(c)));
    const tenant = values.find((c) => String(c.value).includes("HYPERLINK"))!;
    expect(tenant.type).toBe(ExcelJS.ValueType.String);
    expect(tenant.value).toBe(`'${EVIL}`);
    expect(values.some((c) => c.value === "'+7-НЕ-ФОРМУЛА")).toBe(true);
    const xml = Object.entries(unzipSync(new Uint8Array(buf))).filter(([n]) => n.startsWith("xl/")).map(([, d]) => strFromU8(d)).join("");
    expect(xml).not.toMatch(/<f>[^<]*HYPERLINK/);
  });

  it("shows flags in Russian and refuses a statement that does not add up", async () => {
    const doc = sampleDoc();
    const ws = (await load(await statementXlsx(doc))).getWorksheet(STATEMENT_SHEET)!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.some((t) => t.startsWith("ККТ 2000000000000000: нет данных об обороте за 1 дн. (07.11)"))).toBe(true);
    await expect(statementXlsx({ ...doc, statement: { ...doc.statement, total: doc.statement.total + 1n } })).rejects.toThrow(/does not add up/);
  });
});

describe("month XLSX", () => {
  it("has one row per statement and a total row of SUM formulas matching the exact sums", async () => {
    const docs = [sampleDoc({ number: "А-1" }), sampleDoc({ number: "А-2", tenant: EVIL, income: 1_000_00n }), sampleDoc({ number: "Б-3", n: 1, vat: null })];
    const wb = await load(await monthXlsx(docs));
    const ws = wb.getWorksheet(MONTH_SHEET)!;
    expect(ws.rowCount).toBe(docs.length + 2);
    expect(ws.getCell("B3").value).toBe("А-2");
    expect(ws.getCell("C3").value).toBe(`'${EVIL}`);
    expect(ws.getCell("D2").value).toBe("0707083893");
    expect(ws.getCell("M2").value).toBe("выставлен");
    const keys = ["turnover", "baseRent", "percentageRent", "rent", "vat", "total"] as const;
    keys.forEach((key, i) => {
      const col = String.fromCharCode(70 + i);
      docs.forEach((d, r) => expect(minor(ws.getCell(`${col}${r + 2}`).value)).toBe(d.statement[key]));
      const cell = ws.getCell(`${col}${docs.length + 2}`).value as ExcelJS.CellFormulaValue;
      const exact = docs.reduce((a, d) => a + d.statement[key], 0n);
      expect(cell.formula).toBe(`SUM(${col}2:${col}${docs.length + 1})`);
      expect(sumOfRange(ws, cell.formula)).toBe(exact);
      expect(minor(cell.result as number)).toBe(exact);
    });
    expect(named(wb, "Total").address).toBe(`K${docs.length + 2}`);
  });

  it("totals each currency apart when a month mixes roubles and hryvnias", async () => {
    const docs = [sampleDoc({ number: "1" }), sampleDoc({ number: "2", currency: "UAH" }), sampleDoc({ number: "3" })];
    const wb = await load(await monthXlsx(docs));
    const rub = named(wb, "Total_RUB").value as ExcelJS.CellFormulaValue;
    const uah = named(wb, "Total_UAH").value as ExcelJS.CellFormulaValue;
    expect(rub.formula).toBe('SUMIF($E$2:$E$4,"RUB",K2:K4)');
    expect(minor(rub.result as number)).toBe(docs[0].statement.total + docs[2].statement.total);
    expect(minor(uah.result as number)).toBe(docs[1].statement.total);
    await expect(monthXlsx([sampleDoc({ currency: 'R"B' })])).rejects.toThrow(RangeError);
  });

  it("writes a valid workbook for an empty month", async () => {
    const ws = (await load(await monthXlsx([]))).getWorksheet(MONTH_SHEET)!;
    expect(ws.getCell("K2").value).toBe(0);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { computeMonth } from "@/lib/rent";
import { contract, rows } from "@/lib/rent/test-helpers";
import { jsonSafe, type StatementDto } from "@/lib/statements/dto";
import { dayRangesRu, formulaRu, lineLabelRu, moneyRu, periodRu, statementFileName, type StatementDocument } from "./document";
import { renderStatementPdf } from "./pdf";
import { extractPdfText } from "@/test/pdf-text";

const squash = (s: string) => s.replace(/[\s\u00a0]+/g, "");

// ---- fixtures ---------------------------------------------------------------------------------

function dto(st: ReturnType<typeof computeMonth>, over: Partial<StatementDto> = {}): StatementDto {
  return {
    id: "s1", contractId: "c1", period: st.period, status: "draft", revision: 2, currency: "RUB",
    turnover: st.turnover, baseRent: st.baseRent, percentageRent: st.percentageRent, rent: st.rent, vat: st.vat, total: st.total,
    flags: jsonSafe(st.flags) as unknown[], lines: st.lines.map((l) => ({ ...l, amount: l.amount })), needsRevision: false, reason: null, computedAt: "2026-12-01T09:00:00.000Z", issuedAt: null,
    ...over,
  };
}

/** A tenant with `n` registers in November 2026, one of them silent on 3–5 and 9 November. */
function sampleDoc(n: number, tenantName = "ООО «Ромашка»"): StatementDocument {
  const kkts = Array.from({ length: n }, (_, i) => ({ kktId: `k${i}`, rnm: String(1_000_000_000_000_000n + BigInt(i)) }));
  const c = contract({ kkts, t: { vatOnRent: "22", tiers: [{ from: 0n, rate: "7.5" }, { from: 50_000_000n, rate: "5" }] } });
  const silent = new Set(["2026-11-03", "2026-11-04", "2026-11-05", "2026-11-09"]);
  const data = kkts.flatMap((k, i) => rows("2026-11", { income: 2_158_069_37n + BigInt(i) * 1_000_00n, refunds: 12_345_67n, refundsVat: 2_226_00n }, k.kktId).filter((r) => !(i === 1 && silent.has(r.day))));
  const st = computeMonth(c, "2026-11", data);
  return {
    statement: dto(st),
    landlord: { name: "АО «Торговый центр „Галерея“»", inn: "7701234567", kpp: "770101001" },
    tenant: { name: tenantName, inn: "7707083893", kpp: "773601001" },
    contract: { number: "А-12/2026", start: "2026-01-01", end: "2028-12-31" },
    premises: [{ code: "1-105", areaM2: "85.25" }, { code: "1-106", areaM2: "40" }],
    turnoverByKkt: st.turnoverByKkt.map((k) => ({ rnm: k.rnm, turnover: k.counted, days: k.days })),
    generatedAt: new Date("2026-12-01T09:30:00Z"),
  };
}

// ---- tests ------------------------------------------------------------------------------------

describe("Russian wording", () => {
  it.each([
    [129484173n, "1 294 841,73 ₽"], [0n, "0,00 ₽"], [5n, "0,05 ₽"], [-100n, "-1,00 ₽"], [100000000000000n, "1 000 000 000 000,00 ₽"],
  ])("formats %s minor units as %s", (v, text) => expect(moneyRu(v).replace(/\u00a0/g, " ")).toBe(text));

  it("uses the hryvnia sign for UAH and no-break spaces so amounts never wrap", () => {
    expect(moneyRu(123456n, "UAH")).toBe("1\u00a0234,56\u00a0₴");
  });

  it.each([["2026-11", "ноябрь 2026"], ["2026-01", "январь 2026"], ["2026-05", "май 2026"]])("names %s as %s", (p, ru) => expect(periodRu(p)).toBe(ru));

  it("puts engine formulas into Russian with ',' decimals and ';' between arguments", () => {
    expect(formulaRu("max(100000.00, 1035872.94)")).toBe("макс(100\u00a0000,00; 1\u00a0035\u00a0872,94)");
    expect(formulaRu("income 1200.00 − refunds 100.00 over 30 day(s)")).toBe("выручка 1200,00 − возвраты 100,00 за 30 дн.");
    expect(formulaRu("round(7.5/100 × 500000.00)")).toBe("округл(7,5/100 × 500\u00a0000,00)");
    expect(lineLabelRu({ key: "base.indexed.2026-03-01", labelRu: "Индексация 2026-03-01 на 5 %" })).toBe("Индексация 01.03.2026 на 5 %");
    expect(lineLabelRu({ key: "adjustment.1", labelRu: "Корректировка: акт 2026-11-02 на 10.50" })).toBe("Корректировка: акт 2026-11-02 на 10.50");
  });

  it("writes missing days as ranges", () => {
    expect(dayRangesRu(["2026-11-09", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-30", "2026-12-01"])).toBe("03.11–05.11, 09.11, 30.11–01.12");
  });

  it("makes safe ASCII file names from Cyrillic contract numbers", () => {
    const doc = sampleDoc(1);
    expect(statementFileName(doc, "pdf")).toBe("statement-A-12-2026-2026-11-r2.pdf");
    const evil = { ...doc, contract: { ...doc.contract, number: "../../etc/passwd №5 Щука" } };
    expect(statementFileName(evil, "pdf")).toBe("statement-etc-passwd-N5-Shchuka-2026-11-r2.pdf");
    expect(statementFileName({ ...doc, contract: { ...doc.contract, number: "«»" } }, "xlsx")).toMatch(/^statement-x-2026-11-r2\.xlsx$/);
  });
});

describe("statement PDF", () => {
  const doc = sampleDoc(80);
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await renderStatementPdf(doc);
    pages = extractPdfText(pdf);
  });

  it("is a PDF with DejaVu Sans regular and bold embedded", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/FontFile2");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\n/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\n/);
  });

  it("shows the title, parties, period, status, total and flags in Russian", () => {
    const text = squash(pages.join("\n"));
    const st = doc.statement;
    for (const s of [
      "Расчёт арендной платы", "ООО «Ромашка»", "ИНН 7707083893", "КПП 773601001", "АО «Торговый центр „Галерея“»", "ИНН 7701234567",
      "№ А-12/2026", "с 01.01.2026 по 31.12.2028", "1-105 (85,25 м²)", "ноябрь 2026", "редакция 2", "черновик",
      "РНМ", "НДС 22 %", "Итого к оплате", moneyRu(st.total), moneyRu(st.vat), moneyRu(st.rent), moneyRu(st.percentageRent), moneyRu(st.baseRent),
      "ККТ 1000000000000001: нет данных об обороте за 4 дн. (03.11–05.11, 09.11)", "Арендодатель", "Арендатор", "подпись",
    ]) expect(text, s).toContain(squash(s));
    expect(text).not.toContain("\uFFFD");
  });

  it("explains every calculation line with its amount", () => {
    const text = squash(pages.join("\n"));
    for (const l of doc.statement.lines) {
      // Register lines print once, in the register table: their formula stands for their label there.
      expect(text).toContain(squash(l.key.startsWith("turnover.") ? formulaRu(l.formula) : lineLabelRu(l)));
      if (l.amount !== undefined) expect(text).toContain(squash(moneyRu(l.amount)));
    }
    expect(text.split(squash("Оборот, ККТ")).length).toBe(1);
  });

  it("paginates many registers and lists every one of them", () => {
    expect(pages.length).toBeGreaterThan(2);
    expect(squash(pages[0])).toContain(squash(`Стр. 1 из ${pages.length}`));
    const text = squash(pages.join("\n"));
    for (const k of doc.turnoverByKkt) expect(text).toContain(k.rnm);
  });

  it("wraps a very long tenant name and an issued status", async () => {
    const long = `ООО «${"Очень длинное наименование арендатора ".repeat(8)}» ${"Ж".repeat(60)}`;
    const d = sampleDoc(2, long);
    d.statement = { ...d.statement, status: "issued", issuedAt: "2026-12-02T10:00:00.000Z", reason: "уточнены данные ККТ" };
    const text = squash(extractPdfText(await renderStatementPdf(d)).join("\n"));
    expect(text).toContain("выставлен");
    expect(text).toContain(squash("Исправление: уточнены данные ККТ"));
    expect(text.replace(/-/g, "")).toContain(squash(long));
  });
});

describe("a Kyiv mall's statement (hryvnias, PRRO registers, a ЄДРПОУ)", () => {
  it("names the tax numbers as ЄДРПОУ without a KPP, the registers as PRRO fiscal numbers, and the amounts in ₴", async () => {
    const kkts = [{ kktId: "p1", rnm: "4000070440" }, { kktId: "p2", rnm: "4000022469" }];
    const c = contract({ kkts, currency: "UAH", t: { vatOnRent: "20", tiers: [{ from: 0n, rate: "8" }] } } as never);
    const data = kkts.flatMap((k) => rows("2026-11", { income: 1_250_000_00n, refunds: 3_000_00n }, k.kktId));
    const st = computeMonth(c, "2026-11", data);
    const statement = { ...dto(st), currency: "UAH" };
    const doc: StatementDocument = {
      statement,
      landlord: { name: "ТОВ «Фортеця Плаза»", inn: "32855961", kpp: "" },
      tenant: { name: "ТОВ «Вельвет»", inn: "14360570", kpp: "" },
      contract: { number: "Ф-01/2026", start: "2026-11-01", end: "2029-10-31" },
      premises: [{ code: "Ф-01", areaM2: "240" }],
      turnoverByKkt: st.turnoverByKkt.map((k) => ({ rnm: k.rnm, turnover: k.counted, days: k.days })),
      generatedAt: new Date("2026-12-01T09:30:00Z"),
    };
    const text = squash(extractPdfText(await renderStatementPdf(doc)).join("\n"));
    for (const s of ["ЄДРПОУ 14360570", "ЄДРПОУ 32855961", "Фиск. номер ПРРО", "4000070440", "4000022469", "НДС 20 %", moneyRu(statement.total, "UAH")]) expect(text, s).toContain(squash(s));
    expect(text).not.toContain("КПП");
    expect(text).not.toContain("ИНН");
    expect(text).not.toContain("₽");
    expect(text).not.toContain("\uFFFD");
  });
});

it("prints no empty tax number for a landlord known by its name alone", async () => {
  const doc = { ...sampleDoc(1), landlord: { name: "Фортеця Плаза, Київ (демо)", inn: "", kpp: null } };
  const text = extractPdfText(await renderStatementPdf(doc as StatementDocument)).join("\n");
  const landlordBox = text.slice(text.indexOf("Фортеця Плаза"), text.indexOf("ООО «Ромашка»"));
  expect(landlordBox).toContain("Арендатор");
  expect(landlordBox).not.toContain("ИНН");
  expect(landlordBox).not.toContain("КПП");
});

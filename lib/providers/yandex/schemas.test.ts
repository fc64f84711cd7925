/** The document's own example response and every kind of bad field, read by the code path a live response takes. */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { YandexError } from "./errors";
import { kopecksToRoublesText, parseJsonExact, roublesToKopecks } from "./json";
import { dailyTurnover, toReceiptLine } from "./mapping";
import { parsePage } from "./parse";

const M = "docs/aggregations/receipts";
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

function thrown(fn: () => unknown): YandexError {
  try {
    fn();
  } catch (e) {
    if (e instanceof YandexError) return e;
    throw e;
  }
  throw new Error("expected a YandexError");
}

describe("the document's example response", () => {
  const page = parsePage(M, fixture("receipts-response.json"));

  it("reads all four documents: shift reports and the registration report with operation \"\", the receipt as приход", () => {
    expect(page.total).toBe(4);
    expect(page.data.map((d) => [d.doc_number, d.code_name, d.type, d.operation, d.operationType])).toEqual([
      [66, "открытие смены", "openShift", "", null],
      [65, "закрытие смены", "closeShift", "", null],
      [64, "чек", "receipt", "приход", "income"],
      [18, "отчет об изменении параметров регистрации", "fiscalReportCorrection", "", null],
    ]);
    expect(page.data[3]).toMatchObject({ rn: "4354364364364646", fn: "3646446464646464", shift: 0, number: 0, totalSum: 0n, fiscalSign: "123456789" });
  });

  it("makes 70.0 roubles exactly 7000 kopecks in cash", () => {
    const receipt = page.data[2];
    expect([receipt.totalSum, receipt.cashTotalSum, receipt.ecashTotalSum, receipt.prepaidSum, receipt.creditSum, receipt.provisionSum]).toEqual([7000n, 7000n, 0n, 0n, 0n, 0n]);
    expect(toReceiptLine(receipt)).toEqual({
      id: "2325436457568687/64",
      time: "2018-07-06T15:33:00",
      operation: "income",
      correction: false,
      bso: false,
      shift: 9,
      number: 1,
      docNumber: 64,
      total: 7000n,
      cash: 7000n,
      cashless: 0n,
      prepaid: 0n,
      credit: 0n,
      vat: 0n,
    });
  });

  it("makes one day of 70 roubles in cash with no VAT stated; a register with only a registration report has no row", () => {
    const rows = dailyTurnover(["0000097587029813", "4354364364364646"], page.data, "2018-06-01", "2018-07-31");
    expect(rows).toEqual([
      { rnm: "0000097587029813", day: "2018-07-06", income: 7000n, refunds: 0n, incomeCash: 7000n, incomeCashless: 0n, incomePrepaid: 0n, incomeCredit: 0n, refundsCash: 0n, refundsCashless: 0n, refundsPrepaid: 0n, refundsCredit: 0n, receipts: 1, refundReceipts: 0 },
    ]);
    expect(rows[0]).not.toHaveProperty("incomeVat");
  });

  it("every field of the documented response format is in the example and comes out of the schema under its name", () => {
    const documented = [...fixture("response-format.txt").matchAll(/"(\w+)": "?\{(?:float|integer|string)\}/g)].map((m) => m[1]).filter((k) => k !== "total").sort();
    const element = JSON.parse(fixture("receipts-response.json")).data[0] as Record<string, unknown>;
    expect(documented).toHaveLength(15);
    expect(documented).toEqual(Object.keys(element).sort());
    for (const key of documented) expect(page.data[0]).toHaveProperty(key);
  });
});

/** A valid page with one receipt whose fields the test then spoils; `extra` elements follow it. */
function body(receipt: Record<string, unknown> = {}, extra: Record<string, unknown>[] = [], tail = ""): string {
  const base: Record<string, string> = {
    operation: '"приход"',
    doc_number: "64",
    fn: '"2325436457568687"',
    number: "1",
    creditSum: "0.0",
    real_date: '"2025-06-02 15:33:00"',
    totalSum: "1234.56",
    prepaidSum: "0.0",
    rn: '"0000097587029813"',
    cashTotalSum: "1234.56",
    provisionSum: "0.0",
    shift: "9",
    code_name: '"чек"',
    ecashTotalSum: "0.0",
    fiscalSign: "120756789",
  };
  const write = (o: Record<string, unknown>) => `{${Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `"${k}":${v}`).join(",")}}`;
  const docs = [write({ ...base, ...receipt }), ...extra.map((e) => write({ ...base, doc_number: "65", ...e }))];
  return `{"data":[${docs.join(",")}],"total":${docs.length}${tail}}`;
}

describe("a field out of shape is refused with its path", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>[]?]>([
    ["a fraction of a kopeck", "data[0].totalSum must be whole kopecks, at most 2 decimals (received number 1234.567)", { totalSum: "1234.567" }],
    ["an amount as a string", 'data[0].cashTotalSum must be a number of roubles (received string "70")', { cashTotalSum: '"70"' }],
    ["a negative amount", "data[0].totalSum must not be negative (received number -1234.56)", { totalSum: "-1234.56" }],
    ["an amount in an absurd exponent", "data[0].ecashTotalSum is out of range for an amount (received number 1e400)", { ecashTotalSum: "1e400" }],
    ["a receipt without its total", "data[0].totalSum must be given for a receipt (received nothing (field missing))", { totalSum: undefined }],
    ["payment forms that do not add up", "data[0].totalSum is 1234.56 roubles, but the payment forms add up to 1000.00 (cashTotalSum 1000.00, ecashTotalSum 0.00, prepaidSum 0.00, creditSum 0.00, provisionSum 0.00) (received number 1234.56)", { cashTotalSum: "1000" }],
    ["a fractional document number", "data[0].doc_number must be a whole number (received number 64.5)", { doc_number: "64.5" }],
    ["a negative shift", "data[0].shift must not be negative (received number -9)", { shift: "-9" }],
    ["the filter's date format T", 'data[0].real_date must be a date-time YYYY-MM-DD hh:mm:ss (received string "2025-06-02T15:33:00")', { real_date: '"2025-06-02T15:33:00"' }],
    ["an impossible date", 'data[0].real_date must be a real calendar date (received string "2025-02-30 15:33:00")', { real_date: '"2025-02-30 15:33:00"' }],
    ["a blank register", 'data[0].rn must not be blank (received string "   ")', { rn: '"   "' }],
    ["a drive number as a number", "data[0].fn must be a string (received number 2325436457568687)", { fn: "2325436457568687" }],
    ["an unknown operation", 'data[0].operation must be "приход", "возврат прихода", "расход", "возврат расхода" or "" (a document that is not a receipt) (received string "продажа")', { operation: '"продажа"' }],
    ["a receipt without an operation", 'data[0].operation must name the operation of a "чек" ("приход", "возврат прихода", "расход", "возврат расхода") (received string "")', { operation: '""' }],
    ["an unknown document type with an operation", 'data[0].code_name is not a document type the document lists, yet the document has operation "приход" (received string "чек на оплату")', { code_name: '"чек на оплату"' }],
    ["the second element's sum", "data[1].prepaidSum must be whole kopecks, at most 2 decimals (received number 0.001)", {}, [{ prepaidSum: "0.001" }]],
  ])("%s", (_, message, receipt, extra) => {
    const e = thrown(() => parsePage(M, body(receipt, extra)));
    expect([e.code, e.retryable, e.method]).toEqual(["Malformed", false, M]);
    expect(e.message).toBe(`Yandex OFD docs/aggregations/receipts: ${message}`);
    expect(e.field).toBe(message.split(" ")[0]);
  });

  it("a body that is not a page says so; a cut body is retryable and located", () => {
    expect(thrown(() => parsePage(M, "[]")).message).toBe("Yandex OFD docs/aggregations/receipts: the body must be an object (received an array)");
    expect(thrown(() => parsePage(M, '{"data":{}}')).message).toBe("Yandex OFD docs/aggregations/receipts: data must be an array (received an object)");
    expect(thrown(() => parsePage(M, body({}, [], ',"total":-1')) ).message).toContain("total must not be negative (received number -1)");
    const cut = thrown(() => parsePage(M, body().slice(0, 40)));
    expect([cut.code, cut.retryable, cut.message]).toEqual(["Malformed", true, "Yandex OFD docs/aggregations/receipts: the body is invalid JSON at line 1, column 41 (unexpected end of input)"]);
  });
});

describe("what is tolerated", () => {
  it("any key order, undocumented fields, null or absent optional fields; absent payment forms are 0", () => {
    const p = parsePage(M, body({ creditSum: undefined, prepaidSum: "null", provisionSum: undefined, shift: undefined, fiscalSign: undefined, service_id: '{"x":[1.5]}', number: "null" }));
    expect(p.data[0]).toMatchObject({ totalSum: 123456n, cashTotalSum: 123456n, prepaidSum: 0n, creditSum: 0n, provisionSum: 0n, shift: null, number: null, fiscalSign: null });
    expect(p.data[0]).not.toHaveProperty("service_id");
    const reordered = `{"total":1,"data":[{"rn":"0000097587029813 ","fn":" 2325436457568687","totalSum":70.0,"ecashTotalSum":70.0,"cashTotalSum":0.0,"code_name":"Чек","operation":"Возврат прихода","doc_number":7,"real_date":"2025-06-02 10:00:00"}]}`;
    expect(parsePage(M, reordered).data[0]).toMatchObject({ rn: "0000097587029813", fn: "2325436457568687", type: "receipt", operationType: "income_return", ecashTotalSum: 7000n });
  });

  it.each([
    ["чек коррекции", "receiptCorrection"],
    ["БСО коррекции", "bsoCorrection"],
    ["бланк строгой отчётности", "bso"],
    ["Бланк строгой отчетности (БСО)", "bso"],
    ["кассовый чек", "receipt"],
  ])("code_name %s is %s", (name, type) => {
    expect(parsePage(M, body({ code_name: JSON.stringify(name) })).data[0].type).toBe(type);
  });

  it("an unlisted document type without an operation is kept as type null (never counted)", () => {
    const d = parsePage(M, body({ code_name: '"отчет о чем-то новом"', operation: '""', totalSum: "0.0", cashTotalSum: "0.0" })).data[0];
    expect([d.type, d.operationType]).toEqual([null, null]);
  });

  it("the operation in the filter's English is read too", () => {
    expect(parsePage(M, body({ operation: '"outcome_return"' })).data[0].operationType).toBe("outcome_return");
  });

  it.each([
    ["70.0", 7000n],
    ["70", 7000n],
    ["1234.5", 123450n],
    ["0.01", 1n],
    ["1.23456789E7", 1234567890n],
    ["123456789e-2", 123456789n],
    ["12345.600000", 1234560n],
    ["-0.0", 0n],
    // Beyond 2^53 kopecks: a double would lose the last digits.
    ["123456789012345678.91", 12345678901234567891n],
  ])("the amount %s is %s kopecks, from its text", (text, kopecks) => {
    expect(roublesToKopecks(text)).toEqual({ ok: true, kopecks });
    expect(parsePage(M, body({ totalSum: text, cashTotalSum: text })).data[0].totalSum).toBe(kopecks);
  });

  it("1234.5600000000000001 is a fraction of a kopeck, though a double cannot tell it from 1234.56", () => {
    expect(roublesToKopecks("1234.5600000000000001")).toEqual({ ok: false, error: "fraction" });
  });

  it("any kopeck amount survives the service's text, and any third decimal is refused", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (k) => {
        const text = kopecksToRoublesText(k);
        expect(text).toMatch(/^\d+\.\d{1,2}$/);
        expect(parsePage(M, body({ totalSum: text, cashTotalSum: text })).data[0].totalSum).toBe(k);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 1, max: 9 }), (k, d) => {
        expect(thrown(() => parsePage(M, body({ totalSum: `${kopecksToRoublesText(k).padEnd(kopecksToRoublesText(k).indexOf(".") + 3, "0")}${d}` }))).field).toBe("data[0].totalSum");
      }),
      { numRuns: 300 },
    );
  });

  it("the exact reader keeps __proto__ as data and refuses nesting beyond reason", () => {
    const r = parseJsonExact('{"__proto__":{"a":1}}');
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(parseJsonExact("[".repeat(100) + "]".repeat(100))).toEqual({ ok: false, error: "nested deeper than 64 levels" });
  });
});

import { describe, expect, it } from "vitest";
import { dailyTurnover, toReceiptLine } from "./mapping";
import { CODE_NAMES, OPERATION_NAMES, type YandexDocumentType, type YandexOperationType, type YandexReceipt } from "./schemas";

const RNM = "0000097587029813";
const OTHER = "4354364364364646";
let fdn = 1000;

/** A document as schemas.ts hands it over: type and operation already read from their Russian names. */
const doc = (type: YandexDocumentType, real_date: string, o: Partial<YandexReceipt> = {}): YandexReceipt => ({
  type,
  code_name: CODE_NAMES[type],
  operationType: null,
  operation: "",
  real_date,
  rn: RNM,
  fn: "2325436457568687",
  doc_number: ++fdn,
  shift: 9,
  number: 0,
  fiscalSign: "120756789",
  totalSum: 0n,
  cashTotalSum: 0n,
  ecashTotalSum: 0n,
  prepaidSum: 0n,
  creditSum: 0n,
  provisionSum: 0n,
  ...o,
});
const receipt = (real_date: string, o: Partial<YandexReceipt> = {}, type: YandexDocumentType = "receipt", op: YandexOperationType = "income") =>
  doc(type, real_date, { operationType: op, operation: OPERATION_NAMES[op], number: 1, ...o });
const ZERO = { income: 0n, refunds: 0n, incomeCash: 0n, incomeCashless: 0n, incomePrepaid: 0n, incomeCredit: 0n, refundsCash: 0n, refundsCashless: 0n, refundsPrepaid: 0n, refundsCredit: 0n, receipts: 0, refundReceipts: 0 };

describe("a document → a receipt line", () => {
  it.each<[YandexDocumentType, YandexOperationType, string, boolean, boolean]>([
    ["receipt", "income", "income", false, false],
    ["receipt", "income_return", "refund", false, false],
    ["receipt", "outcome", "expense", false, false],
    ["receipt", "outcome_return", "expense_refund", false, false],
    ["receiptCorrection", "income", "income", true, false],
    ["bso", "income_return", "refund", false, true],
    ["bsoCorrection", "income_return", "refund", true, true],
  ])("%s with %s (Russian in the response) → %s (correction %s, bso %s)", (type, op, operation, correction, bso) => {
    const r = receipt("2025-06-02 10:00:00", {}, type, op);
    expect(r.operation).toBe(OPERATION_NAMES[op]);
    expect(toReceiptLine(r)).toMatchObject({ operation, correction, bso });
  });

  it("payment forms map one to one, id is drive/number, time gets its T, VAT is 0 (the report has none)", () => {
    const line = toReceiptLine(receipt("2025-06-02 10:00:00", { totalSum: 1_000n, cashTotalSum: 100n, ecashTotalSum: 200n, prepaidSum: 300n, creditSum: 400n, number: 12, doc_number: 77 }));
    expect(line).toEqual({ id: "2325436457568687/77", time: "2025-06-02T10:00:00", operation: "income", correction: false, bso: false, shift: 9, number: 12, docNumber: 77, total: 1_000n, cash: 100n, cashless: 200n, prepaid: 300n, credit: 400n, vat: 0n });
  });

  it("refuses a document that is not a receipt", () => {
    expect(() => toReceiptLine(doc("openShift", "2025-06-02 09:00:00", { doc_number: 5 }))).toThrow('document 2325436457568687/5 ("открытие смены") is not a receipt');
  });
});

describe("daily turnover", () => {
  it("sums income and refunds by payment form, corrections by their operation, leaves expenses out, and states no VAT", () => {
    const docs = [
      doc("openShift", "2025-06-02 09:58:00"),
      receipt("2025-06-02 10:00:00", { totalSum: 150_000n, cashTotalSum: 50_000n, ecashTotalSum: 100_000n }),
      receipt("2025-06-02 11:00:00", { totalSum: 20_000n, prepaidSum: 15_000n, creditSum: 5_000n }, "receiptCorrection"),
      receipt("2025-06-02 12:00:00", { totalSum: 12_000n, ecashTotalSum: 12_000n }, "bso", "income_return"),
      receipt("2025-06-02 13:00:00", { totalSum: 999_999n, cashTotalSum: 999_999n }, "receipt", "outcome"),
      receipt("2025-06-02 14:00:00", { totalSum: 5n, cashTotalSum: 5n }, "receipt", "outcome_return"),
      doc("closeShift", "2025-06-02 22:01:00"),
    ];
    const rows = dailyTurnover([RNM], docs, "2025-06-02", "2025-06-02");
    expect(rows).toEqual([
      { rnm: RNM, day: "2025-06-02", ...ZERO, income: 170_000n, incomeCash: 50_000n, incomeCashless: 100_000n, incomePrepaid: 15_000n, incomeCredit: 5_000n, refunds: 12_000n, refundsCashless: 12_000n, receipts: 2, refundReceipts: 1 },
    ]);
    // undefined, never a false 0: the report gives no VAT.
    expect(rows[0]).not.toHaveProperty("incomeVat");
    expect(rows[0]).not.toHaveProperty("refundsVat");
  });

  it("a worked day without sales is zeros; a silent day has no row (missing, never zero)", () => {
    const docs = [
      doc("openShift", "2025-06-02 10:00:00"),
      doc("closeShift", "2025-06-02 22:00:00"),
      // 2025-06-03: nothing at all.
      doc("openShift", "2025-06-04 10:00:00"),
      receipt("2025-06-04 12:00:00", { totalSum: 500n, cashTotalSum: 500n }),
      doc("closeShift", "2025-06-04 22:00:00"),
    ];
    const rows = dailyTurnover([RNM], docs, "2025-06-02", "2025-06-04");
    expect(rows.map((r) => r.day)).toEqual(["2025-06-02", "2025-06-04"]);
    expect(rows[0]).toEqual({ rnm: RNM, day: "2025-06-02", ...ZERO });
    expect(rows[1].income).toBe(500n);
  });

  it("a shift past midnight counts on both calendar days; the day its close falls on alone is a worked day", () => {
    const docs = [
      doc("openShift", "2025-06-06 18:00:00"),
      receipt("2025-06-06 23:59:59", { totalSum: 1_000n, ecashTotalSum: 1_000n }),
      receipt("2025-06-07 00:00:00", { totalSum: 300n, cashTotalSum: 300n }),
      doc("closeShift", "2025-06-07 02:10:00"),
      doc("openShift", "2025-06-07 18:00:00"),
      doc("closeShift", "2025-06-08 00:20:00"),
    ];
    expect(dailyTurnover([RNM], docs, "2025-06-06", "2025-06-08").map((r) => [r.day, r.income, r.incomeCash, r.incomeCashless, r.receipts])).toEqual([
      ["2025-06-06", 1_000n, 0n, 1_000n, 1],
      ["2025-06-07", 300n, 300n, 0n, 1],
      ["2025-06-08", 0n, 0n, 0n, 0],
    ]);
  });

  it("groups by register (trimmed, in the order given) and ignores registers not asked for", () => {
    const docs = [
      receipt("2025-06-02 10:00:00", { totalSum: 100n, cashTotalSum: 100n }),
      receipt("2025-06-02 11:00:00", { rn: OTHER, totalSum: 7n, cashTotalSum: 7n }),
      receipt("2025-06-02 12:00:00", { rn: "0000000000000001", totalSum: 9n, cashTotalSum: 9n }),
    ];
    expect(dailyTurnover([` ${OTHER} `, RNM], docs, "2025-06-02", "2025-06-02").map((r) => [r.rnm, r.income])).toEqual([
      [OTHER, 7n],
      [RNM, 100n],
    ]);
    expect(dailyTurnover([], docs, "2025-06-02", "2025-06-02")).toEqual([]);
  });

  it("ignores days outside the period and documents that show no trading (registration, state, unlisted types)", () => {
    const docs = [
      receipt("2025-06-01 23:00:00", { totalSum: 7n, cashTotalSum: 7n }),
      doc("fiscalReportCorrection", "2025-06-02 09:30:00"),
      doc("currentStateReport", "2025-06-02 12:00:00"),
      { ...doc("receipt", "2025-06-02 13:00:00"), type: null, code_name: "отчет о чем-то новом" },
      receipt("2025-06-03 00:00:01", { totalSum: 9n, cashTotalSum: 9n }),
    ];
    expect(dailyTurnover([RNM], docs, "2025-06-02", "2025-06-02")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { dailyTurnover, toReceiptLine } from "./mapping";
import type { KonturDocument, KonturReceiptData, KonturReceiptDocument, KonturReceiptType, KonturShiftType } from "./schemas";

const RNM = "0000000003065868";
let fdn = 1000;

const receipt = (dateTime: string, o: Partial<KonturReceiptData> = {}, type: KonturReceiptType = "receipt"): KonturReceiptDocument => ({
  type,
  data: {
    dateTime,
    shiftNumber: 7,
    operationType: 1,
    kktRegId: RNM,
    fiscalDriveNumber: "99990788607",
    fiscalDocumentNumber: ++fdn,
    totalSum: 0n,
    cashTotalSum: 0n,
    ecashTotalSum: 0n,
    ...o,
  },
});
const shift = (type: KonturShiftType, dateTime: string): KonturDocument => ({ type, data: { dateTime, shiftNumber: 7, kktRegId: RNM, fiscalDocumentNumber: ++fdn } });
const ZERO = { income: 0n, refunds: 0n, incomeVat: 0n, refundsVat: 0n, incomeCash: 0n, incomeCashless: 0n, incomePrepaid: 0n, incomeCredit: 0n, refundsCash: 0n, refundsCashless: 0n, refundsPrepaid: 0n, refundsCredit: 0n, receipts: 0, refundReceipts: 0 };

describe("a document → a receipt line", () => {
  it.each<[KonturReceiptType, 1 | 2 | 3 | 4, string, boolean, boolean]>([
    ["receipt", 1, "income", false, false],
    ["receipt", 2, "refund", false, false],
    ["receipt", 3, "expense", false, false],
    ["receipt", 4, "expense_refund", false, false],
    ["receiptCorrection", 1, "income", true, false],
    ["bso", 2, "refund", false, true],
    ["bsoCorrection", 2, "refund", true, true],
  ])("%s with operationType %s → %s (correction %s, bso %s)", (type, operationType, operation, correction, bso) => {
    expect(toReceiptLine(receipt("2025-06-02T10:00:00", { operationType }, type))).toMatchObject({ operation, correction, bso });
  });

  it("VAT is the sum of the VAT tags present; the bases at 0 % and without VAT are not VAT", () => {
    const line = toReceiptLine(receipt("2025-06-02T10:00:00", { totalSum: 100_000n, nds18: 1_000n, nds10: 200n, nds18118: 30n, nds10110: 4n, nds0: 50_000n, ndsNo: 40_000n }));
    expect(line.vat).toBe(1_234n);
    expect(toReceiptLine(receipt("2025-06-02T10:00:00", { ndsNo: 5_000n })).vat).toBe(0n);
  });

  it("payment forms map one to one; prepayment and credit absent (FFD 1.0) are zero", () => {
    const line = toReceiptLine(receipt("2025-06-02T10:00:00", { totalSum: 1_000n, cashTotalSum: 100n, ecashTotalSum: 200n, prepaidSum: 300n, creditSum: 400n, requestNumber: 12 }));
    expect([line.total, line.cash, line.cashless, line.prepaid, line.credit, line.number, line.shift]).toEqual([1_000n, 100n, 200n, 300n, 400n, 12, 7]);
    expect(toReceiptLine(receipt("2025-06-02T10:00:00")).prepaid).toBe(0n);
    expect(toReceiptLine(receipt("2025-06-02T10:00:00")).number).toBeNull();
  });
});

describe("daily turnover", () => {
  it("sums income and refunds by payment form, corrections by their operation, and leaves expenses out", () => {
    const docs = [
      shift("openShift", "2025-06-02T09:58:00"),
      receipt("2025-06-02T10:00:00", { totalSum: 150_000n, cashTotalSum: 50_000n, ecashTotalSum: 100_000n, nds18: 25_000n }),
      receipt("2025-06-02T11:00:00", { totalSum: 20_000n, prepaidSum: 20_000n, nds18: 3_333n }, "receiptCorrection"),
      receipt("2025-06-02T12:00:00", { operationType: 2, totalSum: 12_000n, ecashTotalSum: 12_000n, nds18: 2_000n }),
      receipt("2025-06-02T13:00:00", { operationType: 3, totalSum: 999_999n, cashTotalSum: 999_999n }),
      receipt("2025-06-02T14:00:00", { operationType: 4, totalSum: 5n, cashTotalSum: 5n }, "bso"),
      shift("closeShift", "2025-06-02T22:01:00"),
    ];
    expect(dailyTurnover(RNM, docs, "2025-06-02", "2025-06-02")).toEqual([
      {
        rnm: RNM,
        day: "2025-06-02",
        ...ZERO,
        income: 170_000n,
        incomeVat: 28_333n,
        incomeCash: 50_000n,
        incomeCashless: 100_000n,
        incomePrepaid: 20_000n,
        refunds: 12_000n,
        refundsVat: 2_000n,
        refundsCashless: 12_000n,
        receipts: 2,
        refundReceipts: 1,
      },
    ]);
  });

  it("a worked day without sales is zeros; a silent day has no row (missing, never zero)", () => {
    const docs = [
      shift("openShift", "2025-06-02T10:00:00"),
      shift("closeShift", "2025-06-02T22:00:00"),
      // 2025-06-03: nothing at all.
      shift("openShift", "2025-06-04T10:00:00"),
      receipt("2025-06-04T12:00:00", { totalSum: 500n, cashTotalSum: 500n }),
      shift("closeShift", "2025-06-04T22:00:00"),
    ];
    const rows = dailyTurnover(RNM, docs, "2025-06-02", "2025-06-04");
    expect(rows.map((r) => r.day)).toEqual(["2025-06-02", "2025-06-04"]);
    expect(rows[0]).toEqual({ rnm: RNM, day: "2025-06-02", ...ZERO });
    expect(rows[1].income).toBe(500n);
  });

  it("a shift past midnight counts on both calendar days; the day its close falls on alone is a worked day", () => {
    const docs = [
      shift("openShift", "2025-06-06T18:00:00"),
      receipt("2025-06-06T23:59:59", { totalSum: 1_000n, ecashTotalSum: 1_000n }),
      receipt("2025-06-07T00:00:00", { totalSum: 300n, cashTotalSum: 300n }),
      shift("closeShift", "2025-06-07T02:10:00"),
      shift("openShift", "2025-06-07T18:00:00"),
      shift("closeShift", "2025-06-08T00:20:00"),
    ];
    const rows = dailyTurnover(RNM, docs, "2025-06-06", "2025-06-08");
    expect(rows.map((r) => [r.day, r.income, r.incomeCash, r.incomeCashless, r.receipts])).toEqual([
      ["2025-06-06", 1_000n, 0n, 1_000n, 1],
      ["2025-06-07", 300n, 300n, 0n, 1],
      ["2025-06-08", 0n, 0n, 0n, 0],
    ]);
  });

  it("ignores days outside the period and documents that show no trading", () => {
    const docs: KonturDocument[] = [
      receipt("2025-06-01T23:00:00", { totalSum: 7n, cashTotalSum: 7n }),
      { type: "currentStateReport", data: { dateTime: "2025-06-02T12:00:00", kktRegId: RNM } },
      receipt("2025-06-03T00:00:01", { totalSum: 9n, cashTotalSum: 9n }),
    ];
    expect(dailyTurnover(RNM, docs, "2025-06-02", "2025-06-02")).toEqual([]);
  });

  it("refuses a document of another register instead of counting it", () => {
    const other = receipt("2025-06-02T10:00:00", { kktRegId: "0000000000000001" });
    expect(() => dailyTurnover(RNM, [other], "2025-06-02", "2025-06-02")).toThrow(/register 0000000000000001 was given for register 0000000003065868/);
  });
});

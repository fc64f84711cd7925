import { describe, expect, it } from "vitest";
import { compareDay, summariseReceipts, type DayFigures, type ReceiptLine } from "./receipts";

const receipt = (o: Partial<ReceiptLine>): ReceiptLine => ({
  id: "r",
  time: "2026-02-10T10:00:00",
  operation: "income",
  correction: false,
  bso: false,
  shift: 1,
  number: 1,
  docNumber: 1,
  total: 0n,
  cash: 0n,
  cashless: 0n,
  prepaid: 0n,
  credit: 0n,
  vat: 0n,
  ...o,
});

describe("a day's receipts summed as a day of turnover", () => {
  const lines = [
    receipt({ total: 150_000n, cash: 50_000n, cashless: 100_000n, vat: 25_000n }),
    receipt({ total: 20_000n, prepaid: 20_000n, vat: 3_333n, correction: true }),
    receipt({ operation: "refund", total: 12_000n, cashless: 12_000n, vat: 2_000n }),
    // Expenses (the shop paying out) and their refunds are not sales.
    receipt({ operation: "expense", total: 999_999n, cash: 999_999n }),
    receipt({ operation: "expense_refund", total: 5n, cash: 5n }),
  ];
  const s = summariseReceipts(lines);

  it("counts income and refunds of income by payment form, with corrections by their operation, and leaves expenses out", () => {
    // income 1500.00 + 200.00 (a correction) = 1700.00; refunds 120.00
    expect([s.income, s.refunds, s.incomeVat, s.refundsVat]).toEqual([170_000n, 12_000n, 28_333n, 2_000n]);
    expect([s.incomeCash, s.incomeCashless, s.incomePrepaid, s.incomeCredit]).toEqual([50_000n, 100_000n, 20_000n, 0n]);
    expect([s.refundsCash, s.refundsCashless, s.refundsPrepaid, s.refundsCredit]).toEqual([0n, 12_000n, 0n, 0n]);
    expect([s.receipts, s.refundReceipts, s.otherOperations, s.corrections]).toEqual([2, 1, 2, 1]);
  });

  it("compares every stored figure; one the stored day does not give is shown but not a difference", () => {
    const stored: DayFigures = {
      income: 170_000n,
      refunds: 12_000n,
      incomeVat: 28_333n,
      incomeCash: 50_000n,
      incomeCashless: 100_000n,
      incomePrepaid: 20_000n,
      incomeCredit: 0n,
      refundsCash: null,
      refundsCashless: null,
      refundsPrepaid: null,
      refundsCredit: null,
      receipts: 2,
      refundReceipts: 1,
    };
    const same = compareDay(stored, s);
    expect(same.matches).toBe(true);
    expect(same.fields.find((f) => f.field === "refundsCashless")).toEqual({ field: "refundsCashless", stored: null, receipts: 12_000n, difference: null });
    const off = compareDay({ ...stored, income: 169_999n, receipts: 3 }, s);
    expect(off.matches).toBe(false);
    expect(off.fields.filter((f) => f.difference !== 0n && f.difference !== 0 && f.difference !== null).map((f) => [f.field, f.difference])).toEqual([
      ["income", 1n],
      ["receipts", -1],
    ]);
  });

  it("nothing stored differs wherever the receipts have something, and matches a day without receipts", () => {
    const none = compareDay(null, s);
    expect(none.matches).toBe(false);
    expect(none.fields.find((f) => f.field === "income")!.difference).toBe(170_000n);
    expect(compareDay(null, summariseReceipts([])).matches).toBe(true);
  });
});

describe("an item's VAT rate (FFD tag 1199)", () => {
  it("reads code 1 and 3 at the general rate of the receipt's day: 20 % before 2026, 22 % from 2026-01-01", async () => {
    const { itemVatRate } = await import("./receipts");
    expect([itemVatRate(1, "2025-12-31"), itemVatRate(1, "2026-01-01"), itemVatRate(3, "2025-06-01"), itemVatRate(3, "2026-11-04")]).toEqual(["20 %", "22 %", "20/120", "22/122"]);
    expect([itemVatRate(2, "2026-11-04"), itemVatRate(4, "2026-11-04"), itemVatRate(5, "2026-11-04"), itemVatRate(6, "2026-11-04")]).toEqual(["10 %", "10/110", "0 %", "no VAT"]);
  });
});

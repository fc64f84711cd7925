import { describe, expect, it } from "vitest";
import { prroDay, type ShiftFigures } from "./prro-days";

const shift = (o: Partial<ShiftFigures> = {}): ShiftFigures => ({
  isOpen: false, closedSeen: true, closedUnseen: false, income: 100_00n, refunds: 10_00n, incomeVat: 16_67n, refundsVat: 1_67n,
  incomeCash: 40_00n, incomeCashless: 60_00n, refundsCash: 10_00n, refundsCashless: 0n, receipts: 7, refundReceipts: 1, ...o,
});

describe("a PRRO register's business day from its shifts", () => {
  it("sums the shifts seen closed into the day's row", () => {
    const d = prroDay("4000070440", "2026-12-01", [shift(), shift({ income: 250_50n, incomeVat: 41_75n, incomeCash: 0n, incomeCashless: 250_50n, receipts: 3, refunds: 0n, refundsVat: 0n, refundsCash: 0n, refundReceipts: 0 })]);
    expect(d.state).toBe("complete");
    expect(d.row).toEqual({
      rnm: "4000070440", day: "2026-12-01", income: 350_50n, refunds: 10_00n, incomeVat: 58_42n, refundsVat: 1_67n,
      incomeCash: 40_00n, incomeCashless: 310_50n, refundsCash: 10_00n, refundsCashless: 0n, receipts: 10, refundReceipts: 1,
    });
  });

  it("leaves a figure unknown for the day when one shift does not give it (never a false zero)", () => {
    const d = prroDay("4000070440", "2026-12-01", [shift(), shift({ incomeVat: null, incomeCash: null, incomeCashless: null })]);
    expect(d.row).toMatchObject({ income: 200_00n, incomeVat: undefined, incomeCash: undefined, incomeCashless: undefined, refundsVat: 3_34n });
  });

  it("does not count a shift still open: the day so far is its closed shifts, or nothing", () => {
    expect(prroDay("4000070440", "2026-12-01", [shift({ isOpen: true, closedSeen: false })])).toEqual({ state: "open", row: null });
    const d = prroDay("4000070440", "2026-12-01", [shift(), shift({ isOpen: true, closedSeen: false, income: 999_00n })]);
    expect(d.state).toBe("open");
    expect(d.row?.income).toBe(100_00n);
  });

  it("gives no row for a day one of whose shifts closed between two polls, whatever the others say", () => {
    expect(prroDay("4000070440", "2026-12-01", [shift(), shift({ closedSeen: false, closedUnseen: true })])).toEqual({ state: "incomplete", row: null });
  });

  it("keeps a day of refunds only as a negative net, exactly", () => {
    const d = prroDay("4000070440", "2026-12-01", [shift({ income: 0n, refunds: 30_00n, incomeVat: 0n, refundsVat: 0n, incomeCash: 0n, incomeCashless: 0n, refundsCash: 30_00n, receipts: 0 })]);
    expect(d.row).toMatchObject({ income: 0n, refunds: 30_00n, receipts: 0, refundReceipts: 1 });
  });
});

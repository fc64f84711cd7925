/** What a shift's blocks mean: VAT only where the service lists taxes, cash and cashless only where they are all of it. */
import { describe, expect, it } from "vitest";
import { blockFigures, isVatTax, payFormKind, toShiftTotals, toTaxObject } from "./mapping";
import type { PrroBlock, PrroTax, PrroTaxObjectResponse } from "./schemas";

const tax = (name: string, sum: bigint, extra: Partial<PrroTax> = {}): PrroTax => ({ name, letter: "А", prc: "20", turnover: 0n, sum, excise_prc: null, excise_sum: 0n, ...extra });
const form = (code: string, name: string, sum: bigint) => ({ pay_form_code: code, pay_form_name: name, sum });
const block = (sum: bigint, b: Partial<PrroBlock> = {}): PrroBlock => ({ sum, orders_count: 3, pay_form: [form("0", "ГОТІВКА", sum)], tax: [tax("ПДВ А 20%", 0n)], ...b });

describe("VAT of a block", () => {
  it.each<[string, PrroTax[] | null | undefined, bigint | null]>([
    ["one VAT rate", [tax("ПДВ А 20%", 2000n)], 2000n],
    ["two VAT rates add up", [tax("ПДВ А 20%", 2000n), tax("ПДВ Б 7%", 700n, { letter: "Б", prc: "7" })], 2700n],
    ["VAT at 0 % is a known zero", [tax("ПДВ Б 0%", 0n)], 0n],
    ["a non-VAT payer's \"Без ПДВ\" is not VAT", [tax("Без ПДВ", 0n)], 0n],
    ["excise listed on its own is not VAT", [tax("Акциз 5%", 500n), tax("ПДВ А 20%", 2000n)], 2000n],
    ["excise inside a VAT entry is not VAT", [tax("ПДВ А 20%", 2000n, { excise_prc: "5", excise_sum: 500n })], 2000n],
    ["lower case and spacing do not matter", [tax("  пдв А 20%", 2000n)], 2000n],
    ["an empty tax list: taxes listed, none of them VAT", [], 0n],
    ["no tax list: unknown, never a false zero", undefined, null],
    ["a null tax list: unknown", null, null],
  ])("%s", (_, taxes, vat) => {
    expect(blockFigures(block(12000n, { tax: taxes })).vat).toBe(vat);
  });

  it("ПДВ is recognised by the name's first word only", () => {
    expect([isVatTax({ name: "ПДВ" }), isVatTax({ name: "ПДВ А 20%" }), isVatTax({ name: "Без ПДВ" }), isVatTax({ name: "ПДВА" }), isVatTax({ name: "Акциз" })]).toEqual([true, true, false, false, false]);
  });
});

describe("cash and cashless of a block", () => {
  it.each<[string, ReturnType<typeof form>[] | null | undefined, bigint, bigint | null, bigint | null]>([
    ["all cash", [form("0", "ГОТІВКА", 10000n)], 10000n, 10000n, 0n],
    ["cash and card (code 1)", [form("0", "ГОТІВКА", 4000n), form("1", "КАРТКА", 6000n)], 10000n, 4000n, 6000n],
    ["a card by name under another code", [form("0", "ГОТІВКА", 4000n), form("5", "Платіжна картка", 6000n)], 10000n, 4000n, 6000n],
    ["cashless by name", [form("7", "БЕЗГОТІВКОВА", 10000n)], 10000n, 0n, 10000n],
    ["two card terminals add up", [form("1", "КАРТКА", 3000n), form("1", "КАРТКА", 7000n)], 10000n, 0n, 10000n],
    ["prepaid in the block: no breakdown", [form("0", "ГОТІВКА", 4000n), form("2", "ПОПЕРЕДНЯ ОПЛАТА", 6000n)], 10000n, null, null],
    ["credit in the block: no breakdown", [form("1", "КАРТКА", 4000n), form("3", "КРЕДИТ", 6000n)], 10000n, null, null],
    ["forms short of the sum: no breakdown", [form("0", "ГОТІВКА", 4000n), form("1", "КАРТКА", 5000n)], 10000n, null, null],
    ["forms over the sum: no breakdown", [form("0", "ГОТІВКА", 4000n), form("1", "КАРТКА", 7000n)], 10000n, null, null],
    ["no pay_form: unknown", undefined, 10000n, null, null],
    ["an empty list for a sum: does not add up", [], 10000n, null, null],
    ["an empty list for nothing sold: zero and zero", [], 0n, 0n, 0n],
  ])("%s", (_, forms, sum, cash, cashless) => {
    const f = blockFigures(block(sum, { pay_form: forms }));
    expect([f.cash, f.cashless]).toEqual([cash, cashless]);
  });

  it("code 0 is cash whatever its name", () => {
    expect([payFormKind(form("0", "КАРТКА", 0n)), payFormKind(form("1", "ГОТІВКА", 0n)), payFormKind(form("2", "ПОПЕРЕДНЯ ОПЛАТА", 0n))]).toEqual(["cash", "cashless", "other"]);
  });
});

describe("a shift's totals", () => {
  it("a null block (the example's real: null) is nothing of that kind: zeros, all known", () => {
    expect(toShiftTotals({ real: null, ret: null })).toEqual({ income: 0n, refunds: 0n, incomeVat: 0n, refundsVat: 0n, incomeCash: 0n, incomeCashless: 0n, refundsCash: 0n, refundsCashless: 0n, receipts: 0, refundReceipts: 0 });
  });

  it("sales and returns are read each from its own block", () => {
    const real = block(123456n, { orders_count: 41, pay_form: [form("0", "ГОТІВКА", 23456n), form("1", "КАРТКА", 100000n)], tax: [tax("ПДВ А 20%", 20576n)] });
    const ret = block(5000n, { orders_count: 2, pay_form: [form("2", "ПОПЕРЕДНЯ ОПЛАТА", 5000n)], tax: null });
    expect(toShiftTotals({ real, ret })).toEqual({ income: 123456n, refunds: 5000n, incomeVat: 20576n, refundsVat: null, incomeCash: 23456n, incomeCashless: 100000n, refundsCash: null, refundsCashless: null, receipts: 41, refundReceipts: 2 });
  });
});

describe("the tax object", () => {
  const response = (data: Partial<PrroTaxObjectResponse["data"]>, shift: Partial<NonNullable<PrroTaxObjectResponse["data"]["shift"]>> = {}): PrroTaxObjectResponse => ({
    data: {
      id: "60216fd4794c4d16073afea3",
      org_name: "ТОВ \"ЗАТИШОК\"",
      address: "УКРАЇНА, м. Київ",
      name: "Затишок",
      tin: "32509506",
      ipn: "",
      num_fiscal: "4006140412",
      shift: { id: "683e9d998fb3af2d4879ded5", state: false, open_date: "03.06.2025 23:10:41", offline: true, totals: { real: null, ret: null, number: "487.0" }, ...shift },
      ...data,
    },
  });

  it("takes the business day from open_date; a blank ipn is none; offline from the register or its shift", () => {
    const o = toTaxObject(response({}));
    expect(o.shift).toMatchObject({ id: "683e9d998fb3af2d4879ded5", isOpen: false, day: "2025-06-03", openedAt: "2025-06-03T23:10:41", number: 487 });
    expect([o.ipn, o.offline, o.subscriptionEnded, o.subscriptionExpiresAt]).toEqual([null, true, false, null]);
  });

  it.each([
    ["487", 487],
    ["487.0", 487],
    ["487.5", null],
    [null, null],
  ])("totals.number %s is shift %s", (text, n) => {
    expect(toTaxObject(response({}, { totals: { real: null, ret: null, number: text } })).shift!.number).toBe(n);
  });
});

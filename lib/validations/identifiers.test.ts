import { describe, expect, it } from "vitest";
import { tenantInputSchema } from "./contracts";
import { isValidEdrpou, isValidInn, isValidKpp, isValidRegisterNumber, isValidRnm, isValidTaxNumber } from "./identifiers";

describe("tax identifiers", () => {
  it.each(["7707083893", "7736050003", "500100732259"])("accepts the valid INN %s", (inn) => expect(isValidInn(inn)).toBe(true));
  it.each(["7707083894", "500100732258", "123", "77070838930", "abcdefghij"])("refuses %s", (inn) => expect(isValidInn(inn)).toBe(false));
  it("checks KPP and RNM shapes", () => {
    expect(isValidKpp("773601001")).toBe(true);
    expect(isValidKpp("77360100")).toBe(false);
    expect(isValidRnm("0000000003065868")).toBe(true);
    expect(isValidRnm("000000000306586")).toBe(false);
  });
});

describe("Ukrainian identifiers", () => {
  // 00032129 and 14360570 are published ЄДРПОУ codes (two banks); 32855961 falls in the range with the second weights.
  it.each(["00032129", "14360570", "32855961"])("accepts the valid ЄДРПОУ %s as a tenant's tax number", (code) => {
    expect(isValidEdrpou(code)).toBe(true);
    expect(isValidTaxNumber(code)).toBe(true);
  });
  it.each(["00032128", "1436057", "143605700"])("refuses %s", (code) => expect(isValidTaxNumber(code)).toBe(false));
  it("a Russian INN is still a tax number; a register number is an RNM or a PRRO's fiscal number", () => {
    expect(isValidTaxNumber("7707083893")).toBe(true);
    expect(isValidRegisterNumber("0000000003065868")).toBe(true);
    expect(isValidRegisterNumber("4000070440")).toBe(true);
    expect(isValidRegisterNumber("40000704401")).toBe(false);
  });
  it("a Ukrainian tenant is entered without a KPP", () => {
    expect(tenantInputSchema.safeParse({ inn: "14360570", name: "ПАТ «Приклад»" }).success).toBe(true);
    const withKpp = tenantInputSchema.safeParse({ inn: "14360570", kpp: "773601001", name: "ПАТ «Приклад»" });
    expect(withKpp.success).toBe(false);
    expect(withKpp.error?.issues[0]).toMatchObject({ path: ["kpp"], message: "A Ukrainian company (ЄДРПОУ) has no KPP" });
  });
});

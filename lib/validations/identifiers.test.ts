import { describe, expect, it } from "vitest";
import { isValidInn, isValidKpp, isValidRnm } from "./identifiers";

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

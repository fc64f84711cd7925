import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDecimal, matchesQuery, textComparator } from "./sort";

describe("compareDecimal", () => {
  it.each([
    ["48.35", "48.30", 1],
    ["48.3", "48.30", 0],
    ["9.99", "10.00", -1],
    ["212.00", "64.50", 1],
    ["0.1", "0.10000000000000001", -1],
    ["12345678901234567890.01", "12345678901234567890.02", -1],
    ["-1.5", "1", -1],
    ["", "1.00", 1],
    ["abc", "", 0],
  ])("%s vs %s → %i", (a, b, want) => expect(compareDecimal(a, b)).toBe(want));

  it("orders two-decimal areas as their hundredths do, and is antisymmetric", () => {
    const area = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((h) => ({ h, s: `${h / 100n}.${String(h % 100n).padStart(2, "0")}` }));
    fc.assert(
      fc.property(area, area, (x, y) => {
        expect(compareDecimal(x.s, y.s)).toBe(x.h === y.h ? 0 : x.h < y.h ? -1 : 1);
        expect(compareDecimal(y.s, x.s)).toBe(0 - compareDecimal(x.s, y.s) || 0);
      }),
    );
  });
});

describe("textComparator", () => {
  it("sorts names for the locale, numbers as numbers, empty last", () => {
    const names = ["Вершина 10", "", "вершина 2", "Ателье Игла", "ООО «Модный дом»"];
    expect([...names].sort(textComparator("ru"))).toEqual(["Ателье Игла", "вершина 2", "Вершина 10", "ООО «Модный дом»", ""]);
  });
});

describe("matchesQuery", () => {
  it.each([
    [["ООО «Кофейня на Невском»"], "невском", true],
    [['ООО "ПЕРЕКРЁСТОК ВКУСОВ"'], "перекресток", true],
    [["Перекресток"], "ПЕРЕКРЁСТОК", true],
    [["7707083893", "773601001"], " 08389 ", true],
    [["ООО «Модный дом»", null], "кофейня", false],
    [[undefined], "", true],
  ] as const)("%j ∋ %j: %s", (texts, q, want) => expect(matchesQuery(texts, q, "ru")).toBe(want));
});
